/// Median absolute deviation (MAD) adaptive threshold: overloaded when the CPU demand exceeds
/// 1 − s·MAD(history); with fewer than 12 history samples the fallback decides (CloudSim: THR 0.7).
/// Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.1 (MAD); CloudSim
/// `PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation`.
///
/// - Complexity: O(h log h) for h history samples; O(h) when the demand is above 1 or at most
///   1 − s·(max − min) of the history (the spread's bounds decide: no sort).
public struct MedianAbsoluteDeviationDetector: OverloadDetector {
    public var safety: Double
    public var fallback: StaticThresholdDetector
    public init(safety: Double, fallback: StaticThresholdDetector = StaticThresholdDetector(threshold: 0.7)) {
        self.safety = safety
        self.fallback = fallback
    }
    public var name: String { "mad" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012 (MAD)" }
    public var history: HistoryNeeds { .cloudSimWindow }
    public func isOverloaded(_ host: HostObservation) -> Bool {
        guard host.history.count >= 12 else { return fallback.isOverloaded(host) }
        if let verdict = Statistics.verdictFromSpreadBounds(utilisation: host.utilisation, safety: safety, data: host.history) {
            return verdict
        }
        return host.utilisation > 1 - safety * Statistics.medianAbsoluteDeviation(host.history)
    }
}
