/// A weighted pair of VMs: traffic rate between them, or memory pages they share.
public struct VirtualMachinePair: Sendable, Hashable {
    public var first: Int
    public var second: Int
    /// Traffic rate (any unit, e.g. Mbit/s) or shared memory (units of the memory dimension).
    public var amount: Double
    public init(_ first: Int, _ second: Int, amount: Double) {
        self.first = first
        self.second = second
        self.amount = amount
    }
}
