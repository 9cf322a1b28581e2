import PlacementModel

/// Incremental state of a packing: host loads, rule bookkeeping and feasibility tests shared by
/// every heuristic, so that each checks capacity, eligibility and rules the same way.
public struct PackingState: Sendable {
    public let instance: Instance
    public private(set) var placement: Placement
    /// Load per host per dimension, row-major `host * d + k`.
    public private(set) var load: [Double]
    /// VM count per host.
    public private(set) var vmCount: [Int]
    /// The VMs on each host in index order (``vms(on:)`` without a pass over every VM).
    var vmsOnHost: [[Int]]
    /// Anti-affinity groups each VM belongs to.
    let antiAffinityGroups: [[Int]]
    /// For each anti-affinity group, the hosts in use by its members (with multiplicity).
    var antiAffinityHosts: [[Int: Int]]
    /// Affinity group of each VM (first one), and where the group has been placed.
    let affinityGroup: [Int?]
    var affinityHost: [Int: Int]
    var affinityCount: [Int: Int]
    /// Shared-memory partners of each VM, with the amount.
    let sharing: [[(vm: Int, amount: Double)]]
    /// Demands and capacities, row-major (`vm * d + k`, `host * d + k`), so hot loops avoid
    /// copying VM and host values.
    let demandFlat: [Double]
    let capacityFlat: [Double]
    /// VMs with no eligibility restriction (no allowed/forbidden list, not pinned), and hosts in
    /// maintenance: `isEligible` is only consulted when needed.
    let unrestricted: [Bool]
    let inMaintenance: [Bool]
    /// Whether any VM pair shares memory.
    let hasSharing: Bool

    public init(instance: Instance, startingFrom initial: Placement? = nil) {
        self.instance = instance
        let d = instance.dimensionCount
        placement = .empty(instance.vms.count)
        load = Array(repeating: 0, count: instance.hosts.count * d)
        vmCount = Array(repeating: 0, count: instance.hosts.count)
        vmsOnHost = Array(repeating: [], count: instance.hosts.count)
        var groups = Array(repeating: [Int](), count: instance.vms.count)
        for (g, rule) in instance.antiAffinity.enumerated() { for vm in rule.vms { groups[vm].append(g) } }
        antiAffinityGroups = groups
        antiAffinityHosts = Array(repeating: [:], count: instance.antiAffinity.count)
        var affinity = Array(repeating: Int?.none, count: instance.vms.count)
        for (g, rule) in instance.affinity.enumerated() { for vm in rule.vms where affinity[vm] == nil { affinity[vm] = g } }
        affinityGroup = affinity
        affinityHost = [:]
        affinityCount = [:]
        var partners = Array(repeating: [(vm: Int, amount: Double)](), count: instance.vms.count)
        for pair in instance.sharedMemory {
            partners[pair.first].append((pair.second, pair.amount))
            partners[pair.second].append((pair.first, pair.amount))
        }
        sharing = partners
        // VMs and hosts are read in place (no copy of each VM value).
        var demands = [Double](repeating: 0, count: instance.vms.count * d)
        var free = [Bool](repeating: true, count: instance.vms.count)
        for v in instance.vms.indices {
            if instance.vms[v].demand.count == d { for k in 0..<d { demands[v * d + k] = instance.vms[v].demand.values[k] } }
            free[v] = instance.vms[v].allowedHosts == nil && instance.vms[v].forbiddenHosts.isEmpty && !instance.vms[v].pinned
        }
        demandFlat = demands
        unrestricted = free
        var capacities = [Double](repeating: 0, count: instance.hosts.count * d)
        var maintenance = [Bool](repeating: false, count: instance.hosts.count)
        for h in instance.hosts.indices {
            if instance.hosts[h].capacity.count == d { for k in 0..<d { capacities[h * d + k] = instance.hosts[h].capacity.values[k] } }
            maintenance[h] = instance.hosts[h].state == .maintenance
        }
        capacityFlat = capacities
        inMaintenance = maintenance
        hasSharing = !instance.sharedMemory.isEmpty
        if let initial {
            for (vm, host) in initial.hostOfVM.enumerated() { if let host { place(vm: vm, on: host) } }
        }
    }

    /// A state of the same instance as `template` holding `initial`: the rule bookkeeping that
    /// depends on the instance alone is shared with `template` (no O(n) rebuild), loads and
    /// counts are built from `initial` exactly as ``init(instance:startingFrom:)`` does.
    init(like template: PackingState, startingFrom initial: Placement) {
        self = template
        let d = instance.dimensionCount
        placement = .empty(instance.vms.count)
        load = Array(repeating: 0, count: instance.hosts.count * d)
        vmCount = Array(repeating: 0, count: instance.hosts.count)
        vmsOnHost = Array(repeating: [], count: instance.hosts.count)
        antiAffinityHosts = Array(repeating: [:], count: instance.antiAffinity.count)
        affinityHost = [:]
        affinityCount = [:]
        for (vm, host) in initial.hostOfVM.enumerated() { if let host { place(vm: vm, on: host) } }
    }

    /// Load of `host` in dimension `k`.
    public func load(host: Int, dimension k: Int) -> Double { load[host * instance.dimensionCount + k] }

