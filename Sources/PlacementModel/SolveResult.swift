/// What a method returns. Objective values are recomputed by ``Instance/objective(of:goal:)``
/// for reporting; `bound` is a proven lower bound on that objective (or `nil`).
public struct SolveResult: Sendable {
    public var status: SolutionStatus
    public var placement: Placement?
    public var objective: Double?
    public var bound: Double?
    public var method: String
    public var goal: Goal
    public var unplaced: [UnplacedVM]
    /// Human-readable remarks (which portfolio member won, why a hot spot stays, …).
    public var notes: [String]
    /// Solver statistics (nodes, iterations, rounds); not part of the deterministic output.
    public var statistics: [String: Double]
    /// Why the solve ended (``Termination/implied(by:)`` of the status unless the method says).
    public var termination: Termination

    public init(status: SolutionStatus, placement: Placement?, objective: Double? = nil, bound: Double? = nil,
                method: String, goal: Goal, unplaced: [UnplacedVM] = [], notes: [String] = [],
                statistics: [String: Double] = [:], termination: Termination? = nil) {
        self.termination = termination ?? Termination.implied(by: status)
        self.status = status
        self.placement = placement
        self.objective = objective
        self.bound = bound
        self.method = method
        self.goal = goal
        self.unplaced = unplaced
        self.notes = notes
        self.statistics = statistics
    }
}
