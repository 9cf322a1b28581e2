import PlacementModel

/// "Where": best fit — the host where the VM fits leaving the least normalised residual
/// (Σ_k 1 − utilisation_k after placement), ties by lowest host index.
///
/// Johnson (1973); Panigrahy et al. (MSR, 2011) for the vector form.
///
/// - Complexity: O(c·d) for c candidates.
public struct BestFitDestination: DestinationPolicy {
    public init() {}
    public var name: String { "best-fit" }
    public var summary: String { "host left with the least normalised residual" }
    public var citation: String { "Johnson 1973; Panigrahy et al., MSR 2011" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        bestCandidate(for: vm, candidates: candidates, state: state, context: context) { state.residualSum(host: $0, adding: vm) }
    }
}
