import PlacementModel

/// The tests' oracle: optima by exhaustive search, for tiny instances.
public enum BruteForce {
    /// Minimum of `Instance.objective` over every feasible placement (m^n enumeration) with at
    /// most `budget` voluntary migrations (``ForcedMigrations``), or nil.
    public static func optimum(_ instance: Instance, goal: Goal, budget: Int? = nil) -> (value: Double, placement: Placement)? {
        let forced = instance.forcedMigrations
        let n = instance.vms.count, m = instance.hosts.count
        var best: (Double, Placement)?
        var assignment = Array(repeating: 0, count: n)
        let options = PlacementChecker.Options(enforceOverloadThresholds: goal == .hotspot)
        while true {
            let placement = Placement(hostOfVM: assignment.map { Optional($0) })
            if PlacementChecker.check(instance, placement, options: options).isEmpty,
               budget.map({ forced.count(instance, placement).voluntary <= $0 }) ?? true {
                let value = instance.objective(of: placement, goal: goal)
                if best == nil || value < best!.0 - 1e-12 { best = (value, placement) }
            }
            var i = 0
            while i < n {
                assignment[i] += 1
                if assignment[i] < m { break }
                assignment[i] = 0
                i += 1
            }
            if i == n { break }
        }
        return best
    }

    /// Fewest hosts of any packing of identical hosts (the capacity of the first), by exhaustive
    /// search with the symmetry of identical hosts removed (VM i goes to a used host or the next
    /// empty one), so it reaches a dozen VMs where ``optimum(_:goal:budget:)`` (mⁿ) cannot. Rules
    /// other than capacity are ignored.
    public static func fewestHosts(_ instance: Instance) -> Int {
        let d = instance.dimensionCount
        let capacity = instance.hosts[0].capacity.values
        var loads: [[Double]] = []
        var best = instance.vms.count
        func place(_ v: Int) {
            if loads.count >= best { return }
            if v == instance.vms.count { best = loads.count; return }
            let demand = instance.vms[v].demand.values
            for h in loads.indices where (0..<d).allSatisfy({ loads[h][$0] + demand[$0] <= capacity[$0] }) {
                for k in 0..<d { loads[h][k] += demand[k] }
                place(v + 1)
                for k in 0..<d { loads[h][k] -= demand[k] }
            }
            loads.append(demand)
            place(v + 1)
            loads.removeLast()
        }
        place(0)
        return best
    }
}
