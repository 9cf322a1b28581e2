import PlacementModel

/// The survey's "where": picks a destination host for one VM.
public protocol DestinationPolicy: Sendable {
    /// Short unique name, e.g. `first-fit`, `best-fit`, `vector-dot`, `pabfd`.
    var name: String { get }
    var summary: String { get }
    var citation: String { get }
    /// A host from `candidates` where `vm` fits now (`state.canPlace`), or `nil` when none does.
    /// Deterministic; ties broken by lowest host index.
    func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int?
}
