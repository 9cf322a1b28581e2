import PlacementModel

/// The exact method in stages: fewest hosts, then fewest migrations, then best balance
/// (``ExactMethod`` with `lexicographic: true`, under the name `exact-lexicographic`).
///
/// - Complexity: one MIP per stage, each as ``ExactMethod``.
public struct LexicographicExactMethod: PlacementMethod {
    public init() {}
    public var name: String { "exact-lexicographic" }
    public var summary: String { "exact MIP in stages: fewest hosts, then fewest migrations, then best balance" }
    public var citation: String { ExactMethod().citation }
    public var goals: Set<Goal> { [.place, .consolidate] }
    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        var result = try ExactMethod(lexicographic: true).solve(instance, goal: goal, options: options)
        result.method = name
        return result
    }
}
