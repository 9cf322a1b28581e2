import ArgumentParser
import Foundation
import InstanceFormats
import PlacementModel
import Simulation

/// `vmplace simulate`
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay utilisation traces through a when/which/where policy; report energy, SLA violations and migrations.",
        discussion: """
        Policy names (--policy, repeatable):
        \(SimulationPolicy.grammar)

        The cluster: a preset (--preset cloudsim-planetlab: 800 CloudSim hosts, CloudSim's VM types) or your own (--instance FILE: hosts, VMs, rules, memory sharing, thresholds, network; power linear between each host's idleWatts and peakWatts). With --instance, trace files are matched to VMs by id (file name with or without extension); VMs without a trace keep their static demand; Bitbrains traces drive CPU, memory (in use over provisioned, times the VM's memory demand) and network (Mbit/s).

        Traces: --format planetlab (a folder of files, one CPU percent per line, 5-minute steps; --day DAY reads DIR/DAY, --all-days every day folder), bitbrains (GWA-T-12 CSV files) or csv (one file: a header of VM names, `vm:mem` for other dimensions, then one line of percents per step). Events (--events FILE, JSON, Instances/events.schema.json): arrivals, departures, maintenance windows, host additions.

        The summary JSON (energyKWh, migrations, slatah, pdm, slav, esv, …) goes to standard output or --output; with several policies, days or seeds, a report with every run and the means per policy (--table FILE: the same as Markdown). By default a trace reading 0 is an idle VM; --drop-idle-vms and --cloudsim-accounting reproduce CloudSim's rules (Results/simulation.md). Progress goes to standard error on long replays.

        Examples:
          vmplace simulate --traces ../shared/data/traces/planetlab --day 20110303 --policy thr-mmt-0.8
          vmplace simulate --traces ../shared/data/traces/planetlab --all-days --policy lr-mmt-1.2 --policy vmplace-portfolio --table days.md
          vmplace simulate --instance cluster.json --traces ../shared/data/traces/bitbrains-rnd-2weeks/2013-7 --format bitbrains --policy kofn-mmt-0.8 --k 2 --n 3
          vmplace simulate --traces t.csv --format csv --policy ewma-vsr-0.7/vector-dot --alpha 0.3 --migration-model post-copy --gang
        """)

    // MARK: Cluster and traces

    @Option(help: "Data-centre preset when no --instance: \(SimulationConfiguration.presetNames.joined(separator: ", ")).")
    var preset: String = "cloudsim-planetlab"

    @Option(help: "Replay this instance (JSON or .vbp) instead of a preset.")
    var instance: String?

    @Option(help: "Trace folder (planetlab, bitbrains) or file (csv).")
    var traces: String

    @Option(help: "Trace format: planetlab, bitbrains or csv.")
    var format: String = "planetlab"

    @Option(help: "Day to replay (PlanetLab folder name, e.g. 20110303); a day without a folder is an error.")
    var day: String?

    @Flag(help: "Replay every day folder of --traces (PlanetLab), one row per day and the means.")
    var allDays = false

    @Option(help: "Bitbrains: fill up to this many missing samples in a row by linear interpolation (longer gaps are errors).")
    var fillGaps: Int = 1

    @Option(help: "Seconds between samples for --instance replays.")
    var interval: Double = 300

    @Option(help: "Events file (JSON): arrivals, departures, maintenance, host additions.")
    var events: String?

    @Option(help: "Replay only the first N steps.")
    var steps: Int?

    @Option(help: "VM order of a preset replay: sorted (file names), reverse, round-robin (VM types i mod 4), or file-system (PlanetLab files in the order the file system lists them, as CloudSim's File.listFiles()).")
    var vmOrder: String = "sorted"

    // MARK: Policy

    @Option(help: "Policy name (repeatable; grammar above).")
    var policy: [String] = []

    @Option(help: "Seed for random selection (…-rs-…); repeatable: one run per seed.")
    var seed: [UInt64] = []

    @Option(help: "k of k-of-n (kofn): hot when k of the last n samples exceed the threshold.")
    var k: Int = 3

    @Option(help: "n of k-of-n (kofn).")
    var n: Int = 5

    @Option(help: "Smoothing factor of ewma, level factor of holt, in (0, 1].")
    var alpha: Double = 0.5

    @Option(help: "Trend factor of holt, in (0, 1].")
    var beta: Double = 0.3

    @Option(help: "Seasonal factor of holt, in (0, 1].")
    var gamma: Double = 0.1

    @Option(help: "Season length of holt in samples (0 = no seasonality).")
    var season: Int = 0

    @Option(help: "Order p of the AR(p) forecast (ar).")
    var arOrder: Int = 2

    @Option(help: "Periodic trigger: decide every N steps (default: the policy's, every step).")
    var period: Int?

    @Option(help: "Time-of-day trigger: decide only within HH:MM-HH:MM (repeatable; may wrap midnight).")
    var window: [String] = []

    @Option(help: "Time of day of the first sample, HH:MM.")
    var startTime: String = "00:00"

    @Option(help: "Cold-spot threshold: drain only hosts below this CPU utilisation (default: the instance's thresholds.underload, else CloudSim's rule).")
    var underload: Double?

    @Option(help: "Anti-oscillation: do not migrate a VM again within this many steps (overrides the policy).")
    var cooldown: Int?

    @Option(help: "Anti-oscillation (hysteresis): hosts receiving a drained host's VMs stay at or below this CPU utilisation.")
    var hysteresis: Double?

    @Option(help: "Anti-oscillation: draining a host must save more than this many watts.")
    var marginWatts: Double?

    @Option(help: "Migration cost model: pre-copy, post-copy or suspend-copy.")
    var migrationModel: String = "pre-copy"

    @Flag(help: "Gang migration: VMs leaving one host for one destination send shared pages once.")
    var gang = false

    @Option(help: "reassign policies: cost of one migration second in hosts when the instance has no migration weight.")
    var reassignMigrationWeight: Double = 0.01

    @Option(help: "reassign policies: time limit of each re-optimisation, seconds.")
    var reassignTimeLimit: Double?

    // MARK: CloudSim rules

    // Named explicitly: derived from the property name it would be --drop-idle-v-ms.
    @Flag(name: .customLong("drop-idle-vms"), help: "CloudSim's rule: a VM whose trace reads 0 departs for good.")
    var dropIdleVMs = false

    @Flag(help: "CloudSim's accounting (last interval not accounted, idle hosts draw nothing, migration-in SLA).")
    var cloudsimAccounting = false

    @Flag(help: "CloudSim 4.0 as it is: its rules and accounting plus its stale PABFD snapshot, VMs moved twice in a round counted twice, 10 % reservation in the power estimate, energy re-accounted at each migration completion (implies --drop-idle-vms --cloudsim-accounting).")
    var cloudsimFaithful = false

    // MARK: Output

    @Option(name: .shortAndLong, help: "Write the summary JSON here (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Write a Markdown table of every run and the means per policy here.")
    var table: String?

    @Option(help: "Write the per-step CSV here (one run only).")
    var stepsCSV: String?

    @Option(help: "Write SVG charts (active hosts, energy) to PREFIX-active-hosts.svg and PREFIX-energy.svg (one run only).")
    var charts: String?

    @Flag(help: "No progress or per-run lines on standard error.")
    var quiet = false

    var settings: TriggerSettings {
        TriggerSettings(k: k, n: n, alpha: alpha, beta: beta, gamma: gamma, season: season, arOrder: arOrder)
    }

    var model: LiveMigrationModel? {
        ["pre-copy": LiveMigrationModel.preCopy, "post-copy": .postCopy, "suspend-copy": .suspendAndCopy][migrationModel]
    }

    func validate() throws {
        guard SimulationConfiguration.presetNames.contains(preset.lowercased()) else {
            throw ValidationError("unknown preset \"\(preset)\"; one of: \(SimulationConfiguration.presetNames.joined(separator: ", "))")
        }
        guard ["planetlab", "bitbrains", "csv"].contains(format) else {
            throw ValidationError("unknown trace format \"\(format)\"; one of: planetlab, bitbrains, csv")
        }
        guard !policy.isEmpty else { throw ValidationError("give at least one --policy; policy names are\n\(SimulationPolicy.grammar)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be ≥ 1") }
        if fillGaps < 0 { throw ValidationError("--fill-gaps must be ≥ 0") }
        if let cooldown, cooldown < 0 { throw ValidationError("--cooldown must be ≥ 0") }
        if let period, period < 1 { throw ValidationError("--period must be ≥ 1") }
        for (name, value) in [("--underload", underload), ("--hysteresis", hysteresis)] {
            if let value, !(value >= 0 && value <= 1) { throw ValidationError("\(name) must be a fraction in [0, 1], got \(value)") }
        }
        if let marginWatts, !marginWatts.isFinite { throw ValidationError("--margin-watts must be a number") }
        guard interval.isFinite, interval > 0 else { throw ValidationError("--interval must be > 0 seconds") }
        guard model != nil else { throw ValidationError("unknown --migration-model \"\(migrationModel)\"; one of: pre-copy, post-copy, suspend-copy") }
        guard ["sorted", "reverse", "round-robin", "file-system"].contains(vmOrder) else {
            throw ValidationError("unknown --vm-order \"\(vmOrder)\"; one of: sorted, reverse, round-robin, file-system")
        }
        for text in window where DecisionWindow(parsing: text) == nil {
            throw ValidationError("--window \"\(text)\" is not HH:MM-HH:MM")
        }
        guard DecisionWindow.seconds(startTime[...]) != nil else { throw ValidationError("--start-time \"\(startTime)\" is not HH:MM") }
        if allDays && day != nil { throw ValidationError("--all-days and --day exclude each other") }
        if allDays && format != "planetlab" { throw ValidationError("--all-days reads PlanetLab day folders (--format planetlab)") }
        if reassignMigrationWeight < 0 || !reassignMigrationWeight.isFinite { throw ValidationError("--reassign-migration-weight must be ≥ 0") }
        do {
            for name in policy { _ = try SimulationPolicy.named(name, settings: settings) }
        } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let days: [String?]
        if allDays {
            days = try inputError { try SimulationConfiguration.planetLabDays(in: traces) }.map { Optional($0) }
            if days.isEmpty { throw InvalidInputError(message: "error: \(traces): no day folders") }
        } else {
            days = [day]
        }
        let cluster = try instance.map { try loadInstance($0, quiet: quiet) }
        let scenario = try events.map { path in try inputError { try EventsFile.read(path: path) } } ?? Scenario()
        let seeds = seed.isEmpty ? [UInt64(1)] : seed
        var results: [SimulationResult] = []
        for day in days {
            let base = try configuration(day: day, cluster: cluster, scenario: scenario)
            for name in policy {
                for seed in seeds {
                    var configuration = base
                    configuration.policy = try SimulationPolicy.named(name, settings: settings)
                    configuration.seed = seed
                    results.append(try replay(configuration))
                }
            }
        }
        try write(results)
    }

    /// The configuration of one day, every option applied.
    func configuration(day: String?, cluster: Instance?, scenario: Scenario) throws -> SimulationConfiguration {
        var configuration = try inputError { () throws -> SimulationConfiguration in
            let traceList = try readTraces(day: day)
            if let cluster {
                var configuration = SimulationConfiguration(dataCenter: .cloudSimPlanetLab(), traces: traceList, policy: try .named("npa"), day: day)
                configuration.instance = cluster
                configuration.intervalSeconds = interval
                return configuration
            }
            return try SimulationConfiguration.preset(named: preset, traces: traceList, day: day, policy: "npa")
        }
        warnAboutLengths(configuration.traces)
        if !quiet {
            let warnings = configuration.traces.flatMap(\.warnings)
            for warning in warnings.prefix(10) { printError("warning: \(warning)") }
            if warnings.count > 10 { printError("warning: … and \(warnings.count - 10) more") }
        }
        switch vmOrder {
        case "reverse": configuration.traces.reverse()
        case "round-robin": configuration.dataCenter.vmTypeAssignment = .roundRobin
        default: break
        }
        configuration.scenario = scenario
        configuration.dropIdleVMs = dropIdleVMs || cloudsimFaithful
        configuration.cloudSimAccounting = cloudsimAccounting || cloudsimFaithful
        configuration.cloudSimFaithful = cloudsimFaithful
        configuration.steps = steps
        configuration.cooldownSteps = cooldown
        configuration.drainCeiling = hysteresis
        configuration.marginWatts = marginWatts
        configuration.periodSteps = period
        configuration.underloadThreshold = underload ?? cluster.flatMap(Self.instanceUnderload)
        configuration.migrationModel = model ?? .preCopy
        configuration.gang = gang
        configuration.decisionWindows = window.compactMap(DecisionWindow.init(parsing:))
        configuration.startSecondOfDay = DecisionWindow.seconds(startTime[...]) ?? 0
        configuration.reassignMigrationWeight = reassignMigrationWeight
        configuration.reassignTimeLimit = reassignTimeLimit
        if !quiet {
            let label = day.map { "day \($0)" } ?? "replay"
            configuration.progress = { done, total in
                printError("\(label): step \(done)/\(total) (\(done * 100 / max(1, total)) %)")
            }
        }
        return configuration
    }

    /// The instance's CPU underload threshold, when it sets one above 0.
    static func instanceUnderload(_ instance: Instance) -> Double? {
        let cpu = instance.dimensions.firstIndex { $0.lowercased() == "cpu" } ?? 0
        let value = instance.underloadThreshold[cpu]
        return value > 0 ? value : nil
    }

    func readTraces(day: String?) throws -> [UtilisationTrace] {
        switch format {
        case "planetlab":
            let directory = try SimulationConfiguration.dayDirectory(tracesDirectory: traces, day: day ?? "")
            return try PlanetLabTraceReader.read(directory: directory, fileSystemOrder: vmOrder == "file-system")
        case "bitbrains": return try BitbrainsTraceReader.read(directory: traces, intervalSeconds: interval, fillableMissingSamples: fillGaps)
        default: return try PlainCSVTraceReader.read(file: traces)
        }
    }

    /// Traces of different lengths are replayed up to the shortest: say so, never silently.
    func warnAboutLengths(_ traces: [UtilisationTrace]) {
        let lengths = traces.map(\.cpu.count)
        guard let shortest = lengths.min(), let longest = lengths.max() else { return }
        if shortest != longest, let name = traces.first(where: { $0.cpu.count == shortest })?.name {
            printError("warning: traces differ in length (\(shortest)…\(longest) steps): replaying the shortest, \(shortest) steps (\(name))")
        }
        if let steps, steps > shortest {
            printError("warning: --steps \(steps) exceeds the shortest trace: replaying \(shortest) steps")
        }
    }

    func replay(_ configuration: SimulationConfiguration) throws -> SimulationResult {
        let start = Date()
        let result = try inputError { try SimulationRunner.run(configuration) }
        if !quiet {
            for warning in result.warnings { printError("warning: \(warning)") }
            let seconds = Date().timeIntervalSince(start)
            let label = (configuration.day.map { "\($0) " } ?? "") + configuration.policy.name
            printError("\(label): \(JSONOutput.format(result.energyKWh)) kWh, \(result.migrations) migrations, SLAV \(JSONOutput.format(result.slav * 100)) %, ESV \(JSONOutput.format(result.esv)) [\(String(format: "%.2f", seconds)) s]")
        }
        return result
    }

    /// Side files first: when one cannot be written the run fails before the summary is out,
    /// so a summary on standard output (or --output) always means every file was written.
    func write(_ results: [SimulationResult]) throws {
        if results.count == 1, let result = results.first {
            if let stepsCSV { try emit(result.perStepCSV(), to: stepsCSV) }
            if let charts {
                try emit(result.activeHostsSVG(), to: charts + "-active-hosts.svg")
                try emit(result.energySVG(), to: charts + "-energy.svg")
            }
        } else if stepsCSV != nil || charts != nil {
            printError("warning: --steps-csv and --charts need a single run (\(results.count) runs): not written")
        }
        let report = MultiRunReport(results: results)
        if let table { try emit(report.markdown(), to: table) }
        try emit(results.count == 1 ? results[0].summaryJSON() : report.json(), to: output)
    }

    /// Runs `body`, turning a trace, events or simulation error into invalid input (exit 1).
    func inputError<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as InvalidInputError { throw error } catch let error as Diagnostic {
            throw InvalidInputError(message: error.description)
        } catch {
            throw InvalidInputError(message: "error: \(error)")
        }
    }
}
