import Foundation
import Heuristics
import InstanceFormats
import PlacementModel
import SolvePipeline

/// Everything `vmplace score` needs.
public struct ScoreConfiguration: Sendable {
    public var suites: [String]
    /// Methods scored on every instance.
    public var methods: [any PlacementMethod]
    /// Run first on every instance; its `bound` (and its objective when it proves optimality)
    /// become reference values for every row of the instance (`--exact`).
    public var referenceMethod: (any PlacementMethod)?
    public var goal: Goal
    public var timeLimit: Double?
    public var seed: UInt64
    public var jobs: Int
    public var knownFiles: [String]
    /// Root of the results tree (`Results`).
    public var outputDirectory: String
    /// Run name; `nil` = ``ScoreRun/derivedRunName(_:)``.
    public var runName: String?
    public var shard: Shard?
    /// Progress on stderr: `nil` = when stderr is a terminal.
    public var showProgress: Bool?
    /// MIP backend of the exact methods by name (`SolveOptions.solverName`); `nil` = default.
    public var solverName: String?

    public init(suites: [String], methods: [any PlacementMethod], referenceMethod: (any PlacementMethod)? = nil,
                goal: Goal = .place, timeLimit: Double? = nil, seed: UInt64 = 1, jobs: Int = 1, knownFiles: [String] = [],
                outputDirectory: String = "Results", runName: String? = nil, shard: Shard? = nil, showProgress: Bool? = nil,
                solverName: String? = nil) {
        self.solverName = solverName
        self.suites = suites
        self.methods = methods
        self.referenceMethod = referenceMethod
        self.goal = goal
        self.timeLimit = timeLimit
        self.seed = seed
        self.jobs = jobs
        self.knownFiles = knownFiles
        self.outputDirectory = outputDirectory
        self.runName = runName
        self.shard = shard
        self.showProgress = showProgress
    }
}
