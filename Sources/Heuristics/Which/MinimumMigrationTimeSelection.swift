import PlacementModel

/// "Which": minimum migration time (`mmt`) — the VM with the least memory to copy first
/// (CloudSim's `PowerVmSelectionPolicyMinimumMigrationTime` picks the VM with the smallest RAM;
/// migration time is RAM / bandwidth), ties by VM index. Memory is
/// ``Instance/migrationMemoryMiB(vm:)`` (the VM's memoryMiB, else its memory-dimension demand).
///
/// Beloglazov, Buyya, "Optimal online deterministic algorithms and adaptive heuristics for energy
/// and performance efficient dynamic consolidation of virtual machines in cloud data centers"
/// (CCPE 2012).
///
/// - Complexity: O(n + v log v) for v VMs on the host.
public struct MinimumMigrationTimeSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "mmt" }
    public var summary: String { "minimum migration time: least RAM to migrate first" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let vms = state.vms(on: host)
        let memory = vms.map { state.instance.migrationMemoryMiB(vm: $0) }
        return vms.indices.sorted { memory[$0] != memory[$1] ? memory[$0] < memory[$1] : vms[$0] < vms[$1] }.map { vms[$0] }
    }
}
