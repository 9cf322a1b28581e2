import PlacementModel

/// What the reassignment engine reads from an instance, flattened once: demands, capacities,
/// thresholds, partners of each VM for traffic and memory sharing, anti-affinity groups,
/// affinity units, the current host of each VM, which moves are forced, and the weight of each
/// objective term for the goal (``Instance/objective(of:goal:)``).
/// - Complexity: O(n·d + m·d + Σ rule sizes + |traffic| + |sharedMemory|) to build.
final class ReassignmentModel: Sendable {
    let instance: Instance
    let goal: Goal
    let vmCount: Int, hostCount: Int, dimensions: Int
    /// Row-major `vm * d + k`, `host * d + k`.
    let demand: [Double]
    let capacity: [Double]
    /// Overload threshold × capacity, row-major `host * d + k` (hotspot's constraint).
    let thresholdLoad: [Double]
    let openCost: [Double]
    /// Index of the memory dimension, −1 when none.
    let memory: Int
    let trafficPartners: [[(vm: Int, amount: Double)]]
    let sharingPartners: [[(vm: Int, amount: Double)]]
    let antiAffinityGroups: [[Int]]
    /// Affinity units (``PackingSupport/units(_:)``): moved as a whole.
    let units: [[Int]]
    let unitOf: [Int]
    /// Whether a unit may move (no pinned member with a current host).
    let movable: [Bool]
    /// Current host of each VM, −1 when none.
    let home: [Int]
    let forced: [Bool]
    let unrestricted: [Bool]
    let inMaintenance: [Bool]
    let migrationBudget: Int?
    /// Weights of the terms for the goal.
    let hostWeight: Double, migrationWeight: Double, trafficWeight: Double, balanceWeight: Double
    /// Whether the overload excess is minimised first (hotspot: the thresholds are constraints).
    let countsExcess: Bool
    /// Whether a host that receives a VM (moved in, forced off its host, or new) should end at or
    /// under its overload thresholds (the promise of `consolidate-*` and `balance-greedy`: a move
    /// never makes a hot spot). Ranked after placing every VM: a forced or new VM goes above a
    /// threshold only when no host can take it under.
    /// For hotspot always, and then only for the hosts not hot now: a cool host never becomes hot.
    let receiversUnderThreshold: Bool
    /// Hosts the receiver rule binds (every host, or for hotspot the hosts under their thresholds now).
    let receiverRuleBinds: [Bool]
    /// Site index of each host (−1 none) and each VM's cost of a move inside its home site.
    let site: [Int]
    let localMigrationCost: [Double]
    /// Largest capacity of any host per dimension (normalises unit sizes).
    let largestCapacity: [Double]

