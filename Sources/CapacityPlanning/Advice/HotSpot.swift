import PlacementModel

/// A host of the current placement that the forecast takes over its overload threshold.
public struct HotSpot: Sendable, Hashable {
    public var host: String
    public var dimension: String
    /// Step of the horizon of the first crossing, and its time (ISO 8601, UTC).
    public var firstStep: Int
    public var firstTime: String
    /// Highest forecast utilisation (fraction of capacity) in that dimension.
    public var peakUtilisation: Double
    public var threshold: Double
    /// Steps of the horizon over the threshold.
    public var stepsOver: Int
}
