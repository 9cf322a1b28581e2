import PlacementModel

/// A fast lower bound on the number of hosts any packing of the VMs needs, so that local searches
/// can stop as soon as a packing reaches it (nothing can do better). Valid when every host has the
/// same capacity, none is in maintenance and no VMs share memory (else 0: no bound); rules
/// (eligibility, pinning, affinity) only restrict packings, so the bound stays valid under them.
/// The best of:
/// * L1, the continuous bound: max over dimensions of ⌈Σ demand_k / capacity_k⌉;
/// * the cardinality bound ⌈n / t⌉, t the most VMs one host can hold (the t smallest demands of
///   every dimension fit within its capacity, and the t smallest sums of normalised demand add
///   up to at most d);
/// * the clique bound: VMs of which no two fit on one host together each need their own host; a
///   clique of this conflict graph is grown greedily (VMs by decreasing sum of normalised demand
///   or by decreasing conflict degree, 8 starts each);
/// * the matching bound: n − ν, ν the size of a maximum matching of the VMs that can share a
///   host, when no three VMs fit one host together (t ≤ 2, or no such triple found; the bound is
///   then exact), and n − ν − ⌊m₃ / 3⌋ when t = 3, m₃ the number of VMs in some triple that fits.
/// Capacities are taken with the tolerance of ``PackingState/canPlace(vm:on:capacityFraction:)``
/// (1e-9 relative), so no packing that the heuristics accept can beat the bound.
///
/// Martello, Toth, "Lower bounds and reduction procedures for the bin packing problem", Discrete
/// Applied Mathematics 28 (1990) (L1); Caprara, Toth, "Lower bounds and algorithms for the
/// 2-dimensional vector packing problem", Discrete Applied Mathematics 111 (2001) (bounds from
/// the conflict graph); Edmonds (1965) for the matching. `Formulations.BinPackingBounds` adds L2
/// for the exact method; this one is the set for the heuristics' early stops.
///
/// - Complexity: O(d·n log n) for L1 and the cardinality bound, O(n²·d) for the conflict graph
///   (``ConflictGraph``), O(n²/64) per clique start, the search for a fitting triple
///   O(e·n/64 + min(T, 2·10⁶)·d) (T triples of compatible pairs; it stops at the first that fits
///   when t > 3), and when it applies ``MaximumMatching`` O(n·(n + e)); n VMs, d dimensions, e
///   compatible pairs.
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
        let totals = (0..<d).map { k in list.indices.reduce(0.0) { $0 + demand[$1 * d + k] } }
        var bound = BinPackingBounds.l1(totals: totals, capacity: capacity)
        // Normalised size: Σ_k demand_k / capacity_k over the dimensions with capacity.
        let dimensions = (0..<d).filter { capacity[$0] > 0 }
        let size = list.indices.map { i in dimensions.reduce(0.0) { $0 + demand[i * d + $1] / capacity[$1] } }
        // Cardinality: at most t VMs fit on one host — the t smallest demands of every dimension,
        // and the t smallest sizes (a host's sizes add up to at most the number of dimensions).
        var most = list.count
        for k in 0..<d {
            most = Swift.min(most, fitting(list.indices.map { demand[$0 * d + k] }, within: capacity[k]))
        }
        most = Swift.min(most, fitting(size, within: Double(dimensions.count) * (1 + 1e-9)))
        if most == 0 { return 0 }   // some VM fits on no host: no packing of all of them exists
        bound = Swift.max(bound, (list.count + most - 1) / most)
        // Conflict graph: VMs that cannot share a host.
        let n = list.count
        let graph = ConflictGraph(demand: demand, n: n, d: d, capacity: first.capacity.values)
        bound = Swift.max(bound, graph.greedyClique(size: size).count)
        // A host holds one VM, a pair (hosts with two or more VMs hold disjoint compatible pairs:
        // at most a maximum matching ν of them) or, when at most three fit, a triple (at most
        // ⌊(VMs in some triple that fits) / 3⌋ of them): hosts ≥ n − ν − triples. When no triple
        // fits at all, no host holds more than two VMs, whatever t is. The triple search is
        // capped (then no matching bound).
        let noTriple = most <= 2 || graph.tripleMembers(stopAt: 1, workLimit: tripleWork) == 0
        if noTriple || most == 3 {
            let matching = MaximumMatching.mates(graph.compatibleNeighbours()).filter { $0 >= 0 }.count / 2
            if noTriple { bound = Swift.max(bound, n - matching) }
            else if n - matching > bound, let inTriples = graph.tripleMembers(stopAt: 3 * (n - matching - bound), workLimit: tripleWork) {
                bound = Swift.max(bound, n - matching - inTriples / 3)
            }
        }
        return bound
    }

    /// Most triples tested when searching for one that fits (beyond: unknown).
    static let tripleWork = 2_000_000

    /// How many of `values`, smallest first, fit within `limit`.
    static func fitting(_ values: [Double], within limit: Double) -> Int {
        var total = 0.0, count = 0
        for v in values.sorted() {
            total += v
            if total > limit { break }
            count += 1
        }
        return count
    }
}
