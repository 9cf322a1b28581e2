import PlacementModel

/// "Where" aware of affinity: the host holding the most traffic partners and memory-sharing
/// partners of the VM (traffic kept local + memory saved), ties by best fit, then lowest index.
///
/// Mishra et al., IEEE Comm. Mag. 2012 ("affinity-aware where"); Wood et al., "Memory Buddies"
/// (VEE'09); Sonnek et al. for traffic affinity.
///
/// - Complexity: O(c·d + |traffic| + |sharedMemory|) for c candidates.
public struct AffinityDestination: DestinationPolicy {
    public init() {}
    public var name: String { "affinity" }
    public var summary: String { "host with most traffic and shared memory partners of the VM, then best fit" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012; Wood et al., Memory Buddies, VEE 2009" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        var gain: [Int: Double] = [:]
        for pair in state.instance.traffic + state.instance.sharedMemory {
            if pair.first == vm, let h = state.placement[pair.second] { gain[h, default: 0] += pair.amount }
            if pair.second == vm, let h = state.placement[pair.first] { gain[h, default: 0] += pair.amount }
        }
        return bestCandidate(for: vm, candidates: candidates, state: state, context: context) { h in
            -(gain[h] ?? 0) * 1e6 + state.residualSum(host: h, adding: vm)
        }
    }
}
