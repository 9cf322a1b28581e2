/// A placement method: a heuristic, a portfolio or an exact model. Methods are deterministic:
/// the same instance, goal and options give the same result.
public protocol PlacementMethod: Sendable {
    /// Short unique name used on the command line, e.g. `ffd-volume`.
    var name: String { get }
    /// One-line description.
    var summary: String { get }
    /// Where the method comes from.
    var citation: String { get }
    /// Goals the method handles.
    var goals: Set<Goal> { get }
    /// How its work grows with the number of VMs (its `- Complexity:`); a portfolio leaves the
    /// quadratic members out on large instances. Default: ``WorkGrowth/nearLinear``.
    var workGrowth: WorkGrowth { get }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult
}

extension PlacementMethod {
    public var workGrowth: WorkGrowth { .nearLinear }
}
