import PlacementModel

/// Certified lower bounds for the goals that start from a running placement.
///
/// Balance: the maximum utilisation of the used hosts is at least, in every dimension k without
/// memory sharing, Σ_v demand_k / Σ_h capacity_k over the hosts not in maintenance (the used
/// hosts hold all the load and have at most that capacity); the other terms are ≥ 0 with
/// non-negative weights and traffic. The volume bound of Martello & Toth (1990) for a makespan.
/// - Complexity: O(n·d + m·d).
public enum GoalLowerBounds {
    /// A lower bound on the balance objective, nil when nothing positive is certified.
    public static func balance(_ instance: Instance) -> Double? {
        guard !instance.vms.isEmpty, instance.weights.migration >= 0, instance.weights.traffic >= 0,
              instance.traffic.allSatisfy({ $0.amount >= 0 }) else { return nil }
        var best = 0.0
        for k in 0..<instance.dimensionCount {
            if k == instance.memoryDimension, !instance.sharedMemory.isEmpty { continue }
            let capacity = instance.hosts.filter { $0.state != .maintenance }.reduce(0.0) { $0 + $1.capacity[k] }
            let load = instance.vms.reduce(0.0) { $0 + $1.demand[k] }
            if capacity > 0 { best = max(best, load / capacity) }
        }
        return best > 0 ? best : nil
    }
}