    init(_ instance: Instance, goal: Goal, migrationBudget: Int?, receiversUnderThreshold: Bool = false) {
        self.instance = instance
        self.goal = goal
        let n = instance.vms.count, m = instance.hosts.count, d = instance.dimensionCount
        vmCount = n; hostCount = m; dimensions = d
        var demand = [Double](repeating: 0, count: n * d)
        for v in 0..<n where instance.vms[v].demand.count == d { for k in 0..<d { demand[v * d + k] = instance.vms[v].demand.values[k] } }
        self.demand = demand
        var capacity = [Double](repeating: 0, count: m * d), threshold = capacity
        for h in 0..<m where instance.hosts[h].capacity.count == d {
            for k in 0..<d {
                capacity[h * d + k] = instance.hosts[h].capacity.values[k]
                threshold[h * d + k] = instance.overloadThreshold(host: h, dimension: k) * capacity[h * d + k]
            }
        }
        self.capacity = capacity
        thresholdLoad = threshold
        openCost = instance.hosts.map(\.openCost)
        memory = instance.memoryDimension ?? -1
        trafficPartners = ReassignmentModel.partners(instance.traffic, count: n)
        sharingPartners = instance.memoryDimension == nil ? Array(repeating: [], count: n) : ReassignmentModel.partners(instance.sharedMemory, count: n)
        var groups = Array(repeating: [Int](), count: n)
        for (g, rule) in instance.antiAffinity.enumerated() { for vm in rule.vms { groups[vm].append(g) } }
        antiAffinityGroups = groups
        units = PackingSupport.units(instance)
        var unitOf = [Int](repeating: 0, count: n)
        for (u, unit) in units.enumerated() { for vm in unit { unitOf[vm] = u } }
        self.unitOf = unitOf
        movable = units.map { unit in !unit.contains { instance.vms[$0].pinned && instance.vms[$0].currentHost != nil } }
        home = instance.vms.map { $0.currentHost ?? -1 }
        let forcedSet = instance.forcedMigrations
        forced = (0..<n).map { forcedSet.contains($0) }
        unrestricted = instance.vms.map { $0.allowedHosts == nil && $0.forbiddenHosts.isEmpty && !$0.pinned }
        inMaintenance = instance.hosts.map { $0.state == .maintenance }
        self.migrationBudget = migrationBudget
        let w = instance.weights
        switch goal {
        case .place, .consolidate:
            (hostWeight, migrationWeight, trafficWeight, balanceWeight) = (w.hosts, w.migration, w.traffic, w.balance)
        case .balance:
            (hostWeight, migrationWeight, trafficWeight, balanceWeight) = (0, w.migration, w.traffic, 1)
        case .hotspot:
            (hostWeight, migrationWeight, trafficWeight, balanceWeight) = (0, 1, w.traffic, 0)
        }
        countsExcess = goal == .hotspot
        self.receiversUnderThreshold = receiversUnderThreshold || goal == .hotspot
        if goal == .hotspot {
            let loads = instance.hostLoads(instance.currentPlacement)
            receiverRuleBinds = (0..<m).map { h in
                loads[h].count != d || instance.dimensionsAboveOverloadThreshold(host: h, loads: loads[h].values).isEmpty
            }
        } else {
            receiverRuleBinds = Array(repeating: true, count: m)
        }
        var sites: [String: Int] = [:]
        site = instance.hosts.map { host in
            guard let name = host.site else { return -1 }
            if let index = sites[name] { return index }
            sites[name] = sites.count
            return sites.count - 1
        }
        largestCapacity = instance.largestCapacity
        localMigrationCost = (0..<n).map { v in
            guard let from = instance.vms[v].currentHost else { return 0 }
            if let explicit = instance.vms[v].migrationCost { return explicit }
            return instance.migrationEstimate(vm: v, from: from, to: from).totalSeconds
        }
    }

    private static func partners(_ pairs: [VirtualMachinePair], count n: Int) -> [[(vm: Int, amount: Double)]] {
        var list = Array(repeating: [(vm: Int, amount: Double)](), count: n)
        for pair in pairs where pair.first != pair.second && pair.first < n && pair.second < n {
            list[pair.first].append((pair.second, pair.amount))
            list[pair.second].append((pair.first, pair.amount))
        }
        return list
    }

    /// ``Instance/migrationCost(vm:to:)`` of `vm` on `host` (0 at home): O(1) inside the home
    /// site, else the pre-copy estimate. - Complexity: O(1) or O(rounds + links).
    @inline(__always)
    func migrationCost(_ vm: Int, _ host: Int) -> Double {
        let from = home[vm]
        guard from >= 0, host >= 0, host != from else { return 0 }
        if site[from] == site[host] || site[from] < 0 || site[host] < 0 { return localMigrationCost[vm] }
        return instance.migrationCost(vm: vm, to: host)
    }

    /// Whether `vm` may run on `host` by its rules (maintenance, pinning, allowed, forbidden).
    @inline(__always)
    func isEligible(_ vm: Int, _ host: Int) -> Bool {
        if inMaintenance[host] { return false }
        return unrestricted[vm] || instance.isEligible(vm: vm, host: host)
    }

    /// Whether a move of `vm` to `host` counts against the migration budget.
    @inline(__always)
    func isVoluntary(_ vm: Int, _ host: Int) -> Bool {
        host >= 0 && home[vm] >= 0 && host != home[vm] && !forced[vm]
    }
}
