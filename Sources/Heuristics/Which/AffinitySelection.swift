import PlacementModel

/// "Which" aware of affinity: the VM that breaks the least when it leaves first — the least
/// traffic to VMs on the same host plus memory shared with them (Memory Buddies: shared pages
/// are lost when a VM leaves its buddies), ties by VM index.
///
/// Mishra et al., IEEE Comm. Mag. 2012 ("affinity-aware which"); Wood et al., "Memory Buddies"
/// (VEE'09) for memory sharing.
///
/// - Complexity: O(n + |traffic| + |sharedMemory| + v log v).
public struct AffinitySelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "affinity" }
    public var summary: String { "least traffic and shared memory with co-located VMs first" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012; Wood et al., Memory Buddies, VEE 2009" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let instance = state.instance
        let placement = state.placement
        var tie: [Int: Double] = [:]
        for pair in instance.traffic + instance.sharedMemory where placement[pair.first] == host && placement[pair.second] == host {
            tie[pair.first, default: 0] += pair.amount
            tie[pair.second, default: 0] += pair.amount
        }
        let vms = state.vms(on: host)
        return vms.sorted { a, b in
            let x = tie[a] ?? 0, y = tie[b] ?? 0
            return x != y ? x < y : a < b
        }
    }
}
