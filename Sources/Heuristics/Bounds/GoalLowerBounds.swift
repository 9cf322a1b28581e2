import PlacementModel

/// Certified lower bounds for the goals that start from a running placement, from the demands,
/// capacities, thresholds and migration costs alone (never from a method's answer).
///
/// * Every goal: a VM whose current host it may not stay on (maintenance, pinning elsewhere,
///   allowed or forbidden hosts) migrates at least at its cheapest cost to another site or
///   inside its own (``minimumLeavingCosts(_:)``).
/// * Balance: the maximum utilisation of the used hosts is at least, in every dimension k without
///   memory sharing, Σ_v demand_k / Σ_h capacity_k over the hosts not in maintenance (the used
///   hosts hold all the load and have at most that capacity); the other terms are ≥ 0 with
///   non-negative weights and traffic. The volume bound of Martello & Toth (1990) for a makespan;
///   and at least the share of its host's capacity that any one VM or affinity set takes on the
///   host it may use most lightly (``PlacementModel/UnitUtilisationBound``).
/// * Consolidate: ``OpenOrEvictBound`` (each host is open or its VMs leave), and the L1 bound on
///   the hosts (``LowerBoundL1``).
/// * Hotspot: ``HotSpotCoverBound`` (the cheapest set of VMs leaving each hot host).
/// - Complexity: O(n·d + m·d) for balance plus ``PlacementModel/UnitUtilisationBound``'s; the others' own.
public enum GoalLowerBounds {
    /// The best lower bound vmplace certifies on `goal`'s objective, nil when none is positive
    /// (or weights, costs or traffic are negative).
    public static func objective(_ instance: Instance, goal: Goal) -> Double? {
        guard isNonNegative(instance) else { return nil }
        let bound: Double?
        switch goal {
        case .place: bound = LowerBoundL1.objectiveBound(instance, goal: goal)
        case .consolidate:
            let l1 = LowerBoundL1.objectiveBound(instance, goal: goal)
            let evict = OpenOrEvictBound.objective(instance)
            bound = [l1, evict].compactMap { $0 }.max()
        case .balance: bound = balance(instance)
        case .hotspot: bound = HotSpotCoverBound.objective(instance)
        }
        return bound.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    /// A lower bound on the balance objective, nil when nothing positive is certified.
    public static func balance(_ instance: Instance) -> Double? {
        guard !instance.vms.isEmpty, isNonNegative(instance) else { return nil }
        let value = maximumUtilisation(instance) + instance.weights.migration * forcedMigrationCost(instance)
        return value > 0 ? value : nil
    }

    /// The larger of the volume bound on the maximum utilisation (see the type's documentation)
    /// and the floor of the VMs or affinity sets that must share a host
    /// (``PlacementModel/UnitUtilisationBound``).
    static func maximumUtilisation(_ instance: Instance) -> Double {
        var best = UnitUtilisationBound.value(instance)
        for k in 0..<instance.dimensionCount {
            if k == instance.memoryDimension, !instance.sharedMemory.isEmpty { continue }
            let capacity = instance.hosts.filter { $0.state != .maintenance }.reduce(0.0) { $0 + $1.capacity[k] }
            let load = instance.vms.reduce(0.0) { $0 + $1.demand[k] }
            if capacity > 0 { best = max(best, load / capacity) }
        }
        return best
    }

    /// Whether every weight, host cost, explicit migration cost and traffic amount is ≥ 0 (the
    /// bounds drop terms as ≥ 0).
    public static func isNonNegative(_ instance: Instance) -> Bool {
        let w = instance.weights
        return [w.hosts, w.migration, w.traffic, w.balance].allSatisfy { $0 >= 0 }
            && instance.hosts.allSatisfy { $0.openCost >= 0 }
            && instance.vms.allSatisfy { ($0.migrationCost ?? 0) >= 0 }
            && instance.traffic.allSatisfy { $0.amount >= 0 }
    }

    /// The least cost of moving each VM off its current host (0 without one): its explicit cost,
    /// else the least pre-copy estimate to a host of any site (its own included).
    /// - Complexity: O(n·s) estimates for s distinct sites.
    static func minimumLeavingCosts(_ instance: Instance) -> [Double] {
        let sites = siteRepresentatives(instance)
        return instance.vms.indices.map { minimumLeavingCost(instance, vm: $0, sites: sites) }
    }

    /// One host of each distinct site (nil included), in index order: a migration's cost depends
    /// on the destination only through its site.
    static func siteRepresentatives(_ instance: Instance) -> [Int] {
        var representative: [String?: Int] = [:]
        for (h, host) in instance.hosts.enumerated() where representative[host.site] == nil { representative[host.site] = h }
        return representative.values.sorted()
    }

    /// ``minimumLeavingCosts(_:)`` of one VM, given ``siteRepresentatives(_:)``. - Complexity: O(s) estimates.
    static func minimumLeavingCost(_ instance: Instance, vm v: Int, sites: [Int]) -> Double {
        guard let from = instance.vms[v].currentHost else { return 0 }
        if let explicit = instance.vms[v].migrationCost { return explicit }
        var least = instance.migrationEstimate(vm: v, from: from, to: from).totalSeconds
        for t in sites where instance.hosts[t].site != instance.hosts[from].site {
            least = min(least, instance.migrationEstimate(vm: v, from: from, to: t).totalSeconds)
        }
        return least
    }

    /// Whether `vm` must leave its current host whatever the placement (it may not run there:
    /// maintenance, pinning elsewhere, allowed or forbidden hosts).
    static func mustLeave(_ instance: Instance, vm: Int) -> Bool {
        guard let host = instance.vms[vm].currentHost else { return false }
        return !instance.vms[vm].pinned && !instance.isEligible(vm: vm, host: host)
    }

    /// The least total cost of the migrations no placement avoids (``mustLeave(_:vm:)``),
    /// estimated for those VMs only. - Complexity: O(n + f·s) for f such VMs.
    static func forcedMigrationCost(_ instance: Instance) -> Double {
        let sites = siteRepresentatives(instance)
        return instance.vms.indices.reduce(0.0) { mustLeave(instance, vm: $1) ? $0 + minimumLeavingCost(instance, vm: $1, sites: sites) : $0 }
    }
}
