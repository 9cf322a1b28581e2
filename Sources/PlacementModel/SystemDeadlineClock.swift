import Foundation

/// The monotonic system clock (`ContinuousClock`, immune to wall-clock changes).
public struct SystemDeadlineClock: DeadlineClock {
    private static let origin = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let elapsed = ContinuousClock.now - Self.origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
