/// Recent percentile (`recent-p50-1d`, `recent-p50-1h`, …): a flat forecast at a percentile of the
/// last `hours` of history — the rule of thumb "size tomorrow like today's p95", here as a point
/// forecast (p50 by default; the sizing adds the residual quantile). Over the last hour it is the
/// naive (random-walk) forecast made robust with the median: it follows a level that shifts in
/// bursts, which a seasonal method repeats a day late.
///
/// The percentile-based provisioning of Verma et al., "Server workload analysis for power
/// minimization using consolidation", USENIX ATC 2009; Hyndman, Athanasopoulos, *Forecasting:
/// Principles and Practice* (3rd ed., 2021), §5.2 (the naive method).
///
/// - Complexity: O(w log w + horizon), w = the window's steps.
public struct RecentPercentileForecaster: Forecaster {
    public let percentile: Double
    /// Length of the window, hours.
    public let hours: Int
    public init(percentile: Double, days: Int) {
        self.init(percentile: percentile, hours: days * 24)
    }
    public init(percentile: Double, hours: Int) {
        self.percentile = percentile
        self.hours = max(1, hours)
    }
    public var name: String {
        "recent-p\(Int((percentile * 100).rounded()))-" + (hours % 24 == 0 ? "\(hours / 24)d" : "\(hours)h")
    }
    public var minimumDays: Int { (hours + 23) / 24 }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let window = min(n, max(1, hours * m / 24))
        guard window > 0 else { return [Double](repeating: 0, count: horizon) }
        let value = Quantile.of(Array(y[(n - window)..<n]), percentile)
        return [Double](repeating: max(0, value), count: horizon)
    }
}
