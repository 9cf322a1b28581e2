/// The result of ``MIPSolver/solve(_:options:)``.
public struct MIPResult: Sendable, Equatable {
    public var status: MIPStatus
    public var termination: MIPTermination
    /// Objective of ``values`` (including the offset), when a solution exists.
    public var objective: Double?
    /// Best proven bound on the optimum (a lower bound when minimising). Equal to ``objective``
    /// for a proven optimum; `nil` when none is known.
    public var bestBound: Double?
    /// |objective − bestBound| / |objective| (0 for a proven optimum), when both are known.
    public var gap: Double?
    /// One value per column (near-integral values of integer columns rounded); empty when there
    /// is no solution.
    public var values: [Double]
    /// Branch-and-bound nodes created, when known.
    public var nodes: Int?
    /// Wall-clock seconds spent in the call.
    public var seconds: Double
    /// Collected solver output (see ``MIPSolveOptions/logLevel``).
    public var log: String
    /// Whether an injected ``MIPSolveOptions/incumbent`` was accepted by the solver (`nil` if
    /// none was given or the solver never asked for one).
    public var incumbentAccepted: Bool?

    public init(status: MIPStatus, termination: MIPTermination, objective: Double? = nil,
                bestBound: Double? = nil, gap: Double? = nil, values: [Double] = [],
                nodes: Int? = nil, seconds: Double = 0, log: String = "",
                incumbentAccepted: Bool? = nil) {
        self.status = status
        self.termination = termination
        self.objective = objective
        self.bestBound = bestBound
        self.gap = gap
        self.values = values
        self.nodes = nodes
        self.seconds = seconds
        self.log = log
        self.incumbentAccepted = incumbentAccepted
    }

    /// Whether ``values`` holds a feasible solution.
    public var hasSolution: Bool { status == .optimal || status == .feasible }

    /// GLPK's relative gap formula: |objective − bound| / (|objective| + ε).
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}
