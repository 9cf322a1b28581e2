/// What an overload detector sees of one host at a decision step.
public struct HostObservation: Sendable, Hashable {
    /// CPU demand of the host's VMs now, as a fraction of its CPU capacity (may exceed 1).
    public var utilisation: Double
    /// Past CPU utilisation of the host, oldest first, computed (as CloudSim does) from the
    /// histories of the VMs on it now; at most 30 samples; leading zeros removed.
    public var history: [Double]
    /// Longest migration time of a VM on the host, seconds.
    public var maximumMigrationSeconds: Double
    /// Seconds between decisions.
    public var intervalSeconds: Double
    /// Mean utilisation of the active hosts of the data centre (for imbalance triggers).
    public var dataCentreMeanUtilisation: Double

    public init(utilisation: Double, history: [Double], maximumMigrationSeconds: Double = 0,
                intervalSeconds: Double = 300, dataCentreMeanUtilisation: Double = 0) {
        self.utilisation = utilisation
        self.history = history
        self.maximumMigrationSeconds = maximumMigrationSeconds
        self.intervalSeconds = intervalSeconds
        self.dataCentreMeanUtilisation = dataCentreMeanUtilisation
    }
}
