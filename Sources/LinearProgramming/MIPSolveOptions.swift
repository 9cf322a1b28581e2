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
