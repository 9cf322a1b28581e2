/// Weights of the objective terms. Every method reports the same objective, computed by
/// ``Instance/objective(of:goal:)``.
public struct ObjectiveWeights: Sendable, Hashable {
    /// Weight of Σ open cost of used hosts.
    public var hosts: Double
    /// Weight of Σ migration cost of moved VMs.
    public var migration: Double
    /// Weight of Σ traffic between VMs on different hosts.
    public var traffic: Double
    /// Weight of the balance term (maximum utilisation) in consolidation objectives.
    public var balance: Double
    public init(hosts: Double = 1, migration: Double = 0, traffic: Double = 0, balance: Double = 0) {
        self.hosts = hosts
        self.migration = migration
        self.traffic = traffic
        self.balance = balance
    }
}
