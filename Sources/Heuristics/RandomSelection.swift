import PlacementModel

/// "Which" at random (`random`, CloudSim's `PowerVmSelectionPolicyRandomSelection`): the VMs of
/// the host in a seeded random order. The generator (SplitMix64) is seeded from the context's
/// seed and the host index, so the order does not depend on call order.
///
/// Beloglazov & Buyya, CCPE 2012 (RS policy).
///
/// - Complexity: O(n + v).
public struct RandomSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "random" }
    public var summary: String { "seeded random order (CloudSim random selection)" }
    public var citation: String { "Beloglazov & Buyya, CCPE 2012" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        var generator = SplitMix(seed: context.seed ^ (UInt64(host) &* 0x9E37_79B9_7F4A_7C15))
        var vms = state.vms(on: host)
        vms.shuffle(using: &generator)
        return vms
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014), the module's seeded generator.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
