/// Holt-Winters with additive daily seasonality and no trend, i.e. ETS(A,N,A) (`holt-winters`):
/// level ℓ and one seasonal state per step of the day, updated by exponential smoothing —
/// ℓ ← α(y − s) + (1 − α)ℓ, s ← γ(y − ℓ) + (1 − γ)s — initialised from the first day; the forecast
/// is ℓ + s of the step's phase. Fixed smoothing (α = 0.02, γ = 0.15 by default): a day-ahead
/// forecast is judged a day later, where a level that chases the last samples only adds noise.
///
/// Winters, "Forecasting sales by exponentially weighted moving averages", Management Science 6
/// (1960); Hyndman, Koehler, Ord, Snyder, *Forecasting with Exponential Smoothing* (2008).
///
/// - Complexity: O(count + horizon).
public struct HoltWintersForecaster: Forecaster {
    public let alpha: Double
    public let gamma: Double
    public init(alpha: Double = 0.02, gamma: Double = 0.15) {
        self.alpha = alpha
        self.gamma = gamma
    }
    public var name: String { "holt-winters" }
    public var minimumDays: Int { 2 }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        forecasts(y, origins: [n], horizon: horizon, stepsPerDay: m)[0]
    }

    /// One smoothing pass up to the last origin, the forecast taken at each origin on the way.
    public func forecasts(_ y: [Double], origins: [Int], horizon: Int, stepsPerDay m: Int) -> [[Double]] {
        guard let first = origins.first, first >= m, m > 0 else {
            return origins.map { n in [Double](repeating: n > 0 ? max(0, y[n - 1]) : 0, count: horizon) }
        }
        var level = 0.0
        for t in 0..<m { level += y[t] }
        level /= Double(m)
        var season = (0..<m).map { y[$0] - level }
        var result: [[Double]] = []
        result.reserveCapacity(origins.count)
        var t = m
        for n in origins {
            while t < n {
                let j = t % m
                let previousLevel = level
                level = alpha * (y[t] - season[j]) + (1 - alpha) * level
                season[j] = gamma * (y[t] - previousLevel) + (1 - gamma) * season[j]
                t += 1
            }
            result.append((0..<horizon).map { h in max(0, level + season[(n + h) % m]) })
        }
        return result
    }
}
