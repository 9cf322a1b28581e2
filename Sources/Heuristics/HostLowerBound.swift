import PlacementModel

/// A fast lower bound on the number of hosts any packing of the VMs needs, so that local searches
/// can stop as soon as a packing reaches it (nothing can do better). Valid when every host has the
/// same capacity, none is in maintenance and no VMs share memory (else 0: no bound); rules
/// (eligibility, pinning, affinity) only restrict packings, so the bound stays valid under them.
/// The best of:
/// * L1, the continuous bound: max over dimensions of ⌈Σ demand_k / capacity_k⌉;
/// * the cardinality bound ⌈n / t⌉, t the most VMs one host can hold (the t smallest demands of
///   every dimension fit within its capacity);
/// * the clique bound: VMs of which no two fit on one host together each need their own host; a
///   clique of this conflict graph is grown greedily from the largest VMs (sum of normalised
///   demand, ties by index).
/// Capacities are taken with the tolerance of ``PackingState/canPlace(vm:on:capacityFraction:)``
/// (1e-9 relative), so no packing that the heuristics accept can beat the bound.
///
/// Martello, Toth, "Lower bounds and reduction procedures for the bin packing problem", Discrete
/// Applied Mathematics 28 (1990) (L1); Caprara, Toth, "Lower bounds and algorithms for the
/// 2-dimensional vector packing problem", Discrete Applied Mathematics 111 (2001) (bounds from
/// the conflict graph). `Formulations.BinPackingBounds` adds L2 and more clique starts for the
/// exact method; this one is the cheap subset for the heuristics' early stops.
///
/// - Complexity: O(d·n log n) for L1 and the cardinality bound, O(n·c·d) for the clique of c VMs
///   (O(n²·d) at worst); n VMs, d dimensions.
public enum HostLowerBound {
    /// The bound for placing `vms` (default: every VM of `instance`), or 0 when no bound holds.
    public static func hosts(_ instance: Instance, placing vms: [Int]? = nil) -> Int {
        let d = instance.dimensionCount
        guard d > 0, let first = instance.hosts.first, instance.sharedMemory.isEmpty,
              first.capacity.count == d,
              instance.hosts.allSatisfy({ $0.capacity == first.capacity && $0.state != .maintenance }) else { return 0 }
        let list = vms ?? Array(instance.vms.indices)
        guard !list.isEmpty, list.allSatisfy({ instance.vms.indices.contains($0) && instance.vms[$0].demand.count == d }) else { return 0 }
        // Capacity with the placement tolerance: what a host can hold at most.
        let capacity = (0..<d).map { k in first.capacity[k] + 1e-9 * Swift.max(1, abs(first.capacity[k])) }
        var demand = [Double](repeating: 0, count: list.count * d)
        for (i, vm) in list.enumerated() { for k in 0..<d { demand[i * d + k] = instance.vms[vm].demand.values[k] } }
        var bound = 1
        // L1.
        for k in 0..<d where capacity[k] > 0 {
            var total = 0.0
            for i in list.indices { total += demand[i * d + k] }
            bound = Swift.max(bound, ceiling(total / capacity[k]))
        }
        // Cardinality: at most t VMs fit on one host.
        var most = list.count
        for k in 0..<d {
            let values = list.indices.map { demand[$0 * d + k] }.sorted()
            var total = 0.0, t = 0
            for v in values {
                total += v
                if total > capacity[k] { break }
                t += 1
            }
            most = Swift.min(most, t)
        }
        if most == 0 { return 0 }   // some VM fits on no host: no packing of all of them exists
        bound = Swift.max(bound, (list.count + most - 1) / most)
        // Clique of the conflict graph, grown from the largest VMs.
        let size = list.indices.map { i in (0..<d).reduce(0.0) { $0 + (capacity[$1] > 0 ? demand[i * d + $1] / capacity[$1] : 0) } }
        let order = list.indices.sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var clique: [Int] = []
        for i in order {
            var conflictsWithAll = true
            for j in clique {
                var conflict = false
                for k in 0..<d where demand[i * d + k] + demand[j * d + k] > capacity[k] { conflict = true; break }
                if !conflict { conflictsWithAll = false; break }
            }
            if conflictsWithAll { clique.append(i) }
        }
        return Swift.max(bound, clique.count)
    }

    /// ⌈x⌉, robust to rounding noise just above an integer.
    static func ceiling(_ x: Double) -> Int {
        guard x.isFinite, abs(x) < 1e15 else { return 0 }
        let r = x.rounded()
        if abs(x - r) <= 1e-9 * Swift.max(1, abs(x)) { return Int(r) }
        return Int(x.rounded(.up))
    }
}
