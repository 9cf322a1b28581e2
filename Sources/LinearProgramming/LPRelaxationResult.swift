/// Result of solving the LP relaxation of a ``MIP`` (integrality dropped).
public struct LPRelaxationResult: Sendable, Equatable {
    /// `.optimal`, `.infeasible`, `.unbounded`, `.timeLimitNoSolution` or `.noSolution`.
    public var status: MIPStatus
    public var objective: Double?
    /// Primal value of each column.
    public var values: [Double]
    /// Dual value (shadow price) of each row: the rate of change of the optimal objective per
    /// unit increase of the row's active bound, in the model's own sense (so for minimisation a
    /// binding `≥` row has a dual ≥ 0 and a binding `≤` row a dual ≤ 0).
    public var rowDuals: [Double]
    /// Reduced cost of each column, same convention.
    public var reducedCosts: [Double]
    public var seconds: Double
    public var log: String

    public init(status: MIPStatus, objective: Double?, values: [Double], rowDuals: [Double],
                reducedCosts: [Double], seconds: Double, log: String) {
        self.status = status
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.seconds = seconds
        self.log = log
    }
}