    /// Memory saved if `vm` joins `host` (pairs sharing memory already there).
    func sharedSaving(vm: Int, host: Int) -> Double {
        var saving = 0.0
        for partner in sharing[vm] where placement[partner.vm] == host { saving += partner.amount }
        return saving
    }

    /// Whether `vm` fits on `host` now (capacity, optionally scaled by `capacityFraction`, in every
    /// dimension; eligibility; anti-affinity; affinity).
    public func canPlace(vm: Int, on host: Int, capacityFraction: Double = 1) -> Bool {
        if inMaintenance[host] { return false }
        guard unrestricted[vm] || instance.isEligible(vm: vm, host: host) else { return false }
        let d = instance.dimensionCount
        let saving = sharing[vm].isEmpty ? 0 : sharedSaving(vm: vm, host: host)
        let memory = instance.memoryDimension
        for k in 0..<d {
            var after = load[host * d + k] + demandFlat[vm * d + k]
            if k == memory { after -= saving }
            let limit = capacityFlat[host * d + k] * capacityFraction
            if after > limit + 1e-9 * max(1, abs(limit)) { return false }
        }
        for g in antiAffinityGroups[vm] where (antiAffinityHosts[g][host] ?? 0) > 0 { return false }
        if let g = affinityGroup[vm], let required = affinityHost[g], required != host { return false }
        return true
    }

    /// Capacity pre-test of ``canPlace(vm:on:capacityFraction:)`` on the flat loads: false only
    /// when `vm` (after taking `leaving` off, −1: none) cannot fit `host` by capacity — with the
    /// same arithmetic as `canPlace`, so a true answer still needs `canPlace` for the rules. Always
    /// true with memory sharing (savings are not counted here). Lets hot loops skip most hosts
    /// without the full rule check. - Complexity: O(d).
    @inline(__always)
    func mayFit(vm: Int, on host: Int, leaving: Int = -1) -> Bool {
        guard !hasSharing else { return true }
        let d = instance.dimensionCount
        return load.withUnsafeBufferPointer { load in
            demandFlat.withUnsafeBufferPointer { demand in
                capacityFlat.withUnsafeBufferPointer { capacity in
                    for k in 0..<d {
                        var after = load[host * d + k]
                        if leaving >= 0 { after -= demand[leaving * d + k] }
                        after += demand[vm * d + k]
                        let limit = capacity[host * d + k]
                        if after > limit + 1e-9 * max(1, abs(limit)) { return false }
                    }
                    return true
                }
            }
        }
    }

    public mutating func place(vm: Int, on host: Int) {
        precondition(placement[vm] == nil, "VM placed twice")
        let d = instance.dimensionCount
        let saving = sharing[vm].isEmpty ? 0 : sharedSaving(vm: vm, host: host)
        for k in 0..<d { load[host * d + k] += demandFlat[vm * d + k] }
        if let memory = instance.memoryDimension { load[host * d + memory] -= saving }
        vmCount[host] += 1
        Self.insertSorted(vm, into: &vmsOnHost[host])
        placement[vm] = host
        for g in antiAffinityGroups[vm] { antiAffinityHosts[g][host, default: 0] += 1 }
        if let g = affinityGroup[vm] {
            affinityHost[g] = host
            affinityCount[g, default: 0] += 1
        }
    }

    public mutating func remove(vm: Int) {
        guard let host = placement[vm] else { return }
        let d = instance.dimensionCount
        placement[vm] = nil
        let saving = sharing[vm].isEmpty ? 0 : sharedSaving(vm: vm, host: host)
        for k in 0..<d { load[host * d + k] -= demandFlat[vm * d + k] }
        if let memory = instance.memoryDimension { load[host * d + memory] += saving }
        vmCount[host] -= 1
        if let i = vmsOnHost[host].firstIndex(of: vm) { vmsOnHost[host].remove(at: i) }
        for g in antiAffinityGroups[vm] { antiAffinityHosts[g][host, default: 0] -= 1 }
        if let g = affinityGroup[vm] {
            affinityCount[g, default: 0] -= 1
            if affinityCount[g] == 0 { affinityHost[g] = nil }
        }
    }

    /// Inserts `vm` keeping `list` in increasing order (VMs are mostly placed in index order: the
    /// end is tried first).
    private static func insertSorted(_ vm: Int, into list: inout [Int]) {
        guard let last = list.last, last > vm else { return list.append(vm) }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < vm { low = mid + 1 } else { high = mid }
        }
        list.insert(vm, at: low)
    }

    /// Why `vm` can be placed nowhere in the current state.
    public func whyUnplaceable(vm: Int) -> String {
        let eligible = instance.hosts.indices.filter { instance.isEligible(vm: vm, host: $0) }
        if eligible.isEmpty { return "no host is eligible (allowed/forbidden hosts, pinning, maintenance)" }
        let demand = instance.vms[vm].demand
        if !eligible.contains(where: { demand.fits(within: instance.hosts[$0].capacity) }) {
            return "demand \(demand) exceeds the capacity of every eligible host"
        }
        return "every eligible host that could hold it is full or excluded by an affinity rule (\(eligible.count) eligible hosts)"
    }
}
