import PlacementModel

/// Options of ``FormulationBuilder/build(_:goal:options:)``: which strengthening to add and which
/// side limits to impose (lexicographic stages, migration budget).
public struct FormulationOptions: Sendable, Hashable {
    public var objective: ObjectiveKind
    /// Symmetry breaking inside groups of interchangeable hosts (same capacity, cost, thresholds,
    /// site and rack; empty now; named by no VM's allowed/forbidden list): `y_p ≥ y_{p+1}` and
    /// `x[v,p] = 0` when p is later in its group than v's rank in decreasing-size order.
    public var symmetryBreaking: Bool
    /// Disaggregated linking `x[v,h] ≤ y_h` for every pair (always added for VMs without demand).
    public var disaggregatedLinking: Bool
    /// Conflict cliques: sets of VMs no two of which can share a host, `Σ x[v,h] ≤ y_h`.
    public var conflictCliques: Bool
    /// `Σ y ≥ L` with L the best of the L1, Martello–Toth L2 and clique bounds (identical hosts).
    public var boundRows: Bool
    /// A proven lower bound on the number of open hosts (e.g. from column generation).
    public var minimumOpenHosts: Int?
    /// An upper bound on the optimal objective (a heuristic's value): groups of interchangeable
    /// hosts are cut to the hosts an optimum can afford. Valid because every objective term is ≥ 0.
    public var objectiveUpperBound: Double?
    /// At most this many voluntary migrations (the migration budget): VMs that could stay on
    /// their current host; forced migrations (``PlacementModel/ForcedMigrations``) are exempt.
    public var migrationBudget: Int?
    /// Lexicographic stage limits: Σ open cost of used hosts ≤ this.
    public var hostCostLimit: Double?
    /// Lexicographic stage limits: number of moved VMs ≤ this.
    public var migrationCountLimit: Int?
    /// Lexicographic stage limits: maximum utilisation (over hosts and dimensions) ≤ this.
    public var maximumUtilisationLimit: Double?

    public init(objective: ObjectiveKind = .goal, symmetryBreaking: Bool = true, disaggregatedLinking: Bool = false,
                conflictCliques: Bool = true, boundRows: Bool = true, minimumOpenHosts: Int? = nil,
                objectiveUpperBound: Double? = nil, migrationBudget: Int? = nil, hostCostLimit: Double? = nil,
                migrationCountLimit: Int? = nil, maximumUtilisationLimit: Double? = nil) {
        self.objective = objective
        self.symmetryBreaking = symmetryBreaking
        self.disaggregatedLinking = disaggregatedLinking
        self.conflictCliques = conflictCliques
        self.boundRows = boundRows
        self.minimumOpenHosts = minimumOpenHosts
        self.objectiveUpperBound = objectiveUpperBound
        self.migrationBudget = migrationBudget
        self.hostCostLimit = hostCostLimit
        self.migrationCountLimit = migrationCountLimit
        self.maximumUtilisationLimit = maximumUtilisationLimit
    }

    /// The textbook assignment model: no strengthening at all (for comparisons).
    public static let textbook = FormulationOptions(symmetryBreaking: false, conflictCliques: false, boundRows: false)
}

