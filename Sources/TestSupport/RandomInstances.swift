import PlacementModel

/// Seeded random instances for tests.
public enum RandomInstances {
    /// `vms` VMs with integer demands uniform in `demandRange` of each of `dimensions` dimensions,
    /// `hosts` identical hosts of capacity `capacity`; optionally a random feasible-ish current
    /// placement and random anti-affinity pairs.
    public static func make(seed: UInt64, vms vmCount: Int, hosts hostCount: Int, dimensions: Int = 2,
                            capacity: Double = 100, demandRange: ClosedRange<Int> = 5...40,
                            withCurrentPlacement: Bool = false, antiAffinityGroups: Int = 0,
                            affinityGroups: Int = 0) -> Instance {
        var random = SeededGenerator(seed: seed)
        let names = ["cpu", "mem", "net", "disk", "io", "gpu", "d7", "d8", "d9", "d10"]
        let dims = (0..<dimensions).map { $0 < names.count ? names[$0] : "d\($0 + 1)" }
        let hosts = (0..<hostCount).map { Host(id: "h\($0 + 1)", capacity: ResourceVector(Array(repeating: capacity, count: dimensions))) }
        var vms = (0..<vmCount).map { v in
            VirtualMachine(id: "v\(v + 1)", demand: ResourceVector((0..<dimensions).map { _ in Double(Int.random(in: demandRange, using: &random)) }))
        }
        if withCurrentPlacement {
            var load = Array(repeating: Array(repeating: 0.0, count: dimensions), count: hostCount)
            for v in vms.indices {
                let start = Int.random(in: 0..<hostCount, using: &random)
                for offset in 0..<hostCount {
                    let h = (start + offset) % hostCount
                    if (0..<dimensions).allSatisfy({ load[h][$0] + vms[v].demand[$0] <= capacity }) {
                        for k in 0..<dimensions { load[h][k] += vms[v].demand[k] }
                        vms[v].currentHost = h
                        break
                    }
                }
            }
        }
        var anti: [PlacementRule] = []
        var used = Set<Int>()
        for g in 0..<antiAffinityGroups where vmCount >= 2 {
            let a = Int.random(in: 0..<vmCount, using: &random)
            let b = Int.random(in: 0..<vmCount, using: &random)
            if a != b, !used.contains(a), !used.contains(b) {
                anti.append(PlacementRule(name: "anti\(g + 1)", vms: [a, b]))
                used.insert(a)
                used.insert(b)
            }
        }
        var affinity: [PlacementRule] = []
        for g in 0..<affinityGroups where vmCount >= 2 {
            let a = Int.random(in: 0..<vmCount, using: &random)
            let b = Int.random(in: 0..<vmCount, using: &random)
            if a != b, !used.contains(a), !used.contains(b) {
                affinity.append(PlacementRule(name: "aff\(g + 1)", vms: [a, b]))
                used.insert(a)
                used.insert(b)
            }
        }
        return Instance(name: "random-\(seed)", dimensions: dims, hosts: hosts, vms: vms,
                        antiAffinity: anti, affinity: affinity)
    }
}
