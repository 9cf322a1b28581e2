/// A physical machine (PM) with a capacity per dimension.
public struct Host: Sendable, Hashable {
    public var id: String
    public var capacity: ResourceVector
    /// Cost of keeping the host on, counted in consolidation objectives (default 1).
    public var openCost: Double
    /// Power draw when idle and at full CPU load, in watts (for energy models); optional.
    public var idleWatts: Double?
    public var peakWatts: Double?
    public var site: String?
    public var rack: String?
    public var state: HostState
    /// Per-dimension overload threshold as a fraction of capacity; overrides the instance's.
    public var overloadThreshold: [Double]?

    public init(id: String, capacity: ResourceVector, openCost: Double = 1, idleWatts: Double? = nil,
                peakWatts: Double? = nil, site: String? = nil, rack: String? = nil, state: HostState = .on,
                overloadThreshold: [Double]? = nil) {
        self.id = id
        self.capacity = capacity
        self.openCost = openCost
        self.idleWatts = idleWatts
        self.peakWatts = peakWatts
        self.site = site
        self.rack = rack
        self.state = state
        self.overloadThreshold = overloadThreshold
    }
}
