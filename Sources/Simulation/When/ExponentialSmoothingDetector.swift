/// Forecast by exponentially weighted moving average (EWMA): F = α·u_t + (1 − α)·F_{t−1} over
/// the history and the current observation; overloaded when F exceeds the threshold. A simple
/// proactive trigger (the survey's "proactive hot spot"; Sandpiper uses such predictors too).
/// Wood et al., NSDI 2007; Box & Jenkins, Time Series Analysis, 1976.
///
/// - Complexity: O(h) for h history samples.
public struct ExponentialSmoothingDetector: OverloadDetector {
    public var threshold: Double
    public var alpha: Double
    public init(threshold: Double, alpha: Double = 0.5) {
        self.threshold = threshold
        self.alpha = alpha
    }
    public var name: String { "ewma" }
    public var citation: String { "Wood et al., NSDI 2007; exponential smoothing" }
    public var history: HistoryNeeds { .cloudSimWindow }

    public func forecast(_ host: HostObservation) -> Double {
        var f = host.history.first ?? host.utilisation
        for u in host.history.dropFirst() { f = alpha * u + (1 - alpha) * f }
        return alpha * host.utilisation + (1 - alpha) * f
    }

    public func isOverloaded(_ host: HostObservation) -> Bool { forecast(host) > threshold }
}
