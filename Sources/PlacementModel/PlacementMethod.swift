/// Outcome of a solve, as reported in the solution file.
public enum SolutionStatus: String, Sendable, Hashable, Codable {
    /// Proven optimal (objective = bound).
    case optimal
    /// A feasible placement; optimality not proven (a bound may be given).
    case feasible
    /// Proven that no placement satisfies the constraints (or, for a heuristic, none was found
    /// for some VM; see `unplaced`).
    case infeasible
    /// The time limit ended the solve without a feasible placement.
    case timeLimit
    /// The method failed.
    case error
}

/// Why a solve ended, apart from what it found (``SolutionStatus``): a solve that hit its time
/// limit may still return a feasible placement with a bound, and one that completed may have
/// proven infeasibility.
public enum Termination: String, Sendable, Hashable, Codable, CaseIterable {
    /// The method ran to its end (optimum proven, search exhausted, or a heuristic's last step).
    case completed
    /// The wall-clock limit (`SolveOptions.timeLimit`) stopped it.
    case timeLimit
    /// A work budget (moves, nodes, rounds) stopped it.
    case workLimit
    /// The method failed (see the notes).
    case error

    /// The termination a status implies when a method does not say: `timeLimit` and `error`
    /// statuses carry their reason, every other status completed.
    public static func implied(by status: SolutionStatus) -> Termination {
        switch status {
        case .timeLimit: return .timeLimit
        case .error: return .error
        case .optimal, .feasible, .infeasible: return .completed
        }
    }
}

/// A VM a method could not place, and why.
public struct UnplacedVM: Sendable, Hashable {
    public var vm: Int
    public var reason: String
    public init(vm: Int, reason: String) {
        self.vm = vm
        self.reason = reason
    }
}

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

/// Options shared by every method.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds (exact methods; heuristics may ignore it).
    public var timeLimit: Double?
    /// Relative gap at which an exact method may stop.
    public var relativeGap: Double?
    /// Seed for methods that use randomness.
    public var seed: UInt64
    /// Maximum number of voluntary migrations, `nil` = unlimited. Forced migrations (the VM
    /// cannot stay where it runs, ``ForcedMigrations``) are exempt and reported as forced.
    public var migrationBudget: Int?
    /// The instance has already passed ``InstanceValidator`` (the solve pipeline validates once,
    /// when it reads the file): a method may skip its own full validation (cheap structural
    /// checks before indexing stay).
    public var instanceValidated: Bool
    /// The MIP backend of exact methods by registry name (`glpk`, `cbc`; see
    /// `ExactSolver.MIPSolverRegistry`), `nil` for the method's own (GLPK). Heuristics ignore it.
    public var solverName: String?
    public init(timeLimit: Double? = nil, relativeGap: Double? = nil, seed: UInt64 = 1, migrationBudget: Int? = nil,
                solverName: String? = nil, instanceValidated: Bool = false) {
        self.instanceValidated = instanceValidated
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.seed = seed
        self.migrationBudget = migrationBudget
        self.solverName = solverName
    }
}

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

/// How a method's work grows with the number of VMs n.
public enum WorkGrowth: String, Sendable {
    /// O(n log n) or O(n·log m) up to factors of the dimensions and rule sizes.
    case nearLinear
    /// Ω(n²) or O(n·m) in the worst case (scans of every VM or host per VM placed).
    case quadratic
}

extension PlacementMethod {
    public var workGrowth: WorkGrowth { .nearLinear }
}
