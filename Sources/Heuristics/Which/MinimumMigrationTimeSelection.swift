import PlacementModel

/// "Which": minimum migration time (`mmt`) — the VM of shortest migration first, by the
/// migration-time model (``Instance/migrationCost(vm:from:to:)`` for a move inside its host's
/// site: pre-copy rounds from its memory *and* dirty rate, or its explicit migration cost),
/// ties by VM index. CloudSim's `PowerVmSelectionPolicyMinimumMigrationTime` ranks by RAM, the
/// model's special case without dirty pages.
///
/// Beloglazov, Buyya, "Optimal online deterministic algorithms and adaptive heuristics for energy
/// and performance efficient dynamic consolidation of virtual machines in cloud data centers"
/// (CCPE 2012).
///
/// - Complexity: O(n + v log v) for v VMs on the host.
public struct MinimumMigrationTimeSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "mmt" }
    public var summary: String { "minimum migration time: shortest pre-copy migration first" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let vms = state.vms(on: host)
        let instance = state.instance
        let memory = vms.map { vm in instance.vms[vm].migrationCost ?? instance.migrationEstimate(vm: vm, from: host, to: host).totalSeconds }
        return vms.indices.sorted { memory[$0] != memory[$1] ? memory[$0] < memory[$1] : vms[$0] < vms[$1] }.map { vms[$0] }
    }
}
