import Foundation

/// A source of the current time for a ``Deadline``: the monotonic system clock in production, a
/// scripted clock in tests (so that "every phase returns once the deadline has passed" is
/// testable without timing flakiness).
public protocol DeadlineClock: Sendable {
    /// Seconds since an arbitrary fixed origin, non-decreasing.
    func now() -> Double
}
