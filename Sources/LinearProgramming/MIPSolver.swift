/// A backend that solves a ``MIP``. Implementations must be safe to call from several threads at
/// once on different models (each call is synchronous and self-contained).
///
/// A backend is chosen by name through `ExactSolver.MIPSolverRegistry`; `MIPSolverConformanceTests`
/// runs the same suite over every registered backend.
public protocol MIPSolver: Sendable {
    /// Short registry name, e.g. `glpk`, `cbc`.
    var name: String { get }
    /// The backend library and its version, e.g. `GLPK 5.0`.
    var versionDescription: String { get }

    /// Solves `mip`. Throws ``MIPError`` for an invalid model or options, and a backend error
    /// when the backend itself fails. A model outcome such as "infeasible" is not an error: it is
    /// reported in ``MIPResult/status``. ``MIPSolveOptions/timeLimit`` bounds the whole call.
    func solve(_ mip: MIP, options: MIPSolveOptions) throws -> MIPResult

    /// Solves the LP relaxation of `mip` (integrality dropped): optimum, primal values, row duals
    /// and reduced costs (column generation needs the duals). Only
    /// ``MIPSolveOptions/timeLimit`` and the log options are used.
    func solveLPRelaxation(_ mip: MIP, options: MIPSolveOptions) throws -> LPRelaxationResult
}

/// Options of one ``MIPSolver/solve(_:options:)`` call. The defaults prove optimality with no
/// limits, presolve off, no cuts and no log.
public struct MIPSolveOptions: Sendable, Equatable {
    /// Cutting planes the backend may generate (all off by default).
    public struct Cuts: Sendable, Equatable {
        public var gomory: Bool
        public var mixedIntegerRounding: Bool
        public var clique: Bool
        /// Cover cuts. GLPK's implementation keeps non-thread-local state: never enable them
        /// when solves may run concurrently.
        public var cover: Bool

        public init(gomory: Bool = false, mixedIntegerRounding: Bool = false, clique: Bool = false,
                    cover: Bool = false) {
            self.gomory = gomory
            self.mixedIntegerRounding = mixedIntegerRounding
            self.clique = clique
            self.cover = cover
        }

        /// No cuts.
        public static let none = Cuts()
    }

    /// How much solver output is collected into ``MIPResult/log``.
    public enum LogLevel: String, Sendable, Equatable, CaseIterable {
        /// Nothing collected.
        case off
        /// Errors and warnings only.
        case errors
        /// The solver's normal progress output.
        case normal
        /// Everything the solver prints.
        case all
    }

    /// Wall-clock limit in seconds for the whole call, or `nil` for none.
    public var timeLimit: Double?
    /// Stop when |incumbent − bound| / |incumbent| ≤ this (`nil`: prove optimality).
    public var relativeGap: Double?
    /// Let the backend's MIP presolver transform the model. Ignored (forced off) when an
    /// ``incumbent`` is injected.
    public var presolve: Bool
    public var cuts: Cuts
    /// A known feasible solution (one value per column, integral on integer columns) handed to
    /// the solver as its first incumbent. The solver does not check it: check it with
    /// ``MIP/violations(_:tolerance:)`` first (``MIPSolver`` implementations in this package do).
    public var incumbent: [Double]?
    /// Stop as soon as the incumbent is at least this good (≤ for minimisation, ≥ for
    /// maximisation), e.g. a known lower bound.
    public var stopAtObjective: Double?
    /// The objective takes only integral values at integral solutions, so the solver may stop
    /// once the incumbent equals ⌈bound⌉ (⌊bound⌋ when maximising): the incumbent is then optimal.
    public var integralObjective: Bool
    public var logLevel: LogLevel
    /// Also write the collected log to standard error as it is produced.
    public var echoLog: Bool

    public init(timeLimit: Double? = nil, relativeGap: Double? = nil, presolve: Bool = false,
                cuts: Cuts = .none, incumbent: [Double]? = nil, stopAtObjective: Double? = nil,
                integralObjective: Bool = false, logLevel: LogLevel = .off, echoLog: Bool = false) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.incumbent = incumbent
        self.stopAtObjective = stopAtObjective
        self.integralObjective = integralObjective
        self.logLevel = logLevel
        self.echoLog = echoLog
    }

    /// Checks the options against `mip`: limits positive and finite, gap ≥ 0, incumbent of the
    /// right length with finite values, integral on integer columns, and feasible.
    public func validate(for mip: MIP, tolerance: Double = 1e-6) throws(MIPError) {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw .invalidOption(name: "timeLimit", value: "\(timeLimit)",
                                 expected: "a finite number of seconds > 0, or nil")
        }
        if let relativeGap, !(relativeGap.isFinite && relativeGap >= 0) {
            throw .invalidOption(name: "relativeGap", value: "\(relativeGap)",
                                 expected: "a finite number ≥ 0, or nil")
        }
        if let stopAtObjective, !stopAtObjective.isFinite {
            throw .invalidOption(name: "stopAtObjective", value: "\(stopAtObjective)",
                                 expected: "a finite number, or nil")
        }
        if let incumbent {
            if incumbent.count != mip.columns.count {
                throw .invalidOption(name: "incumbent", value: "\(incumbent.count) values",
                                     expected: "\(mip.columns.count) values, one per column")
            }
            let violations = mip.violations(incumbent, tolerance: tolerance)
            if let first = violations.first {
                throw .invalidOption(name: "incumbent", value: first.description,
                                     expected: "a feasible solution (\(violations.count) violation(s))")
            }
        }
    }
}

/// The outcome of a solve, as far as the model is concerned.
public enum MIPStatus: String, Sendable, Equatable, CaseIterable {
    /// Proven optimal (within the requested gap only if ``MIPResult/termination`` says so).
    case optimal
    /// A feasible solution, not proven optimal; ``MIPResult/bestBound`` tells how far it may be.
    case feasible
    /// Proven to have no feasible solution.
    case infeasible
    /// The objective is unbounded (for a MIP: its LP relaxation is; the MIP may also be
    /// infeasible, as usual for solvers that stop at this point).
    case unbounded
    /// The time limit was reached before any feasible solution was found.
    case timeLimitNoSolution
    /// The solver stopped for another reason without a feasible solution.
    case noSolution
}

/// Why the solver stopped (separate from what it learned about the model, ``MIPStatus``).
public enum MIPTermination: String, Sendable, Equatable, CaseIterable {
    /// The search finished: optimality or infeasibility/unboundedness proven.
    case completed
    case timeLimit
    /// ``MIPSolveOptions/relativeGap`` reached.
    case relativeGapReached
    /// ``MIPSolveOptions/stopAtObjective`` reached.
    case objectiveTargetReached
    /// ``MIPSolveOptions/integralObjective``: the incumbent equals the rounded bound.
    case integralBoundReached
    case iterationLimit
}

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
