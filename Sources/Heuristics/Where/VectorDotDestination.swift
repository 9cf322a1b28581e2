import PlacementModel

/// "Where": VectorDot — the host whose load-fraction vector has the smallest dot product with
/// the VM's demand-fraction vector (both normalised by the host's capacity), i.e. the host whose
/// load is most complementary to the VM; ties by lowest host index.
///
/// Singh, Korupolu, Mohapatra, "Server-Storage Virtualization: Integration and Load Balancing in
/// Data Centers" (SC'08).
///
/// - Complexity: O(c·d) for c candidates.
public struct VectorDotDestination: DestinationPolicy {
    public init() {}
    public var name: String { "vector-dot" }
    public var summary: String { "least dot product of host load and VM demand (VectorDot)" }
    public var citation: String { "Singh, Korupolu, Mohapatra, SC 2008" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        bestCandidate(for: vm, candidates: candidates, state: state, context: context) {
            SizeMeasure.dot(state.utilisation(host: $0), state.instance.normalisedDemand(vm: vm, host: $0))
        }
    }
}
