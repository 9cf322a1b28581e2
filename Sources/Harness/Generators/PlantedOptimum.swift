import PlacementModel

/// Instances with an optimum known by construction: `m` identical hosts of capacity 100 in every
/// dimension are each cut into 3–4 VMs whose demands sum to exactly 100 in every dimension
/// (independent random cut points per dimension, parts shuffled between the host's VMs), then
/// all VMs are shuffled. Every dimension's total demand is exactly `100·m`, so the volume bound
/// L1 = m, and the construction packs them into m hosts: OPT = L1 = m, written to
/// `known.optimum` and `known.lowerBound`. Hosts offered: as many as VMs.
///
/// The "perfect packing" construction of the triplet instances of Falkenauer (1996) and of
/// Caprara & Toth (2001), generalised to d dimensions.
/// - Complexity: O(n·d).
public enum PlantedOptimum {
    public static let capacity = 100

    /// Hosts in the planted packing for `n` VMs (3.5 VMs per host on average, at least 1).
    public static func plantedHosts(vmCount n: Int) -> Int { max(1, Int((Double(n) / 3.5).rounded())) }

    /// Instance `planted_<n>_<d>_<index>` and the planted packing (VM index → host index).
    public static func makeWithPacking(vmCount requested: Int, dimensions d: Int, index: Int, seed: UInt64) -> (instance: Instance, packing: Placement) {
        let n = max(1, requested)
        let m = min(n, plantedHosts(vmCount: n))
        var random = GeneratorRandom(seed: GeneratorRandom.instanceSeed(seed: seed, name: "planted_\(n)_\(d)", index: index))
        // Items per host: n/m rounded down, the remainder given to random distinct hosts.
        var perHost = Array(repeating: n / m, count: m)
        var hostOrder = Array(0..<m)
        random.shuffle(&hostOrder)
        for i in 0..<(n % m) { perHost[hostOrder[i]] += 1 }
        var demands: [[Double]] = []
        var plantedHost: [Int] = []
        for h in 0..<m {
            let q = min(perHost[h], capacity)
            var columns: [[Double]] = []
            for _ in 0..<d {
                var cuts = Set<Int>()
                while cuts.count < q - 1 { cuts.insert(random.int(in: 1...(capacity - 1))) }
                let points = [0] + cuts.sorted() + [capacity]
                var parts = (0..<q).map { Double(points[$0 + 1] - points[$0]) }
                random.shuffle(&parts)
                columns.append(parts)
            }
            for j in 0..<q {
                demands.append((0..<d).map { columns[$0][j] })
                plantedHost.append(h)
            }
        }
        var order = Array(demands.indices)
        random.shuffle(&order)
        let vms = order.enumerated().map { VirtualMachine(id: "v\($0.offset + 1)", demand: ResourceVector(demands[$0.element])) }
        let packing = Placement(hostOfVM: order.map { plantedHost[$0] })
        let names = ["cpu", "mem", "net", "disk", "io"]
        let dimensions = (0..<d).map { $0 < names.count ? names[$0] : "d\($0 + 1)" }
        let hosts = (0..<vms.count).map { Host(id: "h\($0 + 1)", capacity: ResourceVector(Array(repeating: Double(capacity), count: d))) }
        let instance = Instance(name: "planted_\(n)_\(d)_\(index)", dimensions: dimensions, hosts: hosts, vms: vms,
                                known: KnownValues(optimum: Double(m), lowerBound: Double(m)))
        return (instance, packing)
    }

    public static func make(vmCount n: Int, dimensions d: Int, index: Int, seed: UInt64) -> Instance {
        makeWithPacking(vmCount: n, dimensions: d, index: index, seed: seed).instance
    }
}
