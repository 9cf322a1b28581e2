import Dispatch
import PlacementModel

/// Options of ``RoadefSolver``.
public struct RoadefSolveOptions: Sendable {
    /// Wall-clock budget in seconds (a promise: the run returns by then, writes included).
    public var timeLimit: Double
    public var seed: UInt64
    /// Parallel workers (each one late-acceptance climber).
    public var threads: Int
    /// Candidate moves per worker per epoch.
    public var epochCandidates: Int
    /// Every this many epochs, workers behind the shared best restart from it.
    public var synchronizeEvery: Int
    /// Stop after this many epochs (a time-independent run length), if set.
    public var maximumEpochs: Int?
    /// Machine-LNS sub-MIPs per worker per epoch (0 = none), machines per sub-problem, and the
    /// GLPK time limit of one sub-MIP (the only time-dependent part of the schedule: a sub-MIP
    /// that hits it may end differently on a slower or busier machine).
    public var lnsPerEpoch: Int = 1
    public var lnsMachines: Int = 2
    public var lnsTimeLimit: Double = 2
    /// Late-acceptance history length of worker 0 (others: ×¼, ×4, ×½ in turn).
    public var historyLength: Int

    public init(timeLimit: Double, seed: UInt64 = 1, threads: Int = 1, epochCandidates: Int = 100_000,
                synchronizeEvery: Int = 10, maximumEpochs: Int? = nil, historyLength: Int = 2_000) {
        self.historyLength = max(1, historyLength)
        self.timeLimit = timeLimit
        self.seed = seed
        self.threads = max(1, threads)
        self.epochCandidates = max(1, epochCandidates)
        self.synchronizeEvery = max(1, synchronizeEvery)
        self.maximumEpochs = maximumEpochs
    }
}
