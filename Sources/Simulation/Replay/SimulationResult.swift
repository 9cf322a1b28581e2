import Foundation
import InstanceFormats

/// One replayed step.
public struct SimulationStep: Sendable, Hashable {
    public var step: Int
    public var timeSeconds: Double
    /// VMs present (arrived, not departed).
    public var vms: Int
    /// Hosts holding at least one VM during the interval.
    public var activeHosts: Int
    /// Active hosts whose CPU demand exceeds what they can give (SLA violation time).
    public var overloadedHosts: Int
    public var migrations: Int
    /// Energy of the interval, kWh (0 for an interval not accounted).
    public var energyKWh: Double
    public var cumulativeEnergyKWh: Double
}

/// Metrics of one trace replay (definitions of Beloglazov & Buyya, CCPE 24(13), 2012, Sec. 6.3).
public struct SimulationResult: Sendable {
    public var policy: String
    public var day: String?
    public var hosts: Int
    public var vms: Int
    public var steps: Int
    /// Simulated time over which energy and SLA are accounted, seconds.
    public var accountedSeconds: Double
    public var energyKWh: Double
    public var migrations: Int
    /// SLA violation time per active host: Σ time a host's demand exceeded its capacity / Σ active time.
    public var slatah: Double
    /// Performance degradation due to migration: Σ 10 % of a moving VM's demand over its
    /// migration time / Σ demand over the run.
    public var pdm: Double
    /// SLATAH · PDM.
    public var slav: Double
    /// Energy (kWh) · SLAV.
    public var esv: Double
    /// Σ over hosts of the time they were overloaded, seconds.
    public var overloadSeconds: Double
    public var meanActiveHosts: Double
    /// Migrations that sent a VM back to the host it had left within the ping-pong window.
    public var pingPongMigrations: Int
    /// VMs that fit on no host when they arrived.
    public var unplacedVMs: Int
    /// VMs that left (scenario departures, or idle VMs with `dropIdleVMs`).
    public var departedVMs: Int
    /// Wall-clock time of the replay, seconds (not part of the summary JSON, which is deterministic).
    public var elapsedSeconds: Double
    public var stepRecords: [SimulationStep]
    /// What the user should know about the inputs (traces matching no VM, …); not in the JSON.
    public var warnings: [String] = []

    /// Summary as JSON with a stable key order: policy, day, hosts, vms, steps, energyKWh,
    /// migrations, slatah, pdm, slav, esv, overloadSeconds, meanActiveHosts, pingPongMigrations,
    /// unplacedVMs, departedVMs. SLA values are fractions (0.05 = 5 %). Written by the project's
    /// deterministic JSON writer.
    public func summaryJSON() -> String { summary.rendered() }

    /// The summary as a JSON value (see ``summaryJSON()``).
    public var summary: JSONOutput {
        .object([
            ("policy", .string(policy)),
            ("day", .optionalString(day)),
            ("hosts", .number(Double(hosts))),
            ("vms", .number(Double(vms))),
            ("steps", .number(Double(steps))),
            ("energyKWh", .number(energyKWh)),
            ("migrations", .number(Double(migrations))),
            ("slatah", .number(slatah)),
            ("pdm", .number(pdm)),
            ("slav", .number(slav)),
            ("esv", .number(esv)),
            ("overloadSeconds", .number(overloadSeconds)),
            ("meanActiveHosts", .number(meanActiveHosts)),
            ("pingPongMigrations", .number(Double(pingPongMigrations))),
            ("unplacedVMs", .number(Double(unplacedVMs))),
            ("departedVMs", .number(Double(departedVMs))),
        ])
    }

    /// Per-step CSV: step,time_s,vms,active_hosts,overloaded_hosts,migrations,energy_kwh,cumulative_energy_kwh.
    public func perStepCSV() -> String {
        var out = "step,time_s,vms,active_hosts,overloaded_hosts,migrations,energy_kwh,cumulative_energy_kwh\n"
        for r in stepRecords {
            out += "\(r.step),\(Int(r.timeSeconds)),\(r.vms),\(r.activeHosts),\(r.overloadedHosts),\(r.migrations),"
                + String(format: "%.6f,%.6f\n", r.energyKWh, r.cumulativeEnergyKWh)
        }
        return out
    }

    /// SVG line chart of active hosts per step.
    public func activeHostsSVG() -> String {
        SVGChart.line(title: "Active hosts — \(policy)", yLabel: "active hosts",
                      series: [(policy, stepRecords.map { Double($0.activeHosts) })], interval: stepInterval)
    }

    /// SVG line chart of cumulative energy, kWh.
    public func energySVG() -> String {
        SVGChart.line(title: "Cumulative energy — \(policy)", yLabel: "kWh",
                      series: [(policy, stepRecords.map(\.cumulativeEnergyKWh))], interval: stepInterval)
    }

    var stepInterval: Double {
        stepRecords.count >= 2 ? stepRecords[1].timeSeconds - stepRecords[0].timeSeconds : 300
    }

    /// Writes `<base>.json`, `<base>-steps.csv`, `<base>-active-hosts.svg` and `<base>-energy.svg`.
    public func write(base: String) throws {
        try AtomicFile.write(summaryJSON(), to: base + ".json")
        try AtomicFile.write(perStepCSV(), to: base + "-steps.csv")
        try AtomicFile.write(activeHostsSVG(), to: base + "-active-hosts.svg")
        try AtomicFile.write(energySVG(), to: base + "-energy.svg")
    }
}
