/// The official objective of a ROADEF/EURO 2012 solution, term by term (64-bit integers).
public struct RoadefCost: Sendable, Hashable {
    public var load: Int64 = 0
    public var balance: Int64 = 0
    public var processMove: Int64 = 0
    public var serviceMove: Int64 = 0
    public var machineMove: Int64 = 0
    public init() {}
    public var total: Int64 { load + balance + processMove + serviceMove + machineMove }
}
