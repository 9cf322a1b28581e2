import Foundation
import InstanceFormats

/// Several replays (policies × days × seeds) in one report: a row per run, and per policy the
/// mean over its runs (the figure the CloudSim papers report over the ten PlanetLab days) and
/// its worst run by ESV.
public struct MultiRunReport: Sendable {
    public var results: [SimulationResult]

    public init(results: [SimulationResult]) { self.results = results }

    /// Policies in first-run order.
    public var policies: [String] {
        var seen = Set<String>()
        return results.map(\.policy).filter { seen.insert($0).inserted }
    }

    public func runs(of policy: String) -> [SimulationResult] { results.filter { $0.policy == policy } }

    /// Mean of a metric over a policy's runs.
    public func mean(_ policy: String, _ metric: (SimulationResult) -> Double) -> Double {
        let runs = runs(of: policy)
        return runs.isEmpty ? 0 : runs.map(metric).reduce(0, +) / Double(runs.count)
    }

    /// The run with the highest ESV (ties: the first).
    public func worst(_ policy: String) -> SimulationResult? {
        runs(of: policy).reduce(nil) { best, run in (best.map { run.esv > $0.esv } ?? true) ? run : best }
    }

    /// JSON: `runs` (each run's summary), `means` (per policy: runs, energyKWh, migrations,
    /// slatah, pdm, slav, esv, worstDay by ESV, worstESV).
    public func json() -> String {
        let means: [JSONOutput] = policies.map { policy in
            .object([
                ("policy", .string(policy)),
                ("runs", .number(Double(runs(of: policy).count))),
                ("energyKWh", .number(mean(policy) { $0.energyKWh })),
                ("migrations", .number(mean(policy) { Double($0.migrations) })),
                ("slatah", .number(mean(policy) { $0.slatah })),
                ("pdm", .number(mean(policy) { $0.pdm })),
                ("slav", .number(mean(policy) { $0.slav })),
                ("esv", .number(mean(policy) { $0.esv })),
                ("worstDay", .optionalString(worst(policy)?.day)),
                ("worstESV", .optionalNumber(worst(policy)?.esv)),
            ])
        }
        return JSONOutput.object([("runs", .array(results.map(\.summary))), ("means", .array(means))]).rendered()
    }

    /// A Markdown table: one row per run, then per policy its mean and worst run.
    public func markdown() -> String {
        func cells(_ r: SimulationResult) -> String {
            String(format: "%.2f | %d | %.4f | %.5f | %.7f | %.7f", r.energyKWh, r.migrations, r.slatah * 100, r.pdm * 100, r.slav * 100, r.esv)
        }
        var out = "| policy | day | seed-run | kWh | migrations | SLATAH % | PDM % | SLAV % | ESV |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        var index: [String: Int] = [:]
        for r in results {
            let key = r.policy + "|" + (r.day ?? "")
            index[key, default: 0] += 1
            out += "| \(r.policy) | \(r.day ?? "–") | \(index[key] ?? 1) | \(cells(r)) |\n"
        }
        out += "\n| policy | runs | mean kWh | mean migrations | mean SLATAH % | mean PDM % | mean SLAV % | mean ESV | worst day (ESV) | worst ESV |\n|---|---:|---:|---:|---:|---:|---:|---:|---|---:|\n"
        for policy in policies {
            let worst = worst(policy)
            out += "| \(policy) | \(runs(of: policy).count) | " + String(format: "%.2f | %.1f | %.4f | %.5f | %.7f | %.7f",
                mean(policy) { $0.energyKWh }, mean(policy) { Double($0.migrations) }, mean(policy) { $0.slatah * 100 },
                mean(policy) { $0.pdm * 100 }, mean(policy) { $0.slav * 100 }, mean(policy) { $0.esv })
                + " | \(worst?.day ?? "–") | " + String(format: "%.7f", worst?.esv ?? 0) + " |\n"
        }
        return out
    }
}
