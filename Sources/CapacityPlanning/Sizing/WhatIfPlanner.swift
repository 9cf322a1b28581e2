import PlacementModel

/// What-if scenarios against the base plan: the sized VMs are changed (growth ×(1 + x/100), K VMs
/// added with a fixed demand — the same in every slot — or cloned from a VM's slot profile), the
/// inventory changed (hosts removed by id, hosts added as copies of one), and the result packed
/// and bounded like the base plan.
///
/// - Complexity: one ``HostsNeededPacking`` per scenario.
public enum WhatIfPlanner {
    public static func run(_ scenarios: [WhatIfScenario], base: HostsNeededPacking.Result, sizing: SlotSizing, ids: [String],
                           inventory: Instance, dimensions: [String], config: PlanningConfig) throws -> [WhatIfResult] {
        try scenarios.map { s in
            let factor = 1 + s.growthPercent / 100
            var demands = sizing.slotDemand.map { $0.map { $0 * factor } }
            var names = ids
            if s.addVMCount > 0 {
                let row: [Double]
                if let clone = s.cloneOf {
                    guard let i = ids.firstIndex(of: clone) else { throw PlanningInputError(message: "what-if \"\(s.name)\": addVMs.cloneOf: no VM \"\(clone)\" in the traces") }
                    row = sizing.slotDemand[i].map { $0 * factor }
                } else {
                    let demand = s.addVMDemand ?? []
                    guard demand.count == dimensions.count else {
                        throw PlanningInputError(message: "what-if \"\(s.name)\": addVMs.demand: expected \(dimensions.count) values (\(dimensions.joined(separator: ", "))), found \(demand.count)")
                    }
                    row = demand.flatMap { v in repeatElement(v * factor, count: sizing.slots) }
                }
                for i in 0..<s.addVMCount { demands.append(row); names.append("\(s.name)-vm-\(i + 1)") }
            }
            var hosts = inventory.hosts
            for id in s.removeHosts where !hosts.contains(where: { $0.id == id }) {
                throw PlanningInputError(message: "what-if \"\(s.name)\": removeHosts: no host \"\(id)\" in the inventory")
            }
            hosts.removeAll { s.removeHosts.contains($0.id) }
            if s.addHostCount > 0 {
                guard let like = s.addHostLike.map({ id in inventory.hosts.first { $0.id == id } }) ?? inventory.hosts.first else {
                    throw PlanningInputError(message: "what-if \"\(s.name)\": addHosts.like: no host \"\(s.addHostLike ?? "")\" in the inventory")
                }
                for i in 0..<s.addHostCount { var h = like; h.id = "\(s.name)-host-\(i + 1)"; h.state = .on; hosts.append(h) }
            }
            guard !hosts.isEmpty else { throw PlanningInputError(message: "what-if \"\(s.name)\" removes every host") }
            let packing = try HostsNeededPacking.pack(ids: names, demands: demands, inventory: hosts, dimensions: dimensions,
                                                      slots: sizing.slots, config: config, name: "what-if \(s.name)")
            let (hot, displaced) = baseHotSpots(base, demands: demands, removed: Set(s.removeHosts))
            return WhatIfResult(name: s.name, hostsNeeded: packing.hostsNeeded, lowerBound: packing.lowerBound,
                                deltaHosts: packing.hostsNeeded - base.hostsNeeded, shortfall: packing.shortfall,
                                inventoryHosts: hosts.filter { $0.state != .maintenance }.count, hotSpots: hot, displacedVMs: displaced)
        }
    }

    /// Hosts of the base plan over capacity in some slot under `demands` (first rows = base VMs), and VMs on removed hosts.
    static func baseHotSpots(_ base: HostsNeededPacking.Result, demands: [[Double]], removed: Set<String>) -> (Int, Int) {
        let width = base.instance.dimensionCount
        var load = [[Double]](repeating: [Double](repeating: 0, count: width), count: base.instance.hosts.count)
        var displaced = 0
        for (v, h) in base.placement.hostOfVM.enumerated() {
            guard let h else { continue }
            if removed.contains(base.instance.hosts[h].id) { displaced += 1; continue }
            for j in 0..<width { load[h][j] += demands[v][j] }
        }
        let hot = base.placement.usedHosts.filter { h in
            !removed.contains(base.instance.hosts[h].id) && !load[h].fitsWithin(base.instance.hosts[h].capacity.values)
        }.count
        return (hot, displaced)
    }
}

extension Array where Element == Double {
    func fitsWithin(_ capacity: [Double]) -> Bool {
        zip(self, capacity).allSatisfy { $0 <= $1 + 1e-9 * Swift.max(1, abs($1)) }
    }
}
