import Foundation

/// One point in time that every phase of a solve shares and polls: the promise behind
/// `--time-limit`. A phase asks ``isExpired`` (or ``remaining``) between units of work and stops
/// once the deadline has passed; a sub-phase gets a ``fraction(_:)`` of what is left, never more.
///
/// - Complexity: O(1) per poll (one clock read).
public struct Deadline: Sendable {
    /// The clock polled.
    public let clock: any DeadlineClock
    /// The deadline on ``clock``'s scale; `.infinity` for none.
    public let end: Double

    /// A deadline `end` on `clock`'s scale.
    public init(end: Double, clock: any DeadlineClock = SystemDeadlineClock()) {
        self.clock = clock
        self.end = end
    }

    /// The deadline `seconds` from now (`nil`: none).
    public static func after(_ seconds: Double?, clock: any DeadlineClock = SystemDeadlineClock()) -> Deadline {
        Deadline(end: seconds.map { clock.now() + $0 } ?? .infinity, clock: clock)
    }

    /// No deadline.
    public static var none: Deadline { Deadline(end: .infinity) }

    /// Seconds left (≤ 0 once passed; `.infinity` for none). Each call is one poll.
    public var remaining: Double { end - clock.now() }

    /// Whether the deadline has passed. Each call is one poll.
    public var isExpired: Bool { clock.now() >= end }

    /// A deadline at `share` (0…1) of the time left from now, on the same clock: a phase's budget.
    public func fraction(_ share: Double) -> Deadline {
        guard end.isFinite else { return self }
        let now = clock.now()
        return Deadline(end: now + max(0, end - now) * min(1, max(0, share)), clock: clock)
    }

    /// The earlier of this deadline and `seconds` from now.
    public func capped(at seconds: Double) -> Deadline {
        Deadline(end: min(end, clock.now() + seconds), clock: clock)
    }

    /// The earlier of two deadlines on this clock.
    public func earlier(_ other: Deadline) -> Deadline {
        Deadline(end: min(end, other.end), clock: clock)
    }
}
