import ArgumentParser
import Foundation
import PlacementModel
import Platform
import Simulation

/// Writes a line to standard output at once (unbuffered: a long run shows each result as it comes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Replays PlanetLab days with the cloudsim-planetlab preset and prints, per policy and day, the
/// metrics with the wall-clock and CPU time of the replay (trace reading excluded). Every knob
/// is an option (no environment variable steers it).
struct SimulationBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulation-bench",
        abstract: "Time and measure trace replays of PlanetLab days (Results/simulation-bench.txt).",
        discussion: """
        Example:
          simulation-bench --traces ../shared/data/traces/planetlab --day 20110303 --cloudsim-rules
          simulation-bench --all-days --policy thr-mmt-0.8 --policy vmplace-portfolio
        """)

    @Option(help: "PlanetLab folder (one sub-folder per day).")
    var traces = "../shared/data/traces/planetlab"

    @Option(help: "Day to replay (repeatable); default 20110303.")
    var day: [String] = []

    @Flag(help: "Every day folder of --traces.")
    var allDays = false

    @Option(help: "Policy (repeatable); default: the CloudSim policies and vmplace-portfolio.")
    var policy: [String] = []

    @Flag(help: "CloudSim's rules: drop VMs whose trace reads 0, CloudSim's accounting.")
    var cloudsimRules = false

    @Flag(help: "CloudSim 4.0's own decisions and energy accounting (implies --cloudsim-rules).")
    var cloudsimFaithful = false

    @Option(help: "VM order: sorted, reverse, round-robin (VM types i mod 4), or file-system (as CloudSim's File.listFiles()).")
    var vmOrder = "sorted"

    func validate() throws {
        guard ["sorted", "reverse", "round-robin", "file-system"].contains(vmOrder) else {
            throw ValidationError("unknown --vm-order \"\(vmOrder)\"; one of: sorted, reverse, round-robin, file-system")
        }
        if let generatedVMs, generatedVMs < 1 { throw ValidationError("--generated-vms must be ≥ 1") }
    }

    @Option(help: "Anti-oscillation overrides for every policy: cool-down steps.")
    var cooldown: Int?

    @Option(help: "Drain margin, watts.")
    var margin: Double?

    @Option(help: "Drain ceiling (hysteresis), CPU fraction.")
    var ceiling: Double?

    @Option(help: "Write JSON, per-step CSV and SVG charts per policy to BASE-<policy>.*")
    var output: String?

    @Option(name: .customLong("generated-vms"), help: "Instead of PlanetLab files: N generated VMs (seeded random walks of 288 CPU percents) on CloudSim's data centre scaled to N · 800 / 1052 hosts.")
    var generatedVMs: Int?

    @Option(help: "Seed of --generated-vms (1: the traces of earlier versions).")
    var seed: UInt64 = 1

    static let defaultPolicies = ["npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2",
                                  "thr-rs-0.8", "thr-mc-0.8", "vmplace-portfolio"]

    func run() throws {
        let days = generatedVMs != nil ? ["generated"]
            : allDays ? try SimulationConfiguration.planetLabDays(in: traces) : (day.isEmpty ? ["20110303"] : day)
        let policies = policy.isEmpty ? Self.defaultPolicies : policy
        var totalCPU = 0.0
        for day in days {
            var base = try generatedVMs.map { try Self.generated($0, seed: seed) } ?? SimulationConfiguration.cloudSimPlanetLab(tracesDirectory: traces, day: day, policy: "npa")
            if cloudsimFaithful {
                base.cloudSimFaithful = true
                say("CloudSim-faithful: stale PABFD snapshot, double-counted moves, energy at migration completions")
            }
            if cloudsimRules || cloudsimFaithful {
                base.dropIdleVMs = true
                base.cloudSimAccounting = true
                say("CloudSim rules: dropIdleVMs, cloudSimAccounting")
            }
            switch vmOrder {
            case "file-system":
                base.traces = try PlanetLabTraceReader.read(directory: SimulationConfiguration.dayDirectory(tracesDirectory: traces, day: day),
                                                            fileSystemOrder: true)
                say("VM order: as the file system lists the files")
            case "reverse": base.traces.reverse(); say("VM order: reversed")
            case "round-robin": base.dataCenter.vmTypeAssignment = .roundRobin; say("VM types: round robin")
            default: break
            }
            if let cooldown { base.cooldownSteps = cooldown; say("cooldown: \(cooldown) steps") }
            if let margin { base.marginWatts = margin; say("margin: \(margin) W") }
            if let ceiling { base.drainCeiling = ceiling; say("drain ceiling: \(ceiling)") }
            say("day \(day): \(base.traces.count) VMs, \(base.dataCenter.hosts.count) hosts, \(base.traces.map(\.cpu.count).min() ?? 0) steps")
            say("policy               energy_kWh  migrations  SLATAH_%   PDM_%     SLAV_%      ESV        pingpong  wall_s   cpu_s")
            for name in policies {
                var configuration = base
                configuration.policy = try SimulationPolicy.named(name)
                let cpuBefore = ProcessResources.cpuSeconds
                let result = try SimulationRunner.run(configuration)
                let cpu = ProcessResources.cpuSeconds - cpuBefore
                totalCPU += cpu
                if let output { try result.write(base: output + "-" + name) }
                say(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %10.2f  %10d  %8.4f  %8.5f  %10.7f  %10.7f  %8d  %7.3f  %7.3f",
                             result.energyKWh, result.migrations, result.slatah * 100, result.pdm * 100,
                             result.slav * 100, result.esv, result.pingPongMigrations, result.elapsedSeconds, cpu))
            }
        }
        if days.count > 1 { say(String(format: "total replay CPU: %.3f s over %d days", totalCPU, days.count)) }
    }
}

extension SimulationBench {
    /// `count` VMs whose CPU percent is a seeded random walk (steps of ±10 points, in 0…100,
    /// starting uniformly in 0…40), 288 samples, on the CloudSim data centre scaled to the count.
    /// Seed 1 gives the walks of the versions before `--seed` was honoured.
    static func generated(_ count: Int, seed: UInt64) throws -> SimulationConfiguration {
        var random = SplitMix64(seed: 20110303 &+ UInt64(count) &+ (seed &- 1) &* 0x9E37_79B9_7F4A_7C15)
        let traces = (0..<count).map { i -> UtilisationTrace in
            var percent = Double(random.next() % 41)
            var cpu: [Double] = []
            cpu.reserveCapacity(288)
            for _ in 0..<288 {
                cpu.append(percent / 100)
                percent = min(100, max(0, percent + Double(Int(random.next() % 21) - 10)))
            }
            return UtilisationTrace(name: "vm\(i)", cpu: cpu)
        }
        let hosts = max(1, count * 800 / 1052)
        return SimulationConfiguration(dataCenter: .cloudSimPlanetLab(hostCount: hosts), traces: traces, policy: try .named("npa"),
                                       day: seed == 1 ? "generated-\(count)" : "generated-\(count)-seed-\(seed)")
    }
}

SimulationBench.main()
