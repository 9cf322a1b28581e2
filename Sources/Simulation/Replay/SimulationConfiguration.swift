import Foundation

/// Everything one trace replay needs.
public struct SimulationConfiguration: Sendable {
    public var dataCenter: DataCenter
    /// One trace per VM (in this order: VM i gets trace i and its type by `dataCenter`).
    public var traces: [UtilisationTrace]
    public var policy: SimulationPolicy
    /// Label of the replayed day (e.g. 20110303), reported only.
    public var day: String?
    /// false (default): a trace reading 0 is an idle VM that stays; true: CloudSim's rule — a VM
    /// whose CPU demand is 0 at an update departs for good (CloudSim updates 0.1 s after each
    /// step, where the interpolated demand is 0 when this sample and the next are both 0; checked
    /// from step 1 on).
    public var dropIdleVMs: Bool
    /// false (default): all `steps` intervals are accounted (24 h for 288 samples) and SLA time is
    /// time a host's demand exceeds its capacity. true: CloudSim's accounting — its last 300 s
    /// interval is never accounted (the simulation stops at 86 400 s before the datacentre
    /// processes it, so 287 intervals), a host at 0 % CPU at the start of an interval draws nothing,
    /// and a host counts as violating its SLA while a VM migrates into it (CloudSim's destination
    /// allocates 10 % of the incoming VM's MIPS while the host's requested total counts all of
    /// it, so allocated < requested in `HostDynamicWorkload.updateVmsProcessing`).
    public var cloudSimAccounting: Bool
    /// Seed of random selections.
    public var seed: UInt64
    public var scenario: Scenario
    /// Steps replayed; `nil` = the shortest trace.
    public var steps: Int?
    /// Anti-oscillation overrides (`nil` = the policy's own).
    public var cooldownSteps: Int?
    public var marginWatts: Double?
    public var drainCeiling: Double?
    /// Periodic trigger override: decide every this many steps (`nil` = the policy's own).
    public var periodSteps: Int?
    /// Cold-spot threshold override: only hosts below this CPU utilisation are drained.
    public var underloadThreshold: Double?
    /// A migration back to the host a VM left at most this many steps earlier counts as ping-pong.
    public var pingPongWindow: Int

    public init(dataCenter: DataCenter, traces: [UtilisationTrace], policy: SimulationPolicy, day: String? = nil,
                dropIdleVMs: Bool = false, cloudSimAccounting: Bool = false, seed: UInt64 = 1, scenario: Scenario = Scenario(),
                steps: Int? = nil, cooldownSteps: Int? = nil, marginWatts: Double? = nil, drainCeiling: Double? = nil,
                periodSteps: Int? = nil, underloadThreshold: Double? = nil, pingPongWindow: Int = 12) {
        self.dataCenter = dataCenter
        self.traces = traces
        self.policy = policy
        self.day = day
        self.dropIdleVMs = dropIdleVMs
        self.cloudSimAccounting = cloudSimAccounting
        self.seed = seed
        self.scenario = scenario
        self.steps = steps
        self.cooldownSteps = cooldownSteps
        self.marginWatts = marginWatts
        self.drainCeiling = drainCeiling
        self.periodSteps = periodSteps
        self.underloadThreshold = underloadThreshold
        self.pingPongWindow = pingPongWindow
    }

    /// Names accepted by ``preset(named:tracesDirectory:day:policy:dropIdleVMs:seed:)``.
    public static let presetNames = ["cloudsim-planetlab"]

    /// The configuration of a named preset (the CLI's `--preset`); today `cloudsim-planetlab`.
    public static func preset(named name: String, tracesDirectory: String, day: String, policy: String,
                              dropIdleVMs: Bool = false, seed: UInt64 = 1) throws -> SimulationConfiguration {
        switch name.lowercased() {
        case "cloudsim-planetlab":
            return try cloudSimPlanetLab(tracesDirectory: tracesDirectory, day: day, policy: policy, dropIdleVMs: dropIdleVMs, seed: seed)
        default:
            throw SimulationError.unknownPreset(name)
        }
    }

    /// The `cloudsim-planetlab` preset: 800 hosts (G4/G5), CloudSim's four VM types, the PlanetLab
    /// traces of `day` read from `tracesDirectory/day` (or `tracesDirectory` itself when it holds
    /// the files), `policy` parsed by ``SimulationPolicy/named(_:)``.
    public static func cloudSimPlanetLab(tracesDirectory: String, day: String, policy: String,
                                         dropIdleVMs: Bool = false, seed: UInt64 = 1) throws -> SimulationConfiguration {
        var isDirectory: ObjCBool = false
        let dayDirectory = tracesDirectory + "/" + day
        let directory = FileManager.default.fileExists(atPath: dayDirectory, isDirectory: &isDirectory) && isDirectory.boolValue
            ? dayDirectory : tracesDirectory
        let traces = try PlanetLabTraceReader.read(directory: directory)
        return SimulationConfiguration(dataCenter: .cloudSimPlanetLab(), traces: traces, policy: try .named(policy),
                                       day: day, dropIdleVMs: dropIdleVMs, seed: seed)
    }
}

extension SimulationConfiguration {
    /// A named preset's data centre and policy with traces read elsewhere (Bitbrains, plain CSV).
    public static func preset(named name: String, traces: [UtilisationTrace], day: String?, policy: String,
                              dropIdleVMs: Bool = false, seed: UInt64 = 1) throws -> SimulationConfiguration {
        switch name.lowercased() {
        case "cloudsim-planetlab":
            return SimulationConfiguration(dataCenter: .cloudSimPlanetLab(), traces: traces, policy: try .named(policy),
                                           day: day, dropIdleVMs: dropIdleVMs, seed: seed)
        default:
            throw SimulationError.unknownPreset(name)
        }
    }
}
