import PlacementModel

/// The survey's "which": orders the VMs of a host in the order they should leave it. Callers
/// (hotspot mitigation, the trace-replay resource manager) take VMs from the front until the
/// host is relieved.
public protocol VMSelectionPolicy: Sendable {
    /// Short unique name, e.g. `mmt`, `vsr`, `volume`, `random`.
    var name: String { get }
    var summary: String { get }
    var citation: String { get }
    /// The VMs of `host` (all of them, in leaving order). Deterministic for a given context.
    func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int]
}
