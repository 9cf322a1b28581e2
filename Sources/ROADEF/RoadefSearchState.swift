/// The incremental state of a feasible ROADEF solution for local search: machine usage (with
/// the transient usage of moved processes), every objective term, per-service location and
/// neighbourhood counts, and the service-move maximum kept with per-count buckets. A shift is
/// evaluated without changing the state; a swap is applied, checked and undone when rejected.
/// - Complexity: a shift's delta and feasibility O(R + B + |service| + dependencies touched);
///   applying a move the same; building the state O(P·R + S·(N + L)).
public final class RoadefSearchState {
    public let model: RoadefModel
    public let initial: [Int32]
    public private(set) var assignment: [Int32]
    /// processesOn[m]: the processes on m (any order); slot[p]: p's index in its machine's list.
    private var processesOn: [[Int32]]
    private var slot: [Int32]
    /// Load plus balance cost of each machine.
    private var machineCostOf: [Int64]
    /// usage[m · R + r] of the current assignment.
    private(set) var usage: [Int64]
    /// usage plus the requirements of processes moved away from m (used for transient resources).
    private(set) var transientUsage: [Int64]
    private let members: [[Int32]]
    private let dependents: [[Int32]]
    /// locationCount[s · L + l], neighborhoodCount[s · N + n]: processes of s there.
    private var locationCount: [Int32]
    private var neighborhoodCount: [Int32]
    private var distinctLocations: [Int32]
    private var movedPerService: [Int32]
    /// servicesWithMoved[k]: how many services have exactly k moved processes.
    private var servicesWithMoved: [Int32]
    private var maximumMoved: Int32 = 0
    /// Load plus balance cost of all machines.
    private var machineCost: Int64 = 0
    private var processMoveSum: Int64 = 0
    private var machineMoveSum: Int64 = 0
    private let R: Int, L: Int, N: Int

    /// Builds the state of `assignment` (which must be feasible for the search to stay feasible).
    public init(model: RoadefModel, initial: [Int32], assignment: [Int32]) {
        self.model = model
        self.initial = initial
        self.assignment = initial
        R = model.resourceCount
        L = max(1, model.locationCount)
        N = max(1, model.neighborhoodCount)
        members = model.processesByService()
        processesOn = Array(repeating: [], count: model.machineCount)
        slot = [Int32](repeating: 0, count: model.processCount)
        machineCostOf = [Int64](repeating: 0, count: model.machineCount)
        dependents = model.dependents()
        usage = [Int64](repeating: 0, count: model.machineCount * R)
        transientUsage = usage
        locationCount = [Int32](repeating: 0, count: model.serviceCount * L)
        neighborhoodCount = [Int32](repeating: 0, count: model.serviceCount * N)
        distinctLocations = [Int32](repeating: 0, count: model.serviceCount)
        movedPerService = [Int32](repeating: 0, count: model.serviceCount)
        servicesWithMoved = [Int32](repeating: 0, count: model.processCount + 2)
        servicesWithMoved[0] = Int32(model.serviceCount)
        for p in 0..<model.processCount { place(p, on: Int(initial[p])) }
        for p in 0..<model.processCount where assignment[p] != initial[p] { apply(shift: p, to: Int(assignment[p])) }
        recomputeMachineCosts()
    }

    /// Adds p to machine m in the counts (used while building).
    private func place(_ p: Int, on m: Int) {
        for r in 0..<R {
            usage[m * R + r] += model.requirement(p, r)
            transientUsage[m * R + r] += model.requirement(p, r)
        }
        let s = Int(model.service[p])
        addToService(s, machine: m, amount: 1)
        slot[p] = Int32(processesOn[m].count)
        processesOn[m].append(Int32(p))
    }

    private func addToService(_ s: Int, machine m: Int, amount: Int32) {
        let l = Int(model.location[m]), n = Int(model.neighborhood[m])
        let before = locationCount[s * L + l]
        locationCount[s * L + l] = before + amount
        if before == 0 && amount > 0 { distinctLocations[s] += 1 }
        if before + amount == 0 && amount < 0 { distinctLocations[s] -= 1 }
        neighborhoodCount[s * N + n] += amount
    }

