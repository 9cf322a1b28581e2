import PlacementModel

/// Machinery shared by the goal algorithms (consolidation, balance, hotspot), which start from
/// the current placement.
enum GoalSupport {
    /// The state a goal algorithm starts from: the current placement, repaired. A real current
    /// placement may break the rules (a host put in maintenance, a new anti-affinity rule, a host
    /// over capacity); the VMs that must leave their host (``PlacementModel/ForcedMigrations``,
    /// with `capacity` its capacity step) are taken off it here and placed again by
    /// ``placeNewcomers(_:destination:context:budget:)`` like newcomers, so that no goal algorithm ever
    /// returns a placement that breaks a rule. Their moves are the forced migrations, exempt
    /// from the migration budget.
    /// - Complexity: O(n·d + Σ rule sizes + n log n).
    static func repairedStart(_ instance: Instance, capacity: Bool = true) -> (state: PackingState, notes: [String]) {
        var placement = instance.currentPlacement
        let evicted = ForcedMigrations(instance, includingCapacity: capacity).evicted
        for vm in evicted { placement[vm] = nil }
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
    /// With a `budget`, a running group is moved only when its voluntary moves fit the budget
    /// (else the newcomers are reported unplaced).
    static func placeNewcomers(_ state: inout PackingState, destination: any DestinationPolicy, context: PolicyContext,
                               budget: Budget? = nil) -> [[Int]] {
        let instance = state.instance
        var failed: [[Int]] = []
        var units: [[Int]] = []
        var pendingVoluntary = 0
        for unit in PackingSupport.units(instance) where unit.contains(where: { state.placement[$0] == nil }) {
            // Part of an affinity group already runs somewhere: the rest must join it there.
            if let anchor = unit.first(where: { state.placement[$0] != nil }), let host = state.placement[anchor] {
                let missing = unit.filter { state.placement[$0] == nil }
                if !PackingSupport.tryPlace(missing, on: host, state: &state, underThreshold: true) {
                    // No room beside the rest of the group: move the whole group unless a member is
                    // pinned or the budget has no room for the voluntary moves.
                    let voluntary = budget.map { budget in
                        unit.filter { !budget.forced.contains($0) && state.placement[$0] != nil && state.placement[$0] == instance.vms[$0].currentHost }.count
                    } ?? 0
                    if unit.contains(where: { instance.vms[$0].pinned })
                        || !(budget.map { $0.allows($0.voluntary(state) + pendingVoluntary + voluntary) } ?? true) {
                        failed.append(missing)
                    } else {
                        pendingVoluntary += voluntary
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
                    let candidates = cheapestMoves(unit[0], group.filter { state.canPlaceUnderThreshold(vm: unit[0], on: $0) }, instance)
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

    /// For a VM that must leave its current host, the candidates of least migration cost
    /// (``PlacementModel/Instance/migrationCost(vm:to:)``: a host in its site before one across a
    /// WAN link); all candidates for a VM without a current host.
    static func cheapestMoves(_ vm: Int, _ candidates: [Int], _ instance: Instance) -> [Int] {
        guard instance.vms[vm].currentHost != nil, candidates.count > 1 else { return candidates }
        let costs = candidates.map { instance.migrationCost(vm: vm, to: $0) }
        let least = costs.min() ?? 0
        return zip(candidates, costs).filter { $0.1 <= least + 1e-9 * max(1, least) }.map(\.0)
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

    /// The migration budget of `options`, which caps voluntary migrations only
    /// (``PlacementModel/ForcedMigrations``: forced ones are exempt and reported as forced).
    struct Budget {
        /// The budget, nil = unlimited.
        let limit: Int?
        let forced: ForcedMigrations
        init(_ instance: Instance, _ options: SolveOptions) {
            limit = options.migrationBudget
            forced = instance.forcedMigrations
        }
        /// Voluntary migrations of the state.
        func voluntary(_ state: PackingState) -> Int { forced.count(state.instance, state.placement).voluntary }
        /// How the voluntary count changes when `vm` moves from `source` to `target`.
        func change(moving vm: Int, from source: Int, to target: Int, in instance: Instance) -> Int {
            guard !forced.contains(vm), let home = instance.vms[vm].currentHost else { return 0 }
            return target == home ? -1 : (source == home ? 1 : 0)
        }
        /// Whether `voluntary` migrations fit the budget.
        func allows(_ voluntary: Int) -> Bool { limit.map { voluntary <= $0 } ?? true }
        /// "N migration(s)", with ": F forced, V voluntary (budget B for voluntary migrations)"
        /// when some are forced or a budget is given.
        func note(_ state: PackingState) -> String {
            let (f, v) = forced.count(state.instance, state.placement)
            var text = "\(f + v) migration(s)"
            if f > 0 || limit != nil {
                text += ": \(f) forced (the VM could not stay where it runs), \(v) voluntary"
                if let limit { text += " (budget \(limit) for voluntary migrations; forced ones are exempt)" }
            }
            return text
        }
    }
}
