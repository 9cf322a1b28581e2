import PlacementModel

/// `reassign`: the reassignment engine (``ReassignmentSearch``) from the current placement,
/// repaired: shifts, swaps, host drains with ejection chains, maximum relief and kicks, scored by
/// the goal's objective with every rule and the migration budget kept.
/// - Complexity: see ``ReassignmentSearch``.
public struct ReassignmentMethod: PlacementMethod, EngineFinished {
    /// Work limits of the reassignment engine that improves the construction (nil: the standard ones).
    public var engineLimits: ReassignmentSearch.Limits? = nil
    public init() {}
    public var name: String { "reassign" }
    public var summary: String { "local search from the current placement: shift, swap, host drain, ejection chains, kicks" }
    public var citation: String { "Lourenço, Martin, Stützle 2003 (iterated local search); Yagiura, Ibaraki, Glover 2004 (ejection chains)" }
    public var goals: Set<Goal> { [.consolidate, .balance, .hotspot] }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let start = ReassignmentSearch.repairedCurrent(instance, goal: goal, migrationBudget: options.migrationBudget)
        let construction = SolveResult(status: .feasible, placement: start, method: name, goal: goal)
        return GoalFinish.finish(construction, instance, goal: goal, options: options, limits: engineLimits)
    }
}
