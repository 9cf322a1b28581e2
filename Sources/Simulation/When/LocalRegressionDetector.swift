import Foundation

/// Local regression (LR) forecast: a straight line fitted to the last 10 history samples
/// (x = 1…10, oldest first) is extrapolated ⌈longest migration / interval⌉ steps past the last
/// one; the host is overloaded when s × forecast ≥ 1. With fewer than 10 samples the fallback
/// decides (CloudSim: THR 0.7). Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.1 (LR, after
/// Cleveland's loess).
///
/// CloudSim passes *inverse* tricube weights, all positive, to a helper that only applies
/// weights when ≥ 40 % of them are zero — so its LR is an ordinary least-squares line. This
/// detector does the same (`weighted: false`, default); `weighted: true` applies the tricube
/// weights of the paper (recent samples count most).
///
/// - Complexity: O(10).
public struct LocalRegressionDetector: OverloadDetector {
    public var safety: Double
    public var weighted: Bool
    public var fallback: StaticThresholdDetector
    public static let window = 10

    public init(safety: Double, weighted: Bool = false,
                fallback: StaticThresholdDetector = StaticThresholdDetector(threshold: 0.7)) {
        self.safety = safety
        self.weighted = weighted
        self.fallback = fallback
    }
    public var name: String { "lr" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012 (LR); Cleveland, JASA 74(368), 1979" }
    public var history: HistoryNeeds { HistoryNeeds(hostSamples: 30, migrationTime: true) }

    /// Tricube weights of the paper for n points at x = 1…n, the newest (x = n) weighing 1.
    static func tricube(_ n: Int) -> [Double] {
        let spread = Double(n)
        return (1...n).map { i in
            let distance = Double(n - i) / spread
            let w = 1 - distance * distance * distance
            return max(0, w * w * w)
        }
    }

    /// Forecast utilisation (before the safety factor), or `nil` when there is too little history.
    public func forecast(_ host: HostObservation) -> Double? {
        guard host.history.count >= Self.window else { return nil }
        let y = Array(host.history.suffix(Self.window))
        let x = (1...Self.window).map(Double.init)
        let weights = weighted ? Self.tricube(Self.window) : Array(repeating: 1.0, count: Self.window)
        guard let line = Statistics.weightedLine(x: x, y: y, weights: weights) else { return nil }
        let ahead = Foundation.ceil(host.maximumMigrationSeconds / max(host.intervalSeconds, 1e-9))
        return line.a + line.b * (Double(Self.window) + ahead)
    }

    public func isOverloaded(_ host: HostObservation) -> Bool {
        guard let predicted = forecast(host) else { return fallback.isOverloaded(host) }
        return predicted * safety >= 1
    }
}
