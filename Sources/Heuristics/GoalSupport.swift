import PlacementModel

/// Machinery shared by the goal algorithms (consolidation, balance, hotspot), which start from
/// the current placement.
enum GoalSupport {
    /// Places the VMs that have no current host (newcomers) with `destination`, preferring hosts
    /// in use, under the overload thresholds; returns the units that found no host.
    /// - Complexity: O(u·m·d) for u newcomers.
    static func placeNewcomers(_ state: inout PackingState, destination: any DestinationPolicy, context: PolicyContext) -> [[Int]] {
        let instance = state.instance
        var failed: [[Int]] = []
        var units: [[Int]] = []
        for unit in PackingSupport.units(instance) where unit.contains(where: { state.placement[$0] == nil }) {
            // Part of an affinity group already runs somewhere: the rest must join it there.
            if let anchor = unit.first(where: { state.placement[$0] != nil }), let host = state.placement[anchor] {
                let missing = unit.filter { state.placement[$0] == nil }
                if !PackingSupport.tryPlace(missing, on: host, state: &state, underThreshold: true) { failed.append(missing) }
            } else { units.append(unit) }
        }
        let key = units.map { instance.size(of: $0[0], measure: .sum) }
        for i in PackingSupport.decreasing(units, key: key, instance: instance) {
            let unit = units[i]
            let used = instance.hosts.indices.filter { state.vmCount[$0] > 0 }
            let unused = instance.hosts.indices.filter { state.vmCount[$0] == 0 }
            var done = false
            for group in [used, unused] where !done {
                if unit.count == 1 {
                    let candidates = group.filter { state.canPlaceUnderThreshold(vm: unit[0], on: $0) }
                    if let h = destination.destination(for: unit[0], candidates: candidates, state: state, context: context) {
                        state.place(vm: unit[0], on: h)
                        done = true
                    }
                } else {
                    for h in group where PackingSupport.tryPlace(unit, on: h, state: &state, underThreshold: true) { done = true; break }
                }
            }
            if !done { failed.append(unit) }
        }
        return failed
    }

    /// Σ utilisation of `host` over dimensions (the load order of consolidation).
    static func loadKey(_ state: PackingState, _ host: Int) -> Double { state.utilisation(host: host).reduce(0, +) }

    /// Number of VMs away from their current host.
    static func migrations(_ state: PackingState) -> Int {
        var count = 0
        for (vm, host) in state.placement.hostOfVM.enumerated() {
            if let from = state.instance.vms[vm].currentHost, let host, host != from { count += 1 }
        }
        return count
    }
}
