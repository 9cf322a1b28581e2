import PlacementModel

/// "Where": first fit — the first candidate (in the order given) where the VM fits.
///
/// Johnson (1973); survey "where: first fit on a sorted order" (Mishra et al. 2012).
///
/// - Complexity: O(c·d) for c candidates.
public struct FirstFitDestination: DestinationPolicy {
    public init() {}
    public var name: String { "first-fit" }
    public var summary: String { "first candidate host where the VM fits" }
    public var citation: String { "Johnson 1973" }
    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        candidates.first { !context.excludedHosts.contains($0) && state.canPlace(vm: vm, on: $0) }
    }
}
