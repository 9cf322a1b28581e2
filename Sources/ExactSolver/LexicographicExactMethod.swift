import PlacementModel

/// The exact method in stages (``ExactMethod`` with `lexicographic: true`, under the name
/// `exact-lexicographic`): consolidate and place — fewest hosts, then fewest migrations, then best
/// balance; balance — lowest maximum utilisation, then fewest migrations; hotspot — fewest
/// migrations, then cheapest. Its bound on the goal's objective is the first stage's bound on its
/// own term, or the goal's certified bounds.
///
/// - Complexity: one MIP per stage, each as ``ExactMethod``.
public struct LexicographicExactMethod: PlacementMethod {
    public init() {}
    public var name: String { "exact-lexicographic" }
    public var summary: String { "exact MIP in stages: e.g. fewest hosts, then fewest migrations, then best balance" }
    public var citation: String { ExactMethod().citation }
    public var goals: Set<Goal> { [.place, .consolidate, .balance, .hotspot] }
    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        var result = try ExactMethod(lexicographic: true).solve(instance, goal: goal, options: options)
        result.method = name
        return result
    }
}