    private func recomputeMachineCosts() {
        machineCost = 0
        for m in 0..<model.machineCount {
            machineCostOf[m] = machineLoadCost(m, removing: -1, adding: -1) + machineBalanceCost(m, removing: -1, adding: -1)
            machineCost += machineCostOf[m]
        }
    }

    /// The objective, term by term (load and balance recomputed: O(M·(R + B))).
    public var cost: RoadefCost {
        var cost = RoadefCost()
        for m in 0..<model.machineCount {
            cost.load += machineLoadCost(m, removing: -1, adding: -1)
            cost.balance += machineBalanceCost(m, removing: -1, adding: -1)
        }
        cost.processMove = model.weightProcessMove * processMoveSum
        cost.serviceMove = model.weightServiceMove * Int64(maximumMoved)
        cost.machineMove = model.weightMachineMove * machineMoveSum
        return cost
    }

    /// The total objective, kept incrementally: O(1).
    public var total: Int64 {
        machineCost + model.weightProcessMove * processMoveSum + model.weightServiceMove * Int64(maximumMoved)
            + model.weightMachineMove * machineMoveSum
    }

    // MARK: machine terms

    /// Load cost of machine m with process `removing` taken off and `adding` put on (−1 = none).
    @inline(__always)
    private func machineLoadCost(_ m: Int, removing: Int, adding: Int) -> Int64 {
        var total: Int64 = 0
        for r in 0..<R {
            var used = usage[m &* R &+ r]
            if removing >= 0 { used -= model.requirement(removing, r) }
            if adding >= 0 { used += model.requirement(adding, r) }
            let excess = used - model.safetyCapacity(m, r)
            if excess > 0 { total += model.loadCostWeight[r] * excess }
        }
        return total
    }

    @inline(__always)
    private func machineBalanceCost(_ m: Int, removing: Int, adding: Int) -> Int64 {
        var total: Int64 = 0
        for b in model.balanceCosts {
            var a1 = model.capacity(m, b.first) - usage[m &* R &+ b.first]
            var a2 = model.capacity(m, b.second) - usage[m &* R &+ b.second]
            if removing >= 0 { a1 += model.requirement(removing, b.first); a2 += model.requirement(removing, b.second) }
            if adding >= 0 { a1 -= model.requirement(adding, b.first); a2 -= model.requirement(adding, b.second) }
            let excess = b.target * a1 - a2
            if excess > 0 { total += b.weight * excess }
        }
        return total
    }

    /// Change of machine m's load and balance cost when `removing` leaves and `adding` arrives
    /// (−1 = none), in one pass over the resources.
    @inline(__always)
    private func machineDelta(_ m: Int, removing: Int, adding: Int) -> Int64 {
        var delta: Int64 = 0
        let base = m &* R
        for r in 0..<R {
            let used = usage[base &+ r]
            var after = used
            if removing >= 0 { after -= model.requirement(removing, r) }
            if adding >= 0 { after += model.requirement(adding, r) }
            if after == used { continue }
            let safety = model.safetyCapacity[base &+ r]
            let change = max(0, after - safety) - max(0, used - safety)
            if change != 0 { delta += model.loadCostWeight[r] * change }
        }
        if !model.balanceCosts.isEmpty {
            delta += machineBalanceCost(m, removing: removing, adding: adding) - machineBalanceCost(m, removing: -1, adding: -1)
        }
        return delta
    }

    // MARK: shift

    /// The change of the total cost if p moved to `target`, or nil when that breaks a hard
    /// constraint (capacity, transient capacity, conflict, spread, dependency; capacity on
    /// `target` only when `checkingCapacity`).
    public func shiftDelta(_ p: Int, to target: Int, checkingCapacity: Bool = true) -> Int64? {
        let source = Int(assignment[p])
        if source == target || (checkingCapacity && !fitsCapacity(p, on: target)) { return nil }
        let s = Int(model.service[p])
        if hasProcess(of: s, on: target, except: p) { return nil }
        if !keepsSpread(s, from: source, to: target) || !keepsDependencies(s, from: source, to: target) { return nil }
        return machineDelta(source, removing: p, adding: -1) + machineDelta(target, removing: -1, adding: p)
            + moveCostDelta(p, from: source, to: target)
    }

