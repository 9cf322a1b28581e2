/// Holt–Winters forecast: exponential smoothing of level (α), trend (β) and, when `season` > 1,
/// an additive seasonal component of that many samples (γ), over the host's utilisation series
/// (history, then the utilisation now); the host is overloaded when the one-step-ahead forecast
/// exceeds the threshold. Without seasonality this is Holt's linear trend method. The seasonal
/// form needs two full seasons of samples, the trend form two samples; with fewer the utilisation
/// now is compared with the threshold. Holt, ONR memo 52, 1957 (IJF 20(1), 2004); Winters,
/// Management Science 6(3), 1960.
///
/// - Complexity: O(h) for h samples.
public struct HoltWintersDetector: OverloadDetector {
    public var threshold: Double
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    /// Season length in samples; 0 or 1 = no seasonality.
    public var season: Int

    public init(threshold: Double, alpha: Double = 0.5, beta: Double = 0.3, gamma: Double = 0.1, season: Int = 0) {
        self.threshold = threshold
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.season = max(0, season)
    }
    public var name: String { "holt" }
    public var citation: String { "Holt 1957; Winters, Management Science 6(3), 1960" }
    public var history: HistoryNeeds { HistoryNeeds(hostSamples: max(30, 2 * season)) }

    /// One-step-ahead forecast, or `nil` when the series is too short.
    public func forecast(_ host: HostObservation) -> Double? {
        let series = host.history + [host.utilisation]
        let m = season > 1 ? season : 0
        if m == 0 {
            guard series.count >= 2 else { return nil }
            var level = series[0], trend = series[1] - series[0]
            for x in series.dropFirst() {
                let previous = level
                level = alpha * x + (1 - alpha) * (level + trend)
                trend = beta * (level - previous) + (1 - beta) * trend
            }
            return level + trend
        }
        guard series.count >= 2 * m else { return nil }
        let first = series[0..<m].reduce(0, +) / Double(m)
        let second = series[m..<(2 * m)].reduce(0, +) / Double(m)
        var level = first
        var trend = (second - first) / Double(m)
        var seasonal = (0..<m).map { series[$0] - first }
        for (t, x) in series.enumerated() where t >= m {
            let s = seasonal[t % m]
            let previous = level
            level = alpha * (x - s) + (1 - alpha) * (level + trend)
            trend = beta * (level - previous) + (1 - beta) * trend
            seasonal[t % m] = gamma * (x - level) + (1 - gamma) * s
        }
        return level + trend + seasonal[series.count % m]
    }

    public func isOverloaded(_ host: HostObservation) -> Bool {
        (forecast(host) ?? host.utilisation) > threshold
    }
}
