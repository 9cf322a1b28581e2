import PlacementModel

/// Machinery shared by the goal algorithms (consolidation, balance, hotspot), which start from
/// the current placement.
enum GoalSupport {
    /// The state a goal algorithm starts from: the current placement, repaired. A real current
    /// placement may break the rules (a host put in maintenance, a new anti-affinity rule, a host
    /// over capacity); such VMs are taken off their host here and placed again by
    /// ``placeNewcomers(_:destination:context:)`` like newcomers, so that no goal algorithm ever
    /// returns a placement that breaks a rule. Evicted, in this order (pinned VMs never):
    /// 1. VMs on a host they may not use (maintenance, forbidden, not allowed);
    /// 2. anti-affinity: on a host with several members of a group, all but the lowest-index one;
    /// 3. affinity: members not on the group's host (the host with most members, then lowest index);
    /// 4. with `capacity`, on a host over capacity, VMs with the least memory first until it fits.
    /// - Complexity: O(n·d + Σ rule sizes + n log n).
    static func repairedStart(_ instance: Instance, capacity: Bool = true) -> (state: PackingState, notes: [String]) {
        var placement = instance.currentPlacement
        var evicted: [Int] = []
        func evict(_ vm: Int) {
            guard placement[vm] != nil, !instance.vms[vm].pinned else { return }
            placement[vm] = nil
            evicted.append(vm)
        }
        for vm in instance.vms.indices {
            if let host = placement[vm], !instance.isEligible(vm: vm, host: host) { evict(vm) }
        }
        for rule in instance.antiAffinity {
            var seen: [Int: Int] = [:]
            // Pinned members keep their host first.
            for vm in rule.vms.sorted(by: { (instance.vms[$0].pinned ? 0 : 1, $0) < (instance.vms[$1].pinned ? 0 : 1, $1) }) {
                guard let host = placement[vm] else { continue }
                if seen[host] != nil { evict(vm) } else { seen[host] = vm }
            }
        }
        for rule in instance.affinity {
            var count: [Int: Int] = [:]
            for vm in rule.vms { if let host = placement[vm] { count[host, default: 0] += instance.vms[vm].pinned ? rule.vms.count + 1 : 1 } }
            guard let keep = count.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else { continue }
            for vm in rule.vms where placement[vm] != nil && placement[vm] != keep { evict(vm) }
        }
        if capacity {
            let loads = instance.hostLoads(placement)
            let byHost = placement.vmsByHost(hostCount: instance.hosts.count)
            for (host, vms) in byHost.enumerated() where !loads[host].fits(within: instance.hosts[host].capacity) {
                var load = loads[host]
                let order = vms.filter { !instance.vms[$0].pinned }
                    .sorted { (instance.migrationMemoryMiB(vm: $0), $0) < (instance.migrationMemoryMiB(vm: $1), $1) }
                for vm in order where !load.fits(within: instance.hosts[host].capacity) {
                    load -= instance.vms[vm].demand
                    evict(vm)
                }
            }
        }
        var notes: [String] = []
        if !evicted.isEmpty {
            let names = evicted.prefix(8).map { instance.vms[$0].id }.joined(separator: ", ")
            notes.append("current placement repaired first: \(evicted.count) VM(s) broke a rule or a capacity where they run (\(names)\(evicted.count > 8 ? ", …" : "")) and were placed again")
        }
        return (PackingState(instance: instance, startingFrom: placement), notes)
    }

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
                if !PackingSupport.tryPlace(missing, on: host, state: &state, underThreshold: true) {
                    // No room beside the rest of the group: move the whole group unless a member is pinned.
                    if unit.contains(where: { instance.vms[$0].pinned }) {
                        failed.append(missing)
                    } else {
                        for member in unit where state.placement[member] != nil { state.remove(vm: member) }
                        units.append(unit)
                    }
                }
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
