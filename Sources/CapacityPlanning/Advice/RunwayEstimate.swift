/// Days until the inventory runs out at the trend, as a range.
public struct RunwayEstimate: Sendable, Hashable {
    /// Days at the fastest plausible growth (slope + 2 standard errors); nil: not at this trend.
    public var conservativeDays: Double?
    /// Days at the slowest plausible growth (slope − 2 standard errors); nil: never at this trend.
    public var aggressiveDays: Double?
    /// Growth of the daily peak per day, per dimension, as a fraction of today's (the point slope).
    public var dailyGrowth: [String: Double]
}