    /// Whether machine m's usage, transient usage included, is within its capacities.
    public func withinCapacity(_ m: Int) -> Bool {
        for r in 0..<R {
            let used = model.transient[r] ? transientUsage[m &* R &+ r] : usage[m &* R &+ r]
            if used > model.capacity(m, r) { return false }
        }
        return true
    }

    @inline(__always)
    private func fitsCapacity(_ p: Int, on m: Int) -> Bool {
        let home = Int(initial[p]) == m
        for r in 0..<R {
            let used = (model.transient[r] && !home) ? transientUsage[m &* R &+ r] : usage[m &* R &+ r]
            if used + model.requirement(p, r) > model.capacity(m, r) { return false }
        }
        return true
    }

    /// The machine of `machines` (all by default) with the lowest feasible shift delta for p
    /// (ties to the first).
    /// - Complexity: O(|machines|·(R + B + |service|)).
    public func bestShift(_ p: Int, among machines: [Int]? = nil) -> (Int, Int64)? {
        var best: (Int, Int64)? = nil
        func consider(_ m: Int) {
            if let delta = shiftDelta(p, to: m), best.map({ delta < $0.1 }) ?? true { best = (m, delta) }
        }
        if let machines { for m in machines { consider(m) } } else { for m in 0..<model.machineCount { consider(m) } }
        return best
    }

    @inline(__always)
    private func hasProcess(of s: Int, on m: Int, except p: Int) -> Bool {
        for q in members[s] where Int(q) != p && Int(assignment[Int(q)]) == m { return true }
        return false
    }

    private func keepsSpread(_ s: Int, from source: Int, to target: Int) -> Bool {
        let l1 = Int(model.location[source]), l2 = Int(model.location[target])
        if l1 == l2 { return true }
        var distinct = distinctLocations[s]
        if locationCount[s * L + l1] == 1 { distinct -= 1 }
        if locationCount[s * L + l2] == 0 { distinct += 1 }
        return distinct >= model.spreadMin[s]
    }

    private func keepsDependencies(_ s: Int, from source: Int, to target: Int) -> Bool {
        let n1 = Int(model.neighborhood[source]), n2 = Int(model.neighborhood[target])
        if n1 == n2 { return true }
        for d in model.dependencies[s] where Int(d) != s && neighborhoodCount[Int(d) * N + n2] == 0 { return false }
        if neighborhoodCount[s * N + n1] == 1 {
            for t in dependents[s] where Int(t) != s && neighborhoodCount[Int(t) * N + n1] > 0 { return false }
        }
        return true
    }

    /// Process, service and machine move cost change of moving p from source to target.
    private func moveCostDelta(_ p: Int, from source: Int, to target: Int) -> Int64 {
        let home = Int(initial[p])
        var delta = model.weightMachineMove * (model.machineMoveCost(from: home, to: target) - model.machineMoveCost(from: home, to: source))
        let s = Int(model.service[p])
        if source == home {
            delta += model.weightProcessMove * model.processMoveCost[p]
            if movedPerService[s] == maximumMoved { delta += model.weightServiceMove }
        } else if target == home {
            delta -= model.weightProcessMove * model.processMoveCost[p]
            if movedPerService[s] == maximumMoved && servicesWithMoved[Int(maximumMoved)] == 1 { delta -= model.weightServiceMove }
        }
        return delta
    }

