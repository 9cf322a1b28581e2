import Formulations
import Heuristics
import PlacementModel

/// A lower bound on the hosts any packing of the sized VMs needs, computed from the demands alone
/// (never from a packing): on identical hosts `Heuristics.HostLowerBound` (L1, cardinality,
/// conflict-graph clique and matching bounds) when there are at most `conflictGraphLimit` VMs (it
/// builds an O(n²·d) graph), and always the continuous bound L1 against the largest capacity of
/// each dimension (valid on mixed hosts: hosts ≥ Σ demand_k / max capacity_k).
///
/// Martello, Toth, Discrete Applied Mathematics 28 (1990) (L1); Caprara, Toth, Discrete Applied
/// Mathematics 111 (2001) (conflict-graph bounds).
///
/// - Complexity: O(n·d) for L1; O(n²·d) more for the conflict graph when n ≤ `conflictGraphLimit`.
public enum CertifiedHostBound {
    public static let conflictGraphLimit = 1500

    /// The bound and the name of the bound that gave it.
    public static func hosts(_ instance: Instance) -> (value: Int, method: String) {
        guard !instance.vms.isEmpty, let first = instance.hosts.first else { return (0, "none") }
        let d = instance.dimensionCount
        let largest = (0..<d).map { k in instance.hosts.map { $0.capacity[k] }.max() ?? first.capacity[k] }
        let l1 = BinPackingBounds.l1(sizes: instance.vms.map(\.demand.values), capacity: largest)
        var best = (value: l1, method: "L1 (continuous)")
        if instance.vms.count <= conflictGraphLimit {
            let combinatorial = HostLowerBound.hosts(instance)
            if combinatorial > best.value { best = (combinatorial, "L1, cardinality, clique and matching bounds") }
        }
        return best
    }
}
