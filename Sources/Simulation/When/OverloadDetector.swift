/// The survey's "when" for hot spots: decides whether a host is overloaded.
///
/// A detector declares what it reads of a host (``history``), so the replay builds only that —
/// no type checks in the runner. To add one: a file with the detector, and one line in
/// ``DetectorRegistry/entries``.
public protocol OverloadDetector: Sendable {
    /// Short name, e.g. `thr`, `iqr`, `lr`.
    var name: String { get }
    var citation: String { get }
    /// What the detector reads of a host beyond its utilisation now.
    var history: HistoryNeeds { get }
    func isOverloaded(_ host: HostObservation) -> Bool
    /// A utilisation above which every host is overloaded whatever its history (`nil`: none), so
    /// a destination search may skip the hosts a VM would take above it.
    var overloadedAbove: Double? { get }
}

extension OverloadDetector {
    public var overloadedAbove: Double? { nil }
}

/// What an overload detector (or a selection policy) needs the replay to compute per host.
public struct HistoryNeeds: Sendable, Hashable {
    /// Past host utilisation samples, at most this many (0 = none).
    public var hostSamples: Int
    /// The longest migration time of a VM on the host (forecasts look that far ahead).
    public var migrationTime: Bool

    public init(hostSamples: Int = 0, migrationTime: Bool = false) {
        self.hostSamples = hostSamples
        self.migrationTime = migrationTime
    }

    /// Nothing but the utilisation now.
    public static let none = HistoryNeeds()
    /// CloudSim's window: the last 30 samples.
    public static let cloudSimWindow = HistoryNeeds(hostSamples: 30)

    /// Both needs together.
    public func union(_ other: HistoryNeeds) -> HistoryNeeds {
        HistoryNeeds(hostSamples: max(hostSamples, other.hostSamples), migrationTime: migrationTime || other.migrationTime)
    }
}
