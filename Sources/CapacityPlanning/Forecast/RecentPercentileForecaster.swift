/// Recent percentile (`recent-p50-1d`, …): a flat forecast at a percentile of the last `days`
/// days — the rule of thumb "size tomorrow like today's p95", here as a point forecast (p50 by
/// default; the sizing adds the residual quantile).
///
/// The percentile-based provisioning of Verma et al., "Server workload analysis for power
/// minimization using consolidation", USENIX ATC 2009.
///
/// - Complexity: O(m · days · log(m · days) + horizon).
public struct RecentPercentileForecaster: Forecaster {
    public let percentile: Double
    public let days: Int
    public init(percentile: Double, days: Int) {
        self.percentile = percentile
        self.days = days
    }
    public var name: String { "recent-p\(Int((percentile * 100).rounded()))-\(days)d" }
    public var minimumDays: Int { days }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let window = min(n, days * m)
        guard window > 0 else { return [Double](repeating: 0, count: horizon) }
        let value = Quantile.of(Array(y[(n - window)..<n]), percentile)
        return [Double](repeating: max(0, value), count: horizon)
    }
}
