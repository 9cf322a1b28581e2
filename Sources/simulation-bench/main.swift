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

// simulation-bench [TRACES_DIR] [DAY] [POLICY...]
// Replays one PlanetLab day with the cloudsim-planetlab preset and prints, per policy, the
// metrics and the wall-clock time of the replay (trace reading excluded).
let arguments = Array(CommandLine.arguments.dropFirst())
let directory = arguments.count > 0 ? arguments[0] : "../shared/data/traces/planetlab"
let day = arguments.count > 1 ? arguments[1] : "20110303"
let policies = arguments.count > 2 ? Array(arguments[2...]) : ["npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2", "thr-rs-0.8", "thr-mc-0.8", "vmplace-portfolio"]
do {
    var base = try SimulationConfiguration.cloudSimPlanetLab(tracesDirectory: directory, day: day, policy: "npa")
    // SIMULATION_CLOUDSIM_RULES=1: drop VMs whose trace reads 0 and use CloudSim's clock (287 accounted intervals).
    if ProcessInfo.processInfo.environment["SIMULATION_CLOUDSIM_RULES"] == "1" {
        base.dropIdleVMs = true
        base.cloudSimAccounting = true
        print("CloudSim rules: dropIdleVMs, cloudSimAccounting")
    }
    // SIMULATION_VM_ORDER=reverse|round-robin: sensitivity of the results to the VM order / type assignment.
    switch ProcessInfo.processInfo.environment["SIMULATION_VM_ORDER"] {
    case "reverse": base.traces.reverse(); print("VM order: reversed")
    case "round-robin": base.dataCenter.vmTypeAssignment = .roundRobin; print("VM types: round robin")
    default: break
    }
    // SIMULATION_COOLDOWN=steps, SIMULATION_MARGIN=watts: anti-oscillation overrides for every policy.
    if let text = ProcessInfo.processInfo.environment["SIMULATION_COOLDOWN"], let steps = Int(text) {
        base.cooldownSteps = steps
        print("cooldown: \(steps) steps")
    }
    if let text = ProcessInfo.processInfo.environment["SIMULATION_MARGIN"], let watts = Double(text) {
        base.marginWatts = watts
        print("margin: \(watts) W")
    }
    if let text = ProcessInfo.processInfo.environment["SIMULATION_CEILING"], let ceiling = Double(text) {
        base.drainCeiling = ceiling
        print("drain ceiling: \(ceiling)")
    }
    print("day \(day): \(base.traces.count) VMs, \(base.dataCenter.hosts.count) hosts, \(base.traces.map(\.cpu.count).min() ?? 0) steps")
    print("policy               energy_kWh  migrations  SLATAH_%   PDM_%     SLAV_%      ESV        pingpong  wall_s   cpu_s")
    for name in policies {
        var configuration = base
        configuration.policy = try SimulationPolicy.named(name)
        let cpuBefore = processCPUSeconds()
        let result = try SimulationRunner.run(configuration)
        let cpu = processCPUSeconds() - cpuBefore
        if let base = ProcessInfo.processInfo.environment["SIMULATION_OUTPUT"] { try result.write(base: base + "-" + name) }
        print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %10.2f  %10d  %8.4f  %8.5f  %10.7f  %10.7f  %8d  %7.3f  %7.3f",
                     result.energyKWh, result.migrations, result.slatah * 100, result.pdm * 100,
                     result.slav * 100, result.esv, result.pingPongMigrations, result.elapsedSeconds, cpu))
    }
} catch {
    FileHandle.standardError.write("simulation-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
