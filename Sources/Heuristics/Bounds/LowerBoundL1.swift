import PlacementModel

/// The volume lower bound L1 of vector bin packing, lifted to the place / consolidate objective:
/// every used host holds at most its capacity in each dimension, so at least
/// `max_k ⌈Σ_v demand_k(v) / max_h capacity_k(h)⌉` hosts are used, and the objective is at least
/// that many times `weights.hosts · min_h openCost` (the other objective terms are ≥ 0).
///
/// Martello & Toth, "Lower bounds and reduction procedures for the bin packing problem" (1990);
/// Caprara & Toth, "Lower bounds and algorithms for the 2-dimensional vector packing problem" (2001).
///
/// Not given for balance and hotspot goals, nor when hosts in maintenance make the count
/// meaningless for them (they are skipped from the capacity maximum). The memory dimension is
/// skipped when the instance declares shared memory (co-location can reduce the load).
/// - Complexity: O(n·d + m·d).
public enum LowerBoundL1 {
    /// The number of hosts any complete placement must use (0 when there are no VMs).
    public static func hostCount(_ instance: Instance) -> Int {
        guard !instance.vms.isEmpty else { return 0 }
        let usable = instance.hosts.filter { $0.state != .maintenance }
        var totals = [Double](repeating: 0, count: instance.dimensionCount)
        var capacity = [Double](repeating: 0, count: instance.dimensionCount)
        for k in totals.indices {
            // Shared memory can reduce the load of co-located VMs: that dimension says nothing.
            if k == instance.memoryDimension, !instance.sharedMemory.isEmpty { continue }
            capacity[k] = usable.map { $0.capacity[k] }.max() ?? 0
            totals[k] = instance.vms.reduce(0.0) { $0 + $1.demand[k] }
        }
        return BinPackingBounds.l1(totals: totals, capacity: capacity)
    }

    /// A lower bound on ``Instance/objective(of:goal:)`` for `goal`, or `nil` when L1 says nothing.
    public static func objectiveBound(_ instance: Instance, goal: Goal) -> Double? {
        guard goal == .place || goal == .consolidate, !instance.vms.isEmpty else { return nil }
        let cheapest = instance.hosts.filter { $0.state != .maintenance }.map(\.openCost).min() ?? 0
        let bound = Double(hostCount(instance)) * instance.weights.hosts * cheapest
        return bound > 0 ? bound : nil
    }
}
