import Foundation

/// Robust local regression (LRR): like LR, but the line is refitted with bisquare weights on the
/// residuals of the first fit (Cleveland's robust loess step), so single spikes pull the forecast
/// less. Overloaded when s × forecast ≥ 1; fallback with fewer than 10 samples.
/// Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.1 (LRR); Cleveland, JASA 74(368), 1979.
///
/// Note: in CloudSim the robust weights, like LR's, are positive and therefore ignored by its
/// regression helper, so CloudSim's LRR computes exactly LR. This detector applies them.
///
/// - Complexity: O(10 log 10).
public struct RobustLocalRegressionDetector: OverloadDetector {
    public var safety: Double
    public var fallback: StaticThresholdDetector

    public init(safety: Double, fallback: StaticThresholdDetector = StaticThresholdDetector(threshold: 0.7)) {
        self.safety = safety
        self.fallback = fallback
    }
    public var name: String { "lrr" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012 (LRR); Cleveland, JASA 74(368), 1979" }
    public var history: HistoryNeeds { HistoryNeeds(hostSamples: 30, migrationTime: true) }

    public func forecast(_ host: HostObservation) -> Double? {
        let n = LocalRegressionDetector.window
        guard host.history.count >= n else { return nil }
        let y = Array(host.history.suffix(n))
        let x = (1...n).map(Double.init)
        let base = LocalRegressionDetector.tricube(n)
        guard let first = Statistics.weightedLine(x: x, y: y, weights: base) else { return nil }
        let residuals = x.indices.map { y[$0] - (first.a + first.b * x[$0]) }
        let s6 = 6 * Statistics.median(residuals.map(abs))
        var line = first
        if s6 > 0 {
            let robust = x.indices.map { i -> Double in
                let r = residuals[i] / s6
                let w = max(0, 1 - r * r)
                return base[i] * w * w
            }
            if let refit = Statistics.weightedLine(x: x, y: y, weights: robust) { line = refit }
        }
        let ahead = Foundation.ceil(host.maximumMigrationSeconds / max(host.intervalSeconds, 1e-9))
        return line.a + line.b * (Double(n) + ahead)
    }

    public func isOverloaded(_ host: HostObservation) -> Bool {
        guard let predicted = forecast(host) else { return fallback.isOverloaded(host) }
        return predicted * safety >= 1
    }
}
