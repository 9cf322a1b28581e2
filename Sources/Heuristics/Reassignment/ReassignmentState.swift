import PlacementModel

/// The incremental state of the reassignment engine: where each VM runs, host loads with memory
/// sharing, VMs per host, and every term of the objective and every rule kept up to date by
/// ``relocate(_:to:)`` — host open cost, migration cost, split traffic, the maximum utilisation
/// (``MaximumTree``), the overload excess, capacity, anti-affinity, eligibility, the migration
/// budget. Every change is journalled, so a compound move is tried by applying it and rolled
/// back (``rollback(to:)``) when it does not improve the ``score``.
///
/// - Complexity: ``relocate(_:to:)`` is O(d + partners of the VM + its anti-affinity groups +
///   log m); ``score`` is O(1).
struct ReassignmentState: Sendable {
    let model: ReassignmentModel
    /// Host of each VM, −1 = unplaced.
    private(set) var host: [Int]
    private(set) var load: [Double]
    private(set) var count: [Int]
    /// VMs on each host (any order) and each VM's slot in its host's list.
    private(set) var members: [[Int]]
    private var slot: [Int]
    /// Hosts that run a VM (any order), for sampling, with each host's slot (−1 = not used).
    private(set) var usedHosts: [Int]
    private var usedSlot: [Int]
    private var antiAffinityCount: [Int: Int] = [:]
    private var overCapacity: [Bool]
    private(set) var hostExcess: [Double]
    /// VMs that arrived on each host (moved in, forced off their host or new), and whether the host
    /// is such a receiver above its thresholds
    /// (counted only when the model keeps receivers under their thresholds).
    private var arrivals: [Int]
    private var overloadedReceiver: [Bool]
    private(set) var overloadedReceivers = 0
    private(set) var utilisation: MaximumTree
    private(set) var overCapacityHosts = 0
    private(set) var antiAffinityConflicts = 0
    private(set) var ineligible = 0
    private(set) var voluntary = 0
    private(set) var unplaced: Int
    private(set) var openCost = 0.0
    private(set) var migrationCost = 0.0
    private(set) var splitTraffic: Double
    private(set) var excess = 0.0
    /// (VM, host it left), newest last.
    private var journal: [(vm: Int, from: Int)] = []
    /// Moves evaluated so far (the engine's work measure).
    var evaluations = 0

    init(_ model: ReassignmentModel, placement: Placement) {
        self.model = model
        let n = model.vmCount, m = model.hostCount
        host = Array(repeating: -1, count: n)
        load = Array(repeating: 0, count: m * model.dimensions)
        count = Array(repeating: 0, count: m)
        members = Array(repeating: [], count: m)
        slot = Array(repeating: -1, count: n)
        usedHosts = []
        usedSlot = Array(repeating: -1, count: m)
        overCapacity = Array(repeating: false, count: m)
        hostExcess = Array(repeating: 0, count: m)
        arrivals = Array(repeating: 0, count: m)
        overloadedReceiver = Array(repeating: false, count: m)
        utilisation = MaximumTree(Array(repeating: 0, count: m))
        unplaced = n
        splitTraffic = model.instance.traffic.reduce(0) { $0 + $1.amount }
        for v in 0..<n { if let h = placement.hostOfVM[v], h >= 0, h < m { attach(v, h) } }
        journal.removeAll()
    }

    /// The placement (nil for unplaced VMs).
    var placement: Placement { Placement(hostOfVM: host.map { $0 < 0 ? nil : $0 }) }

    /// Broken rules: hosts over capacity, anti-affinity conflicts, VMs on hosts they may not use,
    /// voluntary migrations beyond the budget.
    var violations: Int {
        let over = model.migrationBudget.map { max(0, voluntary - $0) } ?? 0
        return overCapacityHosts + antiAffinityConflicts + ineligible + over
    }

    /// Maximum utilisation over used hosts and dimensions (0 with none).
    var maximumUtilisation: Double { max(0, utilisation.maximum) }

    /// The objective of the placement for the model's goal.
    var objective: Double {
        var value = model.hostWeight * openCost + model.migrationWeight * migrationCost
        if model.trafficWeight != 0 { value += model.trafficWeight * splitTraffic }
        if model.balanceWeight != 0 { value += model.balanceWeight * maximumUtilisation }
        return value
    }

    var score: ReassignmentScore {
        ReassignmentScore(violations: violations, unplaced: unplaced, hotReceivers: overloadedReceivers, excess: model.countsExcess ? excess : 0, objective: objective)
    }

    @inline(__always)
    private func home(_ vm: Int) -> Int { model.home[vm] }

    /// Journal position, for ``rollback(to:)``.
    var mark: Int { journal.count }

    /// Forgets the journal (the current state becomes the one rollbacks cannot go behind).
    mutating func commit() { journal.removeAll(keepingCapacity: true) }

    /// Moves `vm` to `target` (−1: unplaced), journalled.
    mutating func relocate(_ vm: Int, to target: Int) {
        let from = host[vm]
        guard from != target else { return }
        if from >= 0 { detach(vm, from) }
        if target >= 0 { attach(vm, target) }
        journal.append((vm, from))
    }

