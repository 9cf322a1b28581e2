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
        var generator = SplitMix64(seed: context.seed ^ (UInt64(host) &* 0x9E37_79B9_7F4A_7C15))
        var vms = state.vms(on: host)
        vms.shuffle(using: &generator)
        return vms
    }
}
