/// Known values for an instance (from a benchmark's published results).
public struct KnownValues: Sendable, Hashable {
    public var optimum: Double?
    public var lowerBound: Double?
    public var bestKnown: Double?
    public init(optimum: Double? = nil, lowerBound: Double? = nil, bestKnown: Double? = nil) {
        self.optimum = optimum
        self.lowerBound = lowerBound
        self.bestKnown = bestKnown
    }
}
