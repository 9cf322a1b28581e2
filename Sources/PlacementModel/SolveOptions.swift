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
