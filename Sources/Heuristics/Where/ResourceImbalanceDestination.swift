import PlacementModel

/// "Where" by the vector approach: the host whose resource imbalance the VM best complements —
/// smallest length of the resource imbalance vector (utilisation − mean utilisation) after the
/// VM joins; ties by the higher utilisation after placement (to pack), then lowest index.
///
/// Mishra, Sahoo, "On Theory of VM Placement: Anomalies in Existing Methodologies and Their
/// Mitigation Using a Novel Vector Based Approach" (IEEE CLOUD 2011).
///
/// - Complexity: O(c·d) for c candidates.
public struct ResourceImbalanceDestination: DestinationPolicy {
    public init() {}
    public var name: String { "vector" }
    public var summary: String { "host whose resource imbalance the VM best complements (Mishra & Sahoo)" }
    public var citation: String { "Mishra & Sahoo, IEEE CLOUD 2011" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        bestCandidate(for: vm, candidates: candidates, state: state, context: context) { h in
            let after = state.utilisation(host: h, adding: vm)
            // Imbalance dominates; total utilisation breaks near-ties towards fuller hosts.
            return (SizeMeasure.imbalance(after) * 1e6).rounded() - after.reduce(0, +) * 1e-3
        }
    }
}
