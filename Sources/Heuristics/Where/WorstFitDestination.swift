import PlacementModel

/// "Where": worst fit — the host where the VM fits leaving the most normalised residual (the
/// least loaded host; Sandpiper's "least loaded destination" uses volume, see
/// ``LeastVolumeDestination``), ties by lowest host index.
///
/// Johnson (1973).
///
/// - Complexity: O(c·d) for c candidates.
public struct WorstFitDestination: DestinationPolicy {
    public init() {}
    public var name: String { "worst-fit" }
    public var summary: String { "host left with the most normalised residual" }
    public var citation: String { "Johnson 1973" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        bestCandidate(for: vm, candidates: candidates, state: state, context: context) { -state.residualSum(host: $0, adding: vm) }
    }
}
