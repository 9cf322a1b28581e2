/// A VM that uses little of what it was given.
public struct RightSizingFinding: Sendable, Hashable {
    public enum Kind: String, Sendable { case idle, oversized }
    public var vm: String
    public var kind: Kind
    public var dimension: String
    public var provisioned: Double
    /// p95 of the history.
    public var p95: Double
    /// Suggested size: the history's p99 × 1.2, at most the provisioned size.
    public var suggested: Double
}