    /// Moves p to target, updating every count and cost term (no feasibility check).
    public func apply(shift p: Int, to target: Int) {
        let source = Int(assignment[p])
        if source == target { return }
        let home = Int(initial[p])
        let sourceChange = machineDelta(source, removing: p, adding: -1), targetChange = machineDelta(target, removing: -1, adding: p)
        machineCostOf[source] += sourceChange
        machineCostOf[target] += targetChange
        let machineChange = sourceChange + targetChange
        for r in 0..<R {
            let q = model.requirement(p, r)
            usage[source * R + r] -= q
            usage[target * R + r] += q
            if source != home { transientUsage[source * R + r] -= q }
            if target != home { transientUsage[target * R + r] += q }
        }
        machineCost += machineChange
        let s = Int(model.service[p])
        addToService(s, machine: source, amount: -1)
        addToService(s, machine: target, amount: 1)
        machineMoveSum += model.machineMoveCost(from: home, to: target) - model.machineMoveCost(from: home, to: source)
        if source == home { changeMoved(s, by: 1); processMoveSum += model.processMoveCost[p] }
        if target == home { changeMoved(s, by: -1); processMoveSum -= model.processMoveCost[p] }
        assignment[p] = Int32(target)
        moveInLists(p, from: source, to: target)
    }

    private func moveInLists(_ p: Int, from source: Int, to target: Int) {
        let index = Int(slot[p])
        let last = processesOn[source].removeLast()
        if Int(last) != p {
            processesOn[source][index] = last
            slot[Int(last)] = Int32(index)
        }
        slot[p] = Int32(processesOn[target].count)
        processesOn[target].append(Int32(p))
    }

    /// Processes of service s in neighbourhood n / location l, and locations s uses.
    func processCount(service s: Int, neighborhood n: Int) -> Int32 { neighborhoodCount[s * N + n] }
    func processCount(service s: Int, location l: Int) -> Int32 { locationCount[s * L + l] }
    func locationsUsed(service s: Int) -> Int32 { distinctLocations[s] }

    /// The processes on machine m now.
    public func processes(on m: Int) -> [Int32] { processesOn[m] }

    /// A random process on one of the costliest of `candidates` machines (load + balance),
    /// or nil when that machine is empty.
    public func processOnCostlyMachine(_ candidates: [Int], pick: UInt64) -> Int? {
        var chosen = candidates[0]
        for m in candidates.dropFirst() where machineCostOf[m] > machineCostOf[chosen] { chosen = m }
        let list = processesOn[chosen]
        return list.isEmpty ? nil : Int(list[Int(pick % UInt64(list.count))])
    }

    /// Keeps the service-move maximum with the per-count buckets.
    private func changeMoved(_ s: Int, by step: Int32) {
        let before = movedPerService[s], after = before + step
        servicesWithMoved[Int(before)] -= 1
        servicesWithMoved[Int(after)] += 1
        movedPerService[s] = after
        if after > maximumMoved { maximumMoved = after }
        while maximumMoved > 0 && servicesWithMoved[Int(maximumMoved)] == 0 { maximumMoved -= 1 }
    }

    // MARK: swap

    /// Exchanges the machines of p1 and p2 when that stays feasible and `accept` approves the cost
    /// change; returns the change, or nil when infeasible or rejected (the state is then as before).
    /// The delta is computed without touching the state; only for services linked by a
    /// dependency is the swap applied to check it (and undone when it fails).
    public func trySwap(_ p1: Int, _ p2: Int, accept: (Int64) -> Bool) -> Int64? {
        let m1 = Int(assignment[p1]), m2 = Int(assignment[p2])
        if m1 == m2 || !swapFitsCapacity(outgoing: p2, incoming: p1, on: m2) || !swapFitsCapacity(outgoing: p1, incoming: p2, on: m1) { return nil }
        let s1 = Int(model.service[p1]), s2 = Int(model.service[p2])
        let linked = s1 != s2 && (model.dependencies[s1].contains(Int32(s2)) || model.dependencies[s2].contains(Int32(s1)))
        if s1 != s2 {
            if hasProcess(of: s1, on: m2, except: p1) || hasProcess(of: s2, on: m1, except: p2) { return nil }
            if !keepsSpread(s1, from: m1, to: m2) || !keepsSpread(s2, from: m2, to: m1) { return nil }
            if !linked && (!keepsDependencies(s1, from: m1, to: m2) || !keepsDependencies(s2, from: m2, to: m1)) { return nil }
        }
        let delta = swapDelta(p1, p2, m1, m2, s1, s2)
        if linked {
            apply(shift: p1, to: m2)
            apply(shift: p2, to: m1)
            let neighborhoods = [Int(model.neighborhood[m1]), Int(model.neighborhood[m2])]
            if !(serviceConstraintsHold(s1, neighborhoods: neighborhoods) && serviceConstraintsHold(s2, neighborhoods: neighborhoods)) || !accept(delta) {
                apply(shift: p2, to: m2)
                apply(shift: p1, to: m1)
                return nil
            }
            return delta
        }
        if !accept(delta) { return nil }
        apply(shift: p1, to: m2)
        apply(shift: p2, to: m1)
        return delta
    }

