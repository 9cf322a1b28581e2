import Dispatch
import PlacementModel

/// A new best solution, reported after the epoch that found it.
public struct RoadefImprovement: Sendable {
    public var assignment: [Int32]
    public var cost: Int64
    public var epoch: Int
    public var seconds: Double
}
