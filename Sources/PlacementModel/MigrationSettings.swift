/// Live-migration settings (Clark et al., NSDI'05).
public struct MigrationSettings: Sendable, Hashable {
    /// Pre-copy stops after this many rounds.
    public var maxPreCopyRounds: Int
    /// Pre-copy stops when fewer than this many MiB remain dirty.
    public var stopCopyThresholdMiB: Double
    /// At most this many migrations in or out of one host at once.
    public var maxConcurrentPerHost: Int
    public init(maxPreCopyRounds: Int = 30, stopCopyThresholdMiB: Double = 50, maxConcurrentPerHost: Int = 2) {
        self.maxPreCopyRounds = maxPreCopyRounds
        self.stopCopyThresholdMiB = stopCopyThresholdMiB
        self.maxConcurrentPerHost = maxConcurrentPerHost
    }
}
