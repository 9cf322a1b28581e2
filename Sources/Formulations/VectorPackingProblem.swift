import PlacementModel

/// An instance that is pure vector bin packing: identical hosts (same capacity and open cost),
/// no rules, no eligibility restrictions, no migration, traffic, sharing or balance terms, goal
/// place or consolidate. VMs with equal demand vectors are merged into item types.
public struct VectorPackingProblem: Sendable, Hashable {
    public var capacity: [Double]
    /// Demand vector of each item type.
    public var sizes: [[Double]]
    /// Number of VMs of each type.
    public var demand: [Int]
    /// VM indices of each type, in index order.
    public var vmsOfType: [[Int]]
    /// Hosts that may be used (not in maintenance), in index order.
    public var hosts: [Int]
    /// Objective per bin: weight of hosts × open cost.
    public var costPerBin: Double

    public init(capacity: [Double], sizes: [[Double]], demand: [Int], vmsOfType: [[Int]], hosts: [Int], costPerBin: Double) {
        self.capacity = capacity
        self.sizes = sizes
        self.demand = demand
        self.vmsOfType = vmsOfType
        self.hosts = hosts
        self.costPerBin = costPerBin
    }

    public var itemCount: Int { demand.reduce(0, +) }

    /// The packing problem of `instance`, or `nil` when it has anything beyond pure packing.
    public static func from(_ instance: Instance, goal: Goal) -> VectorPackingProblem? {
        guard goal == .place || goal == .consolidate else { return nil }
        let w = instance.weights
        guard w.hosts > 0, w.balance == 0, instance.antiAffinity.isEmpty, instance.affinity.isEmpty else { return nil }
        if w.traffic != 0 && instance.traffic.contains(where: { $0.amount != 0 && $0.first != $0.second }) { return nil }
        if instance.memoryDimension != nil && instance.sharedMemory.contains(where: { $0.amount != 0 }) { return nil }
        if w.migration != 0 && instance.vms.contains(where: { $0.currentHost != nil }) { return nil }
        for vm in instance.vms {
            if vm.allowedHosts != nil || !vm.forbiddenHosts.isEmpty { return nil }
            if vm.pinned && vm.currentHost != nil { return nil }
        }
        let hosts = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        guard let first = hosts.first else { return nil }
        let capacity = instance.hosts[first].capacity.values
        let cost = instance.hosts[first].openCost
        guard cost > 0, hosts.allSatisfy({ instance.hosts[$0].capacity.values == capacity && instance.hosts[$0].openCost == cost }) else { return nil }
        var index: [[Double]: Int] = [:]
        var sizes: [[Double]] = [], demand: [Int] = [], members: [[Int]] = []
        for (v, vm) in instance.vms.enumerated() {
            if let t = index[vm.demand.values] {
                demand[t] += 1
                members[t].append(v)
            } else {
                index[vm.demand.values] = sizes.count
                sizes.append(vm.demand.values)
                demand.append(1)
                members.append([v])
            }
        }
        return VectorPackingProblem(capacity: capacity, sizes: sizes, demand: demand, vmsOfType: members,
                                    hosts: hosts, costPerBin: w.hosts * cost)
    }

    /// Every item size as a list (one entry per VM).
    public var itemSizes: [[Double]] {
        var out: [[Double]] = []
        for (t, count) in demand.enumerated() { for _ in 0..<count { out.append(sizes[t]) } }
        return out
    }

    /// Whether a pattern (copies per type) fits one bin.
    public func fits(_ pattern: [Int]) -> Bool {
        for k in capacity.indices {
            var load = 0.0
            for (t, c) in pattern.enumerated() where c > 0 { load += Double(c) * sizes[t][k] }
            if load > capacity[k] + 1e-9 * max(1, abs(capacity[k])) { return false }
        }
        return true
    }

    /// Turns bins given as patterns (copies per type; extra copies are dropped) into a placement
    /// on `hosts`; `nil` when the patterns do not cover every VM or need more hosts than exist.
    public func placement(bins: [[Int]], vmCount: Int) -> Placement? {
        var left = vmsOfType.map { ArraySlice($0) }
        var placement = Placement.empty(vmCount)
        var used = 0
        for bin in bins {
            var any = false
            var contents: [Int] = []
            for (t, c) in bin.enumerated() where c > 0 {
                for _ in 0..<c { if let v = left[t].popFirst() { contents.append(v); any = true } }
            }
            guard any else { continue }
            guard used < hosts.count else { return nil }
            for v in contents { placement[v] = hosts[used] }
            used += 1
        }
        guard left.allSatisfy(\.isEmpty) else { return nil }
        return placement
    }

    /// The bins of a placement as patterns.
    public func patterns(of placement: Placement) -> [[Int]] {
        var typeOf: [Int: Int] = [:]
        for (t, vms) in vmsOfType.enumerated() { for v in vms { typeOf[v] = t } }
        var byHost: [Int: [Int]] = [:]
        for (v, h) in placement.hostOfVM.enumerated() {
            guard let h, let t = typeOf[v] else { continue }
            byHost[h, default: Array(repeating: 0, count: sizes.count)][t] += 1
        }
        return byHost.keys.sorted().map { byHost[$0]! }
    }
}