    /// Undoes every relocation after `mark`.
    mutating func rollback(to mark: Int) {
        while journal.count > mark {
            let (vm, from) = journal.removeLast()
            let now = host[vm]
            if now >= 0 { detach(vm, now) }
            if from >= 0 { attach(vm, from) }
        }
    }

    /// Host of a unit (of its first member; −1 when unplaced).
    func hostOf(unit u: Int) -> Int { host[model.units[u][0]] }

    /// Moves every member of unit `u` to `target`, journalled.
    mutating func move(unit u: Int, to target: Int) {
        for vm in model.units[u] { relocate(vm, to: target) }
    }

    /// Utilisation of `h`: max over dimensions of load / capacity (0 when empty).
    func utilisation(of h: Int) -> Double {
        guard count[h] > 0 else { return 0 }
        let d = model.dimensions
        var worst = 0.0
        for k in 0..<d {
            let c = model.capacity[h * d + k], l = load[h * d + k]
            let u = c > 0 ? l / c : (l > 0 ? Double.infinity : 0)
            if u > worst { worst = u }
        }
        return worst
    }

    private mutating func detach(_ vm: Int, _ h: Int) {
        let d = model.dimensions
        host[vm] = -1
        for k in 0..<d { load[h * d + k] -= model.demand[vm * d + k] }
        if model.memory >= 0 {
            for p in model.sharingPartners[vm] where host[p.vm] == h { load[h * d + model.memory] += p.amount }
        }
        for p in model.trafficPartners[vm] where host[p.vm] == h { splitTraffic += p.amount }
        for g in model.antiAffinityGroups[vm] {
            let key = g * model.hostCount + h
            let c = antiAffinityCount[key, default: 0]
            if c >= 2 { antiAffinityConflicts -= 1 }
            antiAffinityCount[key] = c - 1
        }
        if !model.isEligible(vm, h) { ineligible -= 1 }
        if model.isVoluntary(vm, h) { voluntary -= 1 }
        if home(vm) != h { arrivals[h] -= 1 }
        migrationCost -= model.migrationCost(vm, h)
        unplaced += 1
        let last = members[h].removeLast()
        if last != vm { members[h][slot[vm]] = last; slot[last] = slot[vm] }
        slot[vm] = -1
        count[h] -= 1
        if count[h] == 0 {
            openCost -= model.openCost[h]
            let position = usedSlot[h], moved = usedHosts.removeLast()
            if moved != h { usedHosts[position] = moved; usedSlot[moved] = position }
            usedSlot[h] = -1
        }
        refresh(h)
    }

    private mutating func attach(_ vm: Int, _ h: Int) {
        let d = model.dimensions
        for k in 0..<d { load[h * d + k] += model.demand[vm * d + k] }
        if model.memory >= 0 {
            for p in model.sharingPartners[vm] where host[p.vm] == h { load[h * d + model.memory] -= p.amount }
        }
        for p in model.trafficPartners[vm] where host[p.vm] == h { splitTraffic -= p.amount }
        host[vm] = h
        for g in model.antiAffinityGroups[vm] {
            let key = g * model.hostCount + h
            let c = antiAffinityCount[key, default: 0]
            if c >= 1 { antiAffinityConflicts += 1 }
            antiAffinityCount[key] = c + 1
        }
        if !model.isEligible(vm, h) { ineligible += 1 }
        if model.isVoluntary(vm, h) { voluntary += 1 }
        if home(vm) != h { arrivals[h] += 1 }
        migrationCost += model.migrationCost(vm, h)
        unplaced -= 1
        slot[vm] = members[h].count
        members[h].append(vm)
        if count[h] == 0 {
            openCost += model.openCost[h]
            usedSlot[h] = usedHosts.count
            usedHosts.append(h)
        }
        count[h] += 1
        refresh(h)
    }

    /// Recomputes the capacity flag, overload excess and utilisation of `h`. - Complexity: O(d + log m).
    private mutating func refresh(_ h: Int) {
        let d = model.dimensions
        var over = false
        var hostOver = 0.0
        for k in 0..<d {
            let c = model.capacity[h * d + k], l = load[h * d + k]
            if Instance.exceeds(l, c) { over = true }
            let limit = model.thresholdLoad[h * d + k]
            if Instance.exceeds(l, limit) { hostOver += c > 0 ? (l - limit) / c : 1 }
        }
        if over != overCapacity[h] { overCapacityHosts += over ? 1 : -1; overCapacity[h] = over }
        excess += hostOver - hostExcess[h]
        hostExcess[h] = hostOver
        let receiverOver = model.receiversUnderThreshold && model.receiverRuleBinds[h] && arrivals[h] > 0 && hostOver > 0
        if receiverOver != overloadedReceiver[h] { overloadedReceivers += receiverOver ? 1 : -1; overloadedReceiver[h] = receiverOver }
        utilisation.update(h, utilisation(of: h))
    }
}
