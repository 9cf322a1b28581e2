import PlacementModel

/// Each host's power at the last utilisation evaluated for it, so that a scan over hosts whose
/// load did not change since the previous scan evaluates the power curve only for the load after
/// the move. Keyed by the exact utilisation: a host whose load changed is evaluated again, so the
/// memo cannot go stale; it returns bit for bit what the power function returns. Use one memo
/// with one power function (the function is not part of the key), from one thread at a time.
///
/// - Complexity: O(1) per look-up; O(m) memory for m hosts.
public final class PowerMemo: @unchecked Sendable {
    /// Host count covered; other hosts are evaluated without memo.
    public let hostCount: Int
    // Raw buffers: no exclusivity check per access on this hot path.
    private let utilisations: UnsafeMutablePointer<Double>
    private let values: UnsafeMutablePointer<Double>

    public init(hostCount: Int) {
        self.hostCount = max(0, hostCount)
        utilisations = .allocate(capacity: self.hostCount)
        utilisations.initialize(repeating: .nan, count: self.hostCount)  // NaN equals nothing: empty
        values = .allocate(capacity: self.hostCount)
        values.initialize(repeating: 0, count: self.hostCount)
    }

    deinit {
        utilisations.deallocate()
        values.deallocate()
    }

    /// `power(host, utilisation)`, from the memo when `host` was last evaluated at `utilisation`.
    @inline(__always)
    public func watts(host: Int, utilisation: Double, power: (Int, Double) -> Double) -> Double {
        guard host >= 0, host < hostCount else { return power(host, utilisation) }
        if utilisations[host] == utilisation { return values[host] }
        let value = power(host, utilisation)
        utilisations[host] = utilisation
        values[host] = value
        return value
    }
}
