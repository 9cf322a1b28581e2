import Foundation

/// backtest.md: one row per split (first held-out day), the mean and the worst over the splits,
/// and which of the issue's goals each split meets.
public enum BacktestReport {
    public static func markdown(_ multi: MultiOriginBacktest) -> String {
        let dims = multi.latest.forecast.map(\.dimension)
        var md = "# Capacity backtest: \(multi.splits.count) origin(s), \(multi.latest.holdoutDays) day(s) held out each\n\n"
        md += "Each split plans from the days before its first held-out day only (method, band and its calibration included).\n\n"
        md += "| first held-out day | " + dims.map { "MASE \($0)" }.joined(separator: " | ") + " | "
            + dims.map { "p95 under > 10 % \($0)" }.joined(separator: " | ")
            + " | hosts planned (bound) | oracle | planned / oracle | overloaded intervals | peak sizing (overload) | goals not met |\n"
        md += "|" + String(repeating: "---|", count: 7 + 2 * dims.count) + "\n"
        for s in multi.splits {
            let missed = s.goals.filter { !$0.met }.map(\.name)
            md += "| \(s.firstDay) \(weekday(s.firstDay)) | " + s.forecast.map { fixed($0.meanMASE) }.joined(separator: " | ") + " | "
                + s.forecast.map { percent($0.shareP95UnderForecastOver10pct) }.joined(separator: " | ")
                + " | \(s.hostsPlanned) (\(s.lowerBound)) | \(s.hostsOracle) | \(fixed(s.plannedOverOracle)) | \(percent(s.overloadedHostIntervalShare, 2))"
                + " | \(s.hostsPlannedPeakSizing) (\(percent(s.overloadedHostIntervalSharePeakSizing, 2))) | \(missed.isEmpty ? "none" : missed.joined(separator: "; ")) |\n"
        }
        md += "\n| measure | mean | worst |\n|---|---|---|\n"
        for m in multi.measures {
            let isShare = m.name.contains("Share") || m.name.contains("share")
            md += "| \(m.name) | \(isShare ? percent(m.spread.mean, 2) : fixed(m.spread.mean)) | \(isShare ? percent(m.spread.worst, 2) : fixed(m.spread.worst)) |\n"
        }
        md += "\nPacking: \(multi.latest.packingMethod). Bands of the latest split: "
            + multi.latest.bandCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ".\n"
        return md
    }

    static func fixed(_ v: Double) -> String { String(format: "%.3f", v) }
    static func percent(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f %%", v * 100) }

    /// Mon … Sun (1970-01-01 was a Thursday).
    static func weekday(_ d: PlanningDate) -> String {
        ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((d.daysSinceEpoch % 7) + 7) % 7]
    }
}
