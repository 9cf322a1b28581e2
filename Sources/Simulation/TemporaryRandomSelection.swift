import Heuristics
import PlacementModel

// TEMPORARY — replace with the `Heuristics` catalogue's seeded `random` selection (branch
// `heuristics`) when it is merged.

/// Random selection (RS): the VMs of a host in a random order drawn from a SplitMix64
/// generator seeded by `context.seed` and the host index, so the same seed gives the same
/// order whatever the call order. Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.2 (RS).
///
/// - Complexity: O(n) for n VMs on the host (plus O(N) to find them).
public struct TemporaryRandomSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "rs" }
    public var summary: String { "uniformly random order, seeded (temporary, until the Heuristics catalogue is merged)" }
    public var citation: String { "Beloglazov & Buyya, CCPE 24(13):1397-1420, 2012 (RS)" }
    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        var vms = state.placement.hostOfVM.indices.filter { state.placement[$0] == host }
        var generator = SplitMix(state: context.seed ^ (UInt64(truncatingIfNeeded: host) &* 0x9E37_79B9_7F4A_7C15))
        vms.shuffle(using: &generator)
        return vms
    }
}

/// SplitMix64 (Steele et al., OOPSLA 2014).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