    /// The process of machine m whose swap with p is feasible with the lowest cost change (ties
    /// to the first in m's list) and that change, or nil when no swap with m's processes is
    /// feasible; the state is left as it was.
    /// - Complexity: O(|m's processes|·(R + B + |service|)).
    public func bestSwap(_ p: Int, withProcessesOn m: Int) -> (Int, Int64)? {
        var best: (Int, Int64)? = nil
        for q in processesOn[m] {
            _ = trySwap(p, Int(q)) { delta in
                if best.map({ delta < $0.1 }) ?? true { best = (Int(q), delta) }
                return false
            }
        }
        return best
    }

    /// Cost change of exchanging p1 (on m1) and p2 (on m2), every term.
    private func swapDelta(_ p1: Int, _ p2: Int, _ m1: Int, _ m2: Int, _ s1: Int, _ s2: Int) -> Int64 {
        var delta = machineDelta(m1, removing: p1, adding: p2) + machineDelta(m2, removing: p2, adding: p1)
        let h1 = Int(initial[p1]), h2 = Int(initial[p2])
        delta += model.weightMachineMove * (model.machineMoveCost(from: h1, to: m2) - model.machineMoveCost(from: h1, to: m1)
            + model.machineMoveCost(from: h2, to: m1) - model.machineMoveCost(from: h2, to: m2))
        let d1: Int32 = h1 == m1 ? 1 : (h1 == m2 ? -1 : 0), d2: Int32 = h2 == m2 ? 1 : (h2 == m1 ? -1 : 0)
        delta += model.weightProcessMove * (Int64(d1) * model.processMoveCost[p1] + Int64(d2) * model.processMoveCost[p2])
        if d1 != 0 || d2 != 0 {
            // The service-move maximum after both changes: apply them to the buckets and undo.
            let before = maximumMoved
            if d1 != 0 { changeMoved(s1, by: d1) }
            if d2 != 0 { changeMoved(s2, by: d2) }
            let after = maximumMoved
            if d2 != 0 { changeMoved(s2, by: -d2) }
            if d1 != 0 { changeMoved(s1, by: -d1) }
            delta += model.weightServiceMove * Int64(after - before)
        }
        return delta
    }

    /// Whether `incoming` can replace `outgoing` (which is on m) on machine m, transient usage
    /// included.
    @inline(__always)
    private func swapFitsCapacity(outgoing: Int, incoming: Int, on m: Int) -> Bool {
        let incomingHome = Int(initial[incoming]) == m, outgoingHome = Int(initial[outgoing]) == m
        for r in 0..<R {
            let cap = model.capacity(m, r)
            let normal = usage[m &* R &+ r] - model.requirement(outgoing, r) + model.requirement(incoming, r)
            if normal > cap { return false }
            if model.transient[r] {
                var used = transientUsage[m &* R &+ r]
                if !incomingHome { used += model.requirement(incoming, r) }
                if !outgoingHome { used -= model.requirement(outgoing, r) }
                if used > cap { return false }
            }
        }
        return true
    }

    /// Spread of s and dependencies of s (both directions) in the given neighbourhoods.
    func serviceConstraintsHold(_ s: Int, neighborhoods: [Int]) -> Bool {
        if distinctLocations[s] < model.spreadMin[s] { return false }
        for n in neighborhoods {
            if neighborhoodCount[s * N + n] > 0 {
                for d in model.dependencies[s] where neighborhoodCount[Int(d) * N + n] == 0 { return false }
            } else {
                for t in dependents[s] where neighborhoodCount[Int(t) * N + n] > 0 { return false }
            }
        }
        return true
    }
}
