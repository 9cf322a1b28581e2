import Heuristics
import PlacementModel

/// Seeded random instances with every kind of rule, for property and conformance tests.
public enum RuleRichInstances {
    /// Instance number `seed`: 5–40 VMs, 3–12 hosts, 1–4 dimensions, anti-affinity and affinity
    /// groups, a current placement, and (by seed) pinned VMs, allowed/forbidden hosts, a host in
    /// maintenance, memory sharing, traffic and overload thresholds.
    public static func make(_ seed: UInt64, currentPlacement: Bool = true) -> Instance {
        var random = SeededGenerator(seed: seed &* 7919 &+ 13)
        let vms = Int.random(in: 5...40, using: &random)
        let hosts = Int.random(in: 3...12, using: &random)
        let dimensions = Int.random(in: 1...4, using: &random)
        var instance = RandomInstances.make(seed: seed, vms: vms, hosts: hosts, dimensions: dimensions,
                                            withCurrentPlacement: currentPlacement,
                                            antiAffinityGroups: Int.random(in: 0...3, using: &random),
                                            affinityGroups: Int.random(in: 0...2, using: &random))
        // Current placement that respects every rule: VMs in random order, each from a random
        // host onward to the first where it fits; VMs that fit nowhere have no current host.
        if seed % 4 == 1 {
            instance.vms[0].allowedHosts = [0, 1]
            instance.vms[vms - 1].forbiddenHosts = [0]
        }
        if currentPlacement {
            for v in instance.vms.indices { instance.vms[v].currentHost = nil }
            var state = PackingState(instance: instance)
            for v in instance.vms.indices.shuffled(using: &random) {
                let start = Int.random(in: 0..<hosts, using: &random)
                for offset in 0..<hosts where state.canPlace(vm: v, on: (start + offset) % hosts) {
                    state.place(vm: v, on: (start + offset) % hosts)
                    break
                }
            }
            for v in instance.vms.indices { instance.vms[v].currentHost = state.placement[v] }
        }
        if seed % 3 == 0, let v = instance.vms.indices.first(where: { instance.vms[$0].currentHost != nil }) {
            instance.vms[v].pinned = true
        }
        if seed % 5 == 2 {
            // A host in maintenance must hold nothing: its VMs lose their current host.
            let h = hosts - 1
            instance.hosts[h].state = .maintenance
            for v in instance.vms.indices where instance.vms[v].currentHost == h { instance.vms[v].currentHost = nil; instance.vms[v].pinned = false }
        }
        if seed % 2 == 0, dimensions >= 2, vms >= 4 {
            instance.sharedMemory = [VirtualMachinePair(2, 3, amount: 3)]
            instance.traffic = [VirtualMachinePair(0, 1, amount: 10), VirtualMachinePair(2, 3, amount: 5)]
        }
        if seed % 3 == 1 { instance.overloadThreshold = Array(repeating: 0.8, count: dimensions) }
        for v in instance.vms.indices { instance.vms[v].memoryMiB = Double(256 * (1 + v % 7)) }
        return instance
    }
}
