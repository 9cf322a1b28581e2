import Heuristics
import PlacementModel

// TEMPORARY — replace with the `Heuristics` catalogue's `mmt` selection (branch `heuristics`)
// when it is merged; the simulator only refers to it through `SimulationPolicy.selection(named:)`.

/// Minimum migration time (MMT): the VM with the least memory to copy leaves first (migration
/// time = memory / bandwidth); ties by lowest VM index. Beloglazov & Buyya, CCPE 24(13), 2012,
/// Section 5.2; CloudSim `PowerVmSelectionPolicyMinimumMigrationTime`.
///
/// - Complexity: O(n log n) for n VMs on the host (plus O(N) to find them among N VMs).
public struct TemporaryMinimumMigrationTimeSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "mmt" }
    public var summary: String { "least memory to copy first (temporary, until the Heuristics catalogue is merged)" }
    public var citation: String { "Beloglazov & Buyya, CCPE 24(13):1397-1420, 2012 (MMT)" }
    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let instance = state.instance
        let vms = state.placement.hostOfVM.indices.filter { state.placement[$0] == host }
        return vms.map { (vm: $0, memory: instance.migrationMemoryMiB(vm: $0)) }
            .sorted { $0.memory != $1.memory ? $0.memory < $1.memory : $0.vm < $1.vm }
            .map(\.vm)
    }
}
