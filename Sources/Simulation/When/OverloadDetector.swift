/// The survey's "when" for hot spots: decides whether a host is overloaded.
public protocol OverloadDetector: Sendable {
    /// Short name, e.g. `thr`, `iqr`, `lr`.
    var name: String { get }
    var citation: String { get }
    func isOverloaded(_ host: HostObservation) -> Bool
}
