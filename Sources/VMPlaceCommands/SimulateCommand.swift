import ArgumentParser
import Foundation
import InstanceFormats
import Simulation

/// `vmplace simulate`
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay utilisation traces through a when/which/where policy; report energy, SLA violations and migrations.",
        discussion: """
        Policies are named like CloudSim's: npa, dvfs, thr-mmt-0.8, iqr-mmt-1.5, mad-mmt-2.5,
        lr-mmt-1.2, lrr-mmt-1.2, thr-rs-0.8, thr-mc-0.8 (<trigger>-<selection>-<parameter>; triggers
        thr, iqr, mad, lr, lrr, kofn, ewma, imbalance; selections mmt, rs, mc), plus vmplace's own
        vmplace-portfolio. The summary JSON (energyKWh, migrations, slatah, pdm, slav, esv, …) goes
        to standard output or --output. By default a trace reading 0 is an idle VM, not a departed
        one; --drop-idle-vms and --cloudsim-accounting reproduce CloudSim's rules (Results/simulation.md).

        Traces: --format planetlab (a folder of files, one CPU percent per line, 5-minute steps; with
        --day the folder DIR/DAY is used when it exists), bitbrains (GWA-T-12 CSV files) or csv
        (one file: a header of VM names, then one line of CPU percents per step).

        Examples:
          vmplace simulate --preset cloudsim-planetlab --traces ../shared/data/traces/planetlab --day 20110303 --policy thr-mmt-0.8
          vmplace simulate --traces ../shared/data/traces/planetlab --day 20110303 --policy lr-mmt-1.2 --output lr.json --steps-csv lr-steps.csv
        """)

    @Option(help: "Data-centre preset: \(SimulationConfiguration.presetNames.joined(separator: ", ")).")
    var preset: String = "cloudsim-planetlab"

    @Option(help: "Trace folder (planetlab, bitbrains) or file (csv).")
    var traces: String

    @Option(help: "Trace format: planetlab, bitbrains or csv.")
    var format: String = "planetlab"

    @Option(help: "Day to replay (PlanetLab folder name, e.g. 20110303).")
    var day: String?

    @Option(help: "Policy name (see above).")
    var policy: String

    @Option(help: "Seed for random selection (thr-rs-…).")
    var seed: UInt64 = 1

    // Named explicitly: derived from the property name it would be --drop-idle-v-ms.
    @Flag(name: .customLong("drop-idle-vms"), help: "CloudSim's rule: a VM whose trace reads 0 departs for good.")
    var dropIdleVMs = false

    @Flag(help: "CloudSim's accounting (last interval not accounted, idle hosts draw nothing, migration-in SLA).")
    var cloudsimAccounting = false

    @Option(help: "Do not migrate a VM again within this many steps (overrides the policy).")
    var cooldown: Int?

    @Option(help: "Replay only the first N steps.")
    var steps: Int?

    @Option(name: .shortAndLong, help: "Write the summary JSON here (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Write the per-step CSV here.")
    var stepsCSV: String?

    @Option(help: "Write SVG charts (active hosts, energy) to PREFIX-active-hosts.svg and PREFIX-energy.svg.")
    var charts: String?

    func validate() throws {
        guard SimulationConfiguration.presetNames.contains(preset.lowercased()) else {
            throw ValidationError("unknown preset \"\(preset)\"; one of: \(SimulationConfiguration.presetNames.joined(separator: ", "))")
        }
        guard ["planetlab", "bitbrains", "csv"].contains(format) else {
            throw ValidationError("unknown trace format \"\(format)\"; one of: planetlab, bitbrains, csv")
        }
        if let steps, steps < 1 { throw ValidationError("--steps must be ≥ 1") }
        if let cooldown, cooldown < 0 { throw ValidationError("--cooldown must be ≥ 0") }
        do { _ = try SimulationPolicy.named(policy) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        var configuration: SimulationConfiguration
        do {
            switch format {
            case "planetlab":
                configuration = try SimulationConfiguration.preset(named: preset, tracesDirectory: traces, day: day ?? "",
                                                                   policy: policy, dropIdleVMs: dropIdleVMs, seed: seed)
            case "bitbrains":
                configuration = try SimulationConfiguration.preset(named: preset, traces: try BitbrainsTraceReader.read(directory: traces),
                                                                   day: day, policy: policy, dropIdleVMs: dropIdleVMs, seed: seed)
            default:
                configuration = try SimulationConfiguration.preset(named: preset, traces: try PlainCSVTraceReader.read(file: traces),
                                                                   day: day, policy: policy, dropIdleVMs: dropIdleVMs, seed: seed)
            }
        } catch {
            throw InvalidInputError(message: "error: \(error)")
        }
        // Traces of different lengths are replayed up to the shortest: say so, never silently.
        let lengths = configuration.traces.map(\.cpu.count)
        if let shortest = lengths.min(), let longest = lengths.max() {
            if shortest != longest, let name = configuration.traces.first(where: { $0.cpu.count == shortest })?.name {
                printError("warning: traces differ in length (\(shortest)…\(longest) steps): replaying the shortest, \(shortest) steps (\(name))")
            }
            if let steps, steps > shortest {
                printError("warning: --steps \(steps) exceeds the shortest trace: replaying \(shortest) steps")
            }
        }
        configuration.cloudSimAccounting = cloudsimAccounting
        if let cooldown { configuration.cooldownSteps = cooldown }
        if let steps { configuration.steps = steps }
        let start = Date()
        let result: SimulationResult
        do {
            result = try SimulationRunner.run(configuration)
        } catch {
            throw InvalidInputError(message: "error: \(error)")
        }
        let seconds = Date().timeIntervalSince(start)
        // Side files first: when one cannot be written the run fails before the summary is out,
        // so a summary on standard output (or --output) always means every file was written.
        if let stepsCSV { try emit(result.perStepCSV(), to: stepsCSV) }
        if let charts {
            try emit(result.activeHostsSVG(), to: charts + "-active-hosts.svg")
            try emit(result.energySVG(), to: charts + "-energy.svg")
        }
        try emit(result.summaryJSON(), to: output)
        printError("\(policy): \(JSONOutput.format(result.energyKWh)) kWh, \(result.migrations) migrations, SLAV \(JSONOutput.format(result.slav * 100)) %, ESV \(JSONOutput.format(result.esv)) [\(String(format: "%.2f", seconds)) s]")
    }
}
