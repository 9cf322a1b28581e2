import PlacementModel

/// "Where": Sandpiper's destination — the least loaded host by volume (Π 1/(1−u_k) of its
/// current utilisation) where the VM fits, ties by lowest host index.
///
/// Wood et al., Sandpiper (NSDI'07).
///
/// - Complexity: O(c·d) for c candidates.
public struct LeastVolumeDestination: DestinationPolicy {
    public init() {}
    public var name: String { "least-volume" }
    public var summary: String { "host of least volume (Sandpiper) where the VM fits" }
    public var citation: String { "Wood et al., Sandpiper, NSDI 2007" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        bestCandidate(for: vm, candidates: candidates, state: state, context: context) { SizeMeasure.volume(state.utilisation(host: $0)) }
    }
}
