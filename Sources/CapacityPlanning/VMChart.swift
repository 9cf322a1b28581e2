import Migration

/// Chart data of one VM: recent history and the forecast of its first dimension (CPU).
public struct VMChart: Sendable, Hashable {
    public var vm: String
    public var dimension: String
    public var history: [Double]
    public var point: [Double]
    public var upper: [Double]
}
