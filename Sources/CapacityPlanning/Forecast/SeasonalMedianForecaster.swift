/// Seasonal median (`seasonal-median-7d`): each step is the median of the same time of day over the
/// last `days` days — the seasonal naive method made robust to one-off spikes (the median
/// minimises absolute error, which MASE measures).
///
/// Hyndman, Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed., 2021), §5.2 (simple
/// methods), with the median as a robust average.
///
/// - Complexity: O(m · days · log days + horizon).
public struct SeasonalMedianForecaster: Forecaster {
    public let days: Int
    public init(days: Int) { self.days = days }
    public var name: String { "seasonal-median-\(days)d" }
    public var minimumDays: Int { 2 }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let used = min(days, n / max(m, 1))
        guard used > 0 else { return [Double](repeating: n > 0 ? max(0, y[n - 1]) : 0, count: horizon) }
        var profile = [Double](repeating: 0, count: m)
        var values = [Double](repeating: 0, count: used)
        for j in 0..<m {
            // Step n + j (mod m) of the day: the same phase `used` days back.
            for d in 0..<used { values[d] = y[n - (d + 1) * m + j] }
            values.sort()
            profile[j] = used % 2 == 1 ? values[used / 2] : (values[used / 2 - 1] + values[used / 2]) / 2
        }
        return (0..<horizon).map { max(0, profile[$0 % m]) }
    }
}
