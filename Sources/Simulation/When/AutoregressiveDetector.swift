/// Autoregressive forecast, AR(p): the host's utilisation series (history, then the utilisation
/// now) is centred on its mean, the coefficients φ₁…φ_p are the Yule–Walker estimates (sample
/// autocorrelations solved by Levinson–Durbin), and the next sample is forecast as
/// mean + Σ φᵢ·(x_{t+1−i} − mean); the host is overloaded when the forecast exceeds the
/// threshold. With fewer than 2p + 2 samples, or a constant series, the utilisation now is
/// compared with the threshold. A proactive hot-spot trigger (Mishra et al., IEEE Comm. Mag. 2012:
/// "proactive … time-series forecasting"); Box & Jenkins, Time Series Analysis, 1976, Ch. 3.
///
/// - Complexity: O(h·p + p²) for h samples.
public struct AutoregressiveDetector: OverloadDetector {
    public var threshold: Double
    public var order: Int

    public init(threshold: Double, order: Int = 2) {
        self.threshold = threshold
        self.order = max(1, order)
    }
    public var name: String { "ar" }
    public var citation: String { "Box & Jenkins, Time Series Analysis, 1976 (AR(p), Yule-Walker)" }
    public var history: HistoryNeeds { .cloudSimWindow }

    /// Forecast of the next sample, or `nil` when the series is too short or constant.
    public func forecast(_ host: HostObservation) -> Double? {
        let series = host.history + [host.utilisation]
        let n = series.count
        guard n >= 2 * order + 2 else { return nil }
        let mean = series.reduce(0, +) / Double(n)
        let centred = series.map { $0 - mean }
        var autocovariance = [Double](repeating: 0, count: order + 1)
        for lag in 0...order {
            var sum = 0.0
            for t in lag..<n { sum += centred[t] * centred[t - lag] }
            autocovariance[lag] = sum / Double(n)
        }
        guard autocovariance[0] > 1e-12 else { return nil }
        guard let phi = Self.levinsonDurbin(autocovariance, order: order) else { return nil }
        var next = mean
        for i in 1...order { next += phi[i - 1] * centred[n - i] }
        return next
    }

    /// Yule–Walker coefficients φ₁…φ_p from autocovariances γ₀…γ_p (Levinson–Durbin recursion).
    static func levinsonDurbin(_ gamma: [Double], order: Int) -> [Double]? {
        var phi = [Double](repeating: 0, count: order)
        var error = gamma[0]
        for k in 1...order {
            var accumulated = gamma[k]
            for j in 1..<k { accumulated -= phi[j - 1] * gamma[k - j] }
            guard error > 1e-15 else { return nil }
            let reflection = accumulated / error
            var updated = phi
            updated[k - 1] = reflection
            for j in 1..<k { updated[j - 1] = phi[j - 1] - reflection * phi[k - j - 1] }
            phi = updated
            error *= 1 - reflection * reflection
        }
        return phi
    }

    public func isOverloaded(_ host: HostObservation) -> Bool {
        (forecast(host) ?? host.utilisation) > threshold
    }
}
