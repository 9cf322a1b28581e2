import PlacementModel

/// A lower bound on the hotspot objective (migration cost, plus traffic): every host above an
/// overload threshold now must lose VMs whose demands cover its load above the threshold in each
/// such dimension (a VM leaving takes off at most its demand; arrivals only add load), each at
/// least at its cheapest migration cost (``GoalLowerBounds/minimumLeavingCosts(_:)``). Per hot
/// host the cheapest cover is a covering knapsack: exact by ``CoverSearch`` when the search
/// completes, else the largest fractional (LP) covering bound over the dimensions, taken one at a
/// time (Martello & Toth, "Knapsack Problems", Wiley 1990, §2.2: Dantzig's bound). VMs that must
/// leave anyway (maintenance, rules) are paid once and count towards their host's cover.
/// - Complexity: O(n·s + n·d + m·d) plus per hot host O(min(2^v, nodeLimit) · d) for its v VMs.
public enum HotSpotCoverBound {
    /// Nodes of each host's exact cover search.
    static let nodeLimit = 50_000

    /// The bound, nil when weights or costs are negative, a hot host has no cover, or nothing
    /// positive is certified.
    public static func objective(_ instance: Instance) -> Double? {
        guard GoalLowerBounds.isNonNegative(instance), !instance.vms.isEmpty else { return nil }
        let d = instance.dimensionCount
        let leaving = GoalLowerBounds.minimumLeavingCosts(instance)
        let loads = instance.hostLoads(instance.currentPlacement)
        var vmsOn = Array(repeating: [Int](), count: instance.hosts.count), forcedOn = vmsOn
        var total = 0.0
        for (v, vm) in instance.vms.enumerated() {
            guard let h = vm.currentHost else { continue }
            if GoalLowerBounds.mustLeave(instance, vm: v) {
                total += leaving[v]
                forcedOn[h].append(v)
            } else if !vm.pinned { vmsOn[h].append(v) }
        }
        for (h, host) in instance.hosts.enumerated() where host.state != .maintenance {
            var need = (0..<d).map { k in loads[h][k] - instance.overloadThreshold(host: h, dimension: k) * host.capacity[k] }
            guard need.contains(where: { $0 > 1e-9 }) else { continue }
            for v in forcedOn[h] { for k in 0..<d { need[k] -= instance.vms[v].demand[k] } }
            guard need.contains(where: { $0 > 1e-9 }) else { continue }
            guard let cover = cheapestCover(need: need, vms: vmsOn[h], instance: instance, costs: leaving) else { return nil }
            total += cover
        }
        return total > 0 ? total : nil
    }

    /// The least cost of a subset of `vms` covering `need`: exact when the search completes, else
    /// the best single-dimension fractional bound; nil when all of them cannot cover it.
    static func cheapestCover(need: [Double], vms: [Int], instance: Instance, costs: [Double]) -> Double? {
        let d = need.count
        let size = vms.map { v in (0..<d).map { instance.vms[v].demand[$0] } }
        let cost = vms.map { costs[$0] }
        for k in 0..<d where need[k] > 1e-9 && size.reduce(0.0, { $0 + $1[k] }) < need[k] - 1e-9 { return nil }
        let order = vms.indices.sorted { (cost[$0], $0) < (cost[$1], $1) }
        var search = CoverSearch(need: need, size: order.map { size[$0] }, cost: order.map { cost[$0] }, keep: 1, nodeLimit: nodeLimit)
        search.run()
        if search.completed { return search.best.first?.cost }
        return (0..<d).filter { need[$0] > 1e-9 }.map { k in fractionalCover(need: need[k], sizes: size.map { $0[k] }, costs: cost) }.max() ?? 0
    }

    /// Dantzig's bound for one dimension: items by cost per unit of size, the last one fractional.
    static func fractionalCover(need: Double, sizes: [Double], costs: [Double]) -> Double {
        let order = sizes.indices.filter { sizes[$0] > 0 }.sorted { (costs[$0] / sizes[$0], $0) < (costs[$1] / sizes[$1], $1) }
        var left = need, total = 0.0
        for i in order where left > 1e-12 {
            let take = min(1, left / sizes[i])
            total += take * costs[i]
            left -= take * sizes[i]
        }
        return total
    }
}
