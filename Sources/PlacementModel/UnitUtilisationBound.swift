/// A lower bound on the maximum utilisation (``Instance/maximumUtilisation(_:)``) of every
/// placement that places all VMs within capacity: each VM, or set of VMs that affinity rules keep
/// on one host, runs on some host it may use and has room on, so that host's utilisation is at
/// least the set's demand over the host's capacity in some dimension — the least such share over
/// the hosts it may use is a floor for the whole placement. Memory is left out for VMs that share
/// memory (what a host saves depends on its other VMs). The volume bound (load over total
/// capacity) misses this whenever one large VM or affinity group dominates: at 74 664 generated
/// VMs, an affinity pair filling a 256 GiB host's memory.
/// - Complexity: O(n α(n) + Σ rule sizes + u·k·d) for u units and k distinct host capacities,
///   plus the VMs' host rules (``EligibleHosts``).
public enum UnitUtilisationBound {
    /// The largest floor over all units (0 for no VMs or when no unit has a host).
    public static func value(_ instance: Instance) -> Double {
        guard !instance.vms.isEmpty else { return 0 }
        let eligible = EligibleHosts(instance)
        var sharing = Array(repeating: false, count: instance.vms.count)
        if instance.memoryDimension != nil {
            for pair in instance.sharedMemory where pair.amount > 0 { sharing[pair.first] = true; sharing[pair.second] = true }
        }
        let all = Array(0..<instance.dimensionCount)
        var best = 0.0
        for unit in instance.affinityUnits() {
            var demand = ResourceVector.zero(instance.dimensionCount)
            for vm in unit { for k in all { demand.values[k] += instance.vms[vm].demand[k] } }
            var dimensions = all
            if let memory = instance.memoryDimension, unit.contains(where: { sharing[$0] }) {
                dimensions.removeAll { $0 == memory }
                demand.values[memory] = 0
            }
            if let floor = eligible.leastShare(demand, allOf: unit, dimensions: dimensions), floor.isFinite {
                best = max(best, floor)
            }
        }
        return best
    }
}
