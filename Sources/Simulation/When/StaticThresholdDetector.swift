/// Static threshold (THR): a host is overloaded when its CPU demand exceeds a fixed fraction of
/// its capacity. Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.1 (THR); CloudSim
/// `PowerVmAllocationPolicyMigrationStaticThreshold`.
///
/// - Complexity: O(1).
public struct StaticThresholdDetector: OverloadDetector {
    public var threshold: Double
    public init(threshold: Double) { self.threshold = threshold }
    public var name: String { "thr" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012 (THR)" }
    public var history: HistoryNeeds { .none }
    public func isOverloaded(_ host: HostObservation) -> Bool { host.utilisation > threshold }
    public var overloadedAbove: Double? { threshold }
}
