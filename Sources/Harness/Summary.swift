import Foundation
import InstanceFormats
import PlacementModel

/// Aggregates of a results table per class × goal × method (and per goal × method over all
/// classes, with class `all`). The rows are sorted canonically first, so the figures do not
/// depend on the order the rows were written in (which follows completion with `--jobs`).
///
/// Definitions (also in `Results/README.md`); every percentage is over all rows of the group,
/// failed ones included (they count as neither optimal nor within one):
/// * mean / max gap to opt: over the rows with a gap to opt (checked rows of instances with a
///   known optimum); the same for gap to bound;
/// * optimal: checked and objective ≤ opt (or ≤ lower bound) + 1e-9·max(1, reference);
/// * within 1: checked and objective − reference ≤ 1 + 1e-9, reference = opt if known, else the
///   lower bound (one host when hosts cost 1, the packing goals' default);
/// * median time: median of `seconds` over all rows (mean of the two middle values when even).
public struct Summary: Sendable {
    public struct Group: Sendable, Hashable {
        public var instanceClass: String
        public var goal: String
        public var method: String
        public var rows: Int
        public var checked: Int
        public var failed: Int
        public var meanGapToOptimum: Double?
        public var maxGapToOptimum: Double?
        public var meanGapToBound: Double?
        public var maxGapToBound: Double?
        public var optimalFraction: Double
        public var withinOneFraction: Double
        public var medianSeconds: Double
    }

    public var groups: [Group]
    /// Rows that failed the check or raised an error, canonical order.
    public var failures: [ScoreRow]

    public init(rows input: [ScoreRow]) {
        let rows = input.sorted(by: ScoreRow.canonicalOrder)
        var byKey: [[String]: [ScoreRow]] = [:]
        for row in rows {
            byKey[[row.instanceClass, row.goal, row.method], default: []].append(row)
            byKey[["all", row.goal, row.method], default: []].append(row)
        }
        groups = byKey.keys.sorted { a, b in
            let aAll = a[0] == "all", bAll = b[0] == "all"
            if aAll != bAll { return aAll }
            return a.lexicographicallyPrecedes(b)
        }.map { key in Summary.aggregate(key, byKey[key] ?? []) }
        failures = rows.filter { !$0.isChecked }
    }

    static func aggregate(_ key: [String], _ rows: [ScoreRow]) -> Group {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        let gapsOpt = rows.compactMap(\.gapToOptimum)
        let gapsBound = rows.compactMap(\.gapToBound)
        var optimal = 0
        var withinOne = 0
        for row in rows where row.isChecked {
            guard let objective = row.objective else { continue }
            if let opt = row.knownOptimum, objective <= opt + 1e-9 * max(1, abs(opt)) {
                optimal += 1
            } else if let bound = row.lowerBound, objective <= bound + 1e-9 * max(1, abs(bound)) {
                optimal += 1
            }
            if let reference = row.knownOptimum ?? row.lowerBound, objective - reference <= 1 + 1e-9 { withinOne += 1 }
        }
        let times = rows.map(\.seconds).sorted()
        let median: Double
        if times.isEmpty { median = 0 } else if times.count % 2 == 1 { median = times[times.count / 2] } else {
            median = (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        }
        let count = Double(max(1, rows.count))
        let checked = rows.filter(\.isChecked).count
        return Group(instanceClass: key[0], goal: key[1], method: key[2], rows: rows.count, checked: checked,
                     failed: rows.count - checked, meanGapToOptimum: mean(gapsOpt), maxGapToOptimum: gapsOpt.max(),
                     meanGapToBound: mean(gapsBound), maxGapToBound: gapsBound.max(),
                     optimalFraction: Double(optimal) / count, withinOneFraction: Double(withinOne) / count,
                     medianSeconds: median)
    }

    /// The summary as Markdown.
    public func markdown(title: String, skippedMethods: [String] = []) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.2f %%", $0 * 100) } ?? "—" }
        func share(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
        var text = "# Summary: \(title)\n\n"
        text += "Generated from `results.csv` by vmplace score / merge. Columns and formulas: see `Results/README.md`.\n"
        text += "Rows are aggregated in canonical order, so the figures do not depend on completion order; "
        text += "only the time column varies between runs.\n\n"
        if !skippedMethods.isEmpty {
            text += "Not run (goal not supported): \(skippedMethods.joined(separator: ", ")).\n\n"
        }
        text += "| class | goal | method | rows | checked | failed | mean gap to opt | max gap to opt | mean gap to bound | max gap to bound | % optimal | % within 1 | median s |\n"
        text += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for g in groups {
            let name = g.instanceClass == "all" ? "**all**" : g.instanceClass
            text += "| \(name) | \(g.goal) | \(g.method) | \(g.rows) | \(g.checked) | \(g.failed) | \(percent(g.meanGapToOptimum)) | "
            text += "\(percent(g.maxGapToOptimum)) | \(percent(g.meanGapToBound)) | \(percent(g.maxGapToBound)) | "
            text += "\(share(g.optimalFraction)) | \(share(g.withinOneFraction)) | \(String(format: "%.4f", g.medianSeconds)) |\n"
        }
        text += "\n## Rows that failed the check or raised an error (\(failures.count))\n\n"
        if failures.isEmpty {
            text += "None: every placement passed the independent checker.\n"
        } else {
            text += "| instance | goal | method | status | verdict |\n|---|---|---|---|---|\n"
            for row in failures.prefix(50) {
                let verdict = row.verdict.replacingOccurrences(of: "|", with: "\\|")
                text += "| \(row.instance) | \(row.goal) | \(row.method) | \(row.status) | \(verdict) |\n"
            }
            if failures.count > 50 { text += "\n… and \(failures.count - 50) more (see results.csv).\n" }
        }
        text += "\nCharts: `gaps.svg` (gap distribution per method), `time.svg` (time against n).\n"
        return text
    }
}
