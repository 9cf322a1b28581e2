/// Sandpiper's hot-spot rule: a host is hot when at least k of its last n observations (the
/// current one included) exceed the threshold — sustained overload, not a single spike.
/// Wood, Shenoy, Venkataramani, Yousif, "Black-box and gray-box strategies for virtual machine
/// migration", NSDI 2007 (Sandpiper), Section 4.1.
///
/// - Complexity: O(n).
public struct KOfNHotSpotDetector: OverloadDetector {
    public var threshold: Double
    public var k: Int
    public var n: Int
    public init(threshold: Double, k: Int = 3, n: Int = 5) {
        self.threshold = threshold
        self.k = k
        self.n = max(1, n)
    }
    public var name: String { "kofn" }
    public var citation: String { "Wood et al., NSDI 2007 (Sandpiper k-out-of-n hot spot)" }
    public var history: HistoryNeeds { HistoryNeeds(hostSamples: max(n - 1, 0)) }
    public func isOverloaded(_ host: HostObservation) -> Bool {
        let observations = host.history.suffix(n - 1) + [host.utilisation]
        return observations.filter { $0 > threshold }.count >= k
    }
}
