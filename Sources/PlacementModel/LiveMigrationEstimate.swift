/// Estimated cost of one live migration.
public struct LiveMigrationEstimate: Sendable, Hashable {
    /// From start of the migration to the VM running at the destination alone, in seconds.
    public var totalSeconds: Double
    /// Time the VM does not run, in seconds.
    public var downtimeSeconds: Double
    /// Memory sent over the network, MiB.
    public var transferredMiB: Double
    /// Pre-copy rounds run (including the final stop-and-copy); 1 for the other models.
    public var rounds: Int
    /// Post-copy: expected time the VM stalls on remote page faults, seconds.
    public var degradationSeconds: Double

    public init(totalSeconds: Double, downtimeSeconds: Double, transferredMiB: Double, rounds: Int,
                degradationSeconds: Double = 0) {
        self.totalSeconds = totalSeconds
        self.downtimeSeconds = downtimeSeconds
        self.transferredMiB = transferredMiB
        self.rounds = rounds
        self.degradationSeconds = degradationSeconds
    }
}
