import PlacementModel

/// What the model minimises. `.goal` is exactly ``PlacementModel/Instance/objective(of:goal:)``;
/// the others are the stages of a lexicographic solve.
public enum ObjectiveKind: String, Sendable, Hashable, CaseIterable {
    /// The goal's objective, equal to `Instance.objective(of:goal:)` of the mapped placement.
    case goal
    /// Σ open cost of used hosts (unweighted).
    case hostCost
    /// Number of VMs that leave their current host.
    case migrationCount
    /// Σ migration cost of moved VMs (unweighted).
    case migrationCost
    /// Highest utilisation over hosts and dimensions (as `Instance.maximumUtilisation`).
    case maximumUtilisation
}
