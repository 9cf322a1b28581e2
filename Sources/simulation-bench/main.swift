import ArgumentParser
import Foundation
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// User + system CPU time of this process, seconds (wall time is inflated when the machine is shared).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
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

    @Option(help: "VM order: sorted, reverse, or round-robin (VM types i mod 4).")
    var vmOrder = "sorted"

    @Option(help: "Anti-oscillation overrides for every policy: cool-down steps.")
    var cooldown: Int?

    @Option(help: "Drain margin, watts.")
    var margin: Double?

    @Option(help: "Drain ceiling (hysteresis), CPU fraction.")
    var ceiling: Double?

    @Option(help: "Write JSON, per-step CSV and SVG charts per policy to BASE-<policy>.*")
    var output: String?

    static let defaultPolicies = ["npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2",
                                  "thr-rs-0.8", "thr-mc-0.8", "vmplace-portfolio"]

    func run() throws {
        let days = allDays ? try SimulationConfiguration.planetLabDays(in: traces) : (day.isEmpty ? ["20110303"] : day)
        let policies = policy.isEmpty ? Self.defaultPolicies : policy
        var totalCPU = 0.0
        for day in days {
            var base = try SimulationConfiguration.cloudSimPlanetLab(tracesDirectory: traces, day: day, policy: "npa")
            if cloudsimFaithful {
                base.cloudSimFaithful = true
                print("CloudSim-faithful: stale PABFD snapshot, double-counted moves, energy at migration completions")
            }
            if cloudsimRules || cloudsimFaithful {
                base.dropIdleVMs = true
                base.cloudSimAccounting = true
                print("CloudSim rules: dropIdleVMs, cloudSimAccounting")
            }
            switch vmOrder {
            case "reverse": base.traces.reverse(); print("VM order: reversed")
            case "round-robin": base.dataCenter.vmTypeAssignment = .roundRobin; print("VM types: round robin")
            default: break
            }
            if let cooldown { base.cooldownSteps = cooldown; print("cooldown: \(cooldown) steps") }
            if let margin { base.marginWatts = margin; print("margin: \(margin) W") }
            if let ceiling { base.drainCeiling = ceiling; print("drain ceiling: \(ceiling)") }
            print("day \(day): \(base.traces.count) VMs, \(base.dataCenter.hosts.count) hosts, \(base.traces.map(\.cpu.count).min() ?? 0) steps")
            print("policy               energy_kWh  migrations  SLATAH_%   PDM_%     SLAV_%      ESV        pingpong  wall_s   cpu_s")
            for name in policies {
                var configuration = base
                configuration.policy = try SimulationPolicy.named(name)
                let cpuBefore = processCPUSeconds()
                let result = try SimulationRunner.run(configuration)
                let cpu = processCPUSeconds() - cpuBefore
                totalCPU += cpu
                if let output { try result.write(base: output + "-" + name) }
                print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %10.2f  %10d  %8.4f  %8.5f  %10.7f  %10.7f  %8d  %7.3f  %7.3f",
                             result.energyKWh, result.migrations, result.slatah * 100, result.pdm * 100,
                             result.slav * 100, result.esv, result.pingPongMigrations, result.elapsedSeconds, cpu))
            }
        }
        if days.count > 1 { print(String(format: "total replay CPU: %.3f s over %d days", totalCPU, days.count)) }
    }
}

SimulationBench.main()
