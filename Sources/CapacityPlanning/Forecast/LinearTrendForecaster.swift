/// Linear trend with a daily profile (`linear-trend-7d`): least-squares line through the last
/// `days` days, plus the mean residual of each step of the day; extrapolated over the horizon.
/// Catches steady growth that the seasonal methods only follow with a lag.
///
/// Hyndman, Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed., 2021), §7.4 (trend
/// and seasonal dummies).
///
/// - Complexity: O(m · days + horizon).
public struct LinearTrendForecaster: Forecaster {
    public let days: Int
    public init(days: Int) { self.days = days }
    public var name: String { "linear-trend-\(days)d" }
    public var minimumDays: Int { 3 }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let window = min(n, days * m)
        guard window >= 2, m > 0 else { return [Double](repeating: n > 0 ? max(0, y[n - 1]) : 0, count: horizon) }
        let start = n - window
        let line = LeastSquaresLine.fit(xs: (0..<window).map(Double.init), ys: Array(y[start..<n]))
        var profile = [Double](repeating: 0, count: m), counts = [Double](repeating: 0, count: m)
        for i in 0..<window {
            let j = (start + i) % m
            profile[j] += y[start + i] - line.value(at: Double(i))
            counts[j] += 1
        }
        for j in 0..<m where counts[j] > 0 { profile[j] /= counts[j] }
        return (0..<horizon).map { h in max(0, line.value(at: Double(window + h)) + profile[(n + h) % m]) }
    }
}
