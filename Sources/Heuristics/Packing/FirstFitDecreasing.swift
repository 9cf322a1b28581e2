import PlacementModel

/// First-fit decreasing for vector bin packing (`ffd`): the historical name of ``FitDecreasing``
/// with the `sum` measure and first fit (`ffd-sum`) — VMs in decreasing order of the sum of their
/// demands normalised by the largest host capacity, each to the lowest-index host where it fits.
///
/// Johnson (1973) for one dimension; the multi-dimensional "FFD-Sum" of Panigrahy et al.,
/// "Heuristics for Vector Bin Packing" (MSR, 2011).
///
/// - Complexity: O(n log n + n·d·log m) without rules (segment tree over host residuals).
public struct FirstFitDecreasing: PlacementMethod {
    public init() {}
    public var name: String { "ffd" }
    public var summary: String { "first-fit decreasing by normalised sum of demands (alias of ffd-sum)" }
    public var citation: String { "Johnson 1973; Panigrahy et al., Heuristics for Vector Bin Packing, MSR 2011" }
    public var goals: Set<Goal> { [.place, .consolidate] }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try FitDecreasing(measure: .sum, fit: .first, alias: name).solve(instance, goal: goal, options: options)
    }
}
