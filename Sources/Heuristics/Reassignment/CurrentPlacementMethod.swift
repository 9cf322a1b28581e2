import PlacementModel

/// `current`: the current placement as it is, scored — the baseline every goal method must
/// beat or equal. VMs that must leave their host (``PlacementModel/ForcedMigrations``: a host in
/// maintenance, a broken rule, a host over capacity) and VMs without a current host are placed
/// where the objective grows least (``ReassignmentSearch/repairedCurrent(_:goal:migrationBudget:)``);
/// nothing else moves.
/// - Complexity: O(u·m·(d + partners + log m)) for u VMs to place, plus O(n·d) set-up.
public struct CurrentPlacementMethod: PlacementMethod {
    public init() {}
    public var name: String { "current" }
    public var summary: String { "stay put: the current placement, repaired only where it breaks a rule" }
    public var citation: String { "baseline (Mishra et al., IEEE Comm. Mag. 2012: every migration has a cost)" }
    public var goals: Set<Goal> { [.consolidate, .balance, .hotspot] }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let construction = SolveResult(status: .feasible, placement: nil, method: name, goal: goal)
        return GoalFinish.finish(construction, instance, goal: goal, options: options, improve: false)
    }
}
