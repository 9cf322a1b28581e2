import Foundation
import PlacementModel

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
    /// Replay this cluster (hosts, VMs, rules, sharing, thresholds, network) instead of
    /// `dataCenter`: trace t drives the VM whose id is its name; VMs without a trace keep their
    /// static demand.
    public var instance: Instance?
    /// Seconds between samples for an instance replay (a preset has its own).
    public var intervalSeconds: Double
    /// How long a migration takes and what its VM loses.
    public var migrationModel: LiveMigrationModel
    /// VMs leaving one host for one destination in a step migrate as a gang (shared pages once).
    public var gang: Bool
    /// Time-of-day trigger: decide only at steps whose time of day lies in one of these windows
    /// (empty = always).
    public var decisionWindows: [DecisionWindow]
    /// Time of day of step 0, seconds after midnight.
    public var startSecondOfDay: Double
    /// `reassign` policies: weight of a migration second when the instance gives none, the CPU
    /// utilisation the re-optimised hosts must stay under, and the portfolio's time limit.
    public var reassignMigrationWeight: Double
    public var reassignCeiling: Double
    public var reassignTimeLimit: Double?
    /// CloudSim 4.0's own decisions and energy accounting (see ``CloudSimRound`` and
    /// ``CloudSimEnergy``); use with `dropIdleVMs` and `cloudSimAccounting` to reproduce CloudSim.
    public var cloudSimFaithful = false
    /// Called about once a second during long replays with (steps done, steps).
    public var progress: (@Sendable (Int, Int) -> Void)?

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
        instance = nil
        intervalSeconds = 300
        migrationModel = .preCopy
        gang = false
        decisionWindows = []
        startSecondOfDay = 0
        reassignMigrationWeight = 0.01
        reassignCeiling = 0.8
        reassignTimeLimit = nil
        progress = nil
    }

    /// The cluster the replay runs on: the instance when one is set, else the data centre.
    func cluster() throws -> ReplayCluster {
        if let instance {
            return try ReplayCluster.from(instance: instance, traces: traces, steps: steps, interval: intervalSeconds)
        }
        guard !dataCenter.hosts.isEmpty else { throw SimulationError.noHosts }
        guard !dataCenter.vmTypes.isEmpty else { throw SimulationError.noVMTypes }
        let shortest = traces.map(\.cpu.count).min() ?? 0
        return ReplayCluster.from(dataCenter: dataCenter, traces: traces, steps: min(steps ?? shortest, shortest))
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
        let directory = try dayDirectory(tracesDirectory: tracesDirectory, day: day)
        let traces = try PlanetLabTraceReader.read(directory: directory)
        return SimulationConfiguration(dataCenter: .cloudSimPlanetLab(), traces: traces, policy: try .named(policy),
                                       day: day, dropIdleVMs: dropIdleVMs, seed: seed)
    }
}

extension SimulationConfiguration {
    /// The folder of `day`: `tracesDirectory/day`, or `tracesDirectory` itself when it is that
    /// day's folder (its name is `day`) or no day is given. A day with no folder is an error,
    /// never the parent folder replayed under the day's name.
    public static func dayDirectory(tracesDirectory: String, day: String) throws -> String {
        if day.isEmpty || (tracesDirectory as NSString).lastPathComponent == day { return tracesDirectory }
        var isDirectory: ObjCBool = false
        let dayDirectory = tracesDirectory + "/" + day
        guard FileManager.default.fileExists(atPath: dayDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            let days = (try? planetLabDays(in: tracesDirectory)) ?? []
            throw TraceError(file: dayDirectory, line: nil,
                             message: "no folder for day \(day)" + (days.isEmpty ? "" : " (days here: \(days.joined(separator: ", ")))"))
        }
        return dayDirectory
    }

    /// The day folders of a PlanetLab set (sub-folders, sorted).
    public static func planetLabDays(in tracesDirectory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: tracesDirectory)
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: tracesDirectory + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

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
