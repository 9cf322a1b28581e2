import PlacementModel

/// Hotspot mitigation from the current placement, Sandpiper style: hosts above their overload
/// threshold in some dimension, in decreasing volume order; from each, VMs leave in the order of
/// a selection policy (Sandpiper: highest volume-to-size ratio first, most relief per MiB copied)
/// to a destination chosen by a destination policy (Sandpiper: the least loaded host by volume)
/// among hosts where they stay under the thresholds, until the host is under its threshold.
/// When no single move is possible, a swap with a smaller VM of another host is tried (the other
/// host stays under its thresholds, the hot host's excess strictly falls). With `cheapestFirst`,
/// a VM whose move alone relieves the host is preferred, the one of least
/// ``Instance/migrationCost(vm:to:)`` (minimising migration cost). The migration budget
/// (`SolveOptions.migrationBudget`) caps the voluntary migrations, as in every goal method: a
/// move or swap that would exceed it is not made (forced migrations — off hosts in maintenance,
/// broken rules — are exempt). Hosts that cannot be relieved are named in `notes` with the
/// reason (no possible move, or the budget spent) and the status is `infeasible`.
///
/// Names: `sandpiper` (vsr, least-volume), `hotspot-mincost` (cheapest single relieving move,
/// else vsr), `hotspot-mmt` (least memory first), `hotspot-vector` (Mishra & Sahoo vector).
///
/// Wood, Shenoy, Venkataramani, Yousif, "Black-box and Gray-box Strategies for Virtual Machine
/// Migration" (Sandpiper, NSDI'07); Mishra et al. (IEEE Comm. Mag. 2012), "hotspot mitigation".
///
/// - Complexity: O(s·(n + v·m·d)) for s moves, plus O(v·n·d) per swap search.
public struct HotspotMitigation: PlacementMethod, EngineFinished {
    public let methodName: String
    public let selection: any VMSelectionPolicy
    public let destination: any DestinationPolicy
    public let cheapestFirst: Bool
    /// Work limits of the reassignment engine that improves the construction (nil: the standard ones).
    public var engineLimits: ReassignmentSearch.Limits? = nil

    public init(name: String, selection: any VMSelectionPolicy, destination: any DestinationPolicy, cheapestFirst: Bool = false) {
        methodName = name
        self.selection = selection
        self.destination = destination
        self.cheapestFirst = cheapestFirst
    }

    public var name: String { methodName }
    public var summary: String { "relieve hosts above their threshold (which: \(selection.name)\(cheapestFirst ? ", cheapest relieving move first" : ""), where: \(destination.name)), swaps as a last resort" }
    public var citation: String { "Wood et al., Sandpiper, NSDI 2007; Mishra et al., IEEE Comm. Mag. 2012" }
    public var goals: Set<Goal> { [.hotspot] }
    public var workGrowth: WorkGrowth { .quadratic }

    /// Σ over dimensions of the normalised load above the threshold.
    static func excess(_ state: PackingState, _ host: Int) -> Double {
        let instance = state.instance
        var total = 0.0
        for (k, u) in state.utilisation(host: host).enumerated() {
            total += max(0, u - instance.overloadThreshold(host: host, dimension: k))
        }
        return total
    }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let context = PolicyContext(seed: options.seed)
        var (state, repairNotes) = GoalSupport.repairedStart(instance, capacity: false)
        let budget = GoalSupport.Budget(instance, options)
        let usable = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        var hot = usable.filter { state.isOverloaded(host: $0) }
        let volume = Dictionary(uniqueKeysWithValues: hot.map { ($0, SizeMeasure.volume(state.utilisation(host: $0))) })
        hot.sort { volume[$0]! != volume[$1]! ? volume[$0]! > volume[$1]! : $0 < $1 }
        var notes: [String] = repairNotes
        lazy var unavoidable = UnavoidableHotSpots(instance)
        var relieved = 0
        var guardSteps = 0
        for source in hot {
            var blockedByBudget = false
            while state.isOverloaded(host: source), guardSteps < 4 * max(instance.vms.count, 1) {
                guardSteps += 1
                // Voluntary migrations so far (counted once per step: the state changes only by
                // the step's own move or swap).
                let voluntary = budget.limit == nil ? 0 : budget.voluntary(state)
                /// Whether moving `vm` from the hot host to `target` keeps the budget.
                func affordable(_ vm: Int, to target: Int) -> Bool {
                    if budget.allows(voluntary + budget.change(moving: vm, from: source, to: target, in: instance)) { return true }
                    blockedByBudget = true
                    return false
                }
                let order = selection.order(vmsOn: source, state: state, context: context).filter { !instance.vms[$0].pinned }
                func receivers(for vm: Int) -> [Int] {
                    usable.filter { $0 != source && !state.isOverloaded(host: $0) && state.canPlaceUnderThreshold(vm: vm, on: $0) }
                }
                var done = false
                if cheapestFirst {
                    var best: (cost: Double, vm: Int, host: Int)? = nil
                    for vm in order {
                        state.remove(vm: vm)
                        let relieves = !state.isOverloaded(host: source)
                        state.place(vm: vm, on: source)
                        guard relieves, let h = destination.destination(for: vm, candidates: receivers(for: vm), state: state, context: context),
                              affordable(vm, to: h) else { continue }
                        let cost = instance.migrationCost(vm: vm, to: h)
                        if best == nil || (cost, vm) < (best!.cost, best!.vm) { best = (cost, vm, h) }
                    }
                    if let b = best { state.remove(vm: b.vm); state.place(vm: b.vm, on: b.host); done = true }
                }
                if !done {
                    for vm in order {
                        if let h = destination.destination(for: vm, candidates: receivers(for: vm), state: state, context: context),
                           affordable(vm, to: h) {
                            state.remove(vm: vm)
                            state.place(vm: vm, on: h)
                            done = true
                            break
                        }
                    }
                }
                if !done {
                    let (swapped, blocked) = swap(from: source, order: order, usable: usable, state: &state,
                                                  budget: budget, voluntary: voluntary)
                    done = swapped
                    if blocked { blockedByBudget = true }
                }
                if !done { break }
            }
            if state.isOverloaded(host: source) {
                let why = HotSpotNote.reason(vms: state.vms(on: source), instance, unavoidable: unavoidable,
                                             otherwise: blockedByBudget ? .budgetSpent(limit: budget.limit ?? 0) : reason(source, state))
                notes.append(HotSpotNote.note(instance, host: source, reason: why, loads: state.loads(host: source)))
            } else { relieved += 1 }
        }
        // VMs without a current host are placed last, under the thresholds, where they create no hot spot.
        let failed = GoalSupport.placeNewcomers(&state, destination: destination, context: context, budget: budget)
        notes.insert("\(relieved) of \(hot.count) hot spot(s) relieved with \(budget.note(state))", at: 0)
        var result = PackingSupport.result(state, unplacedUnits: failed, method: name, goal: goal, notes: notes)
        if relieved < hot.count { result.status = .infeasible }
        return GoalFinish.finish(result, instance, goal: goal, options: options, limits: engineLimits)
    }

    /// Swaps a VM of the hot host with one of another host when both end feasible, the other
    /// host under its thresholds and the hot host's excess strictly lower.
    /// `voluntary`: the voluntary migrations of `state` (a swap adds its two moves' change); the
    /// second value says whether the budget turned a swap down.
    func swap(from source: Int, order: [Int], usable: [Int], state: inout PackingState,
              budget: GoalSupport.Budget, voluntary: Int) -> (swapped: Bool, blockedByBudget: Bool) {
        let instance = state.instance
        let before = HotspotMitigation.excess(state, source)
        var blocked = false
        for vm in order {
            for g in usable where g != source && !state.isOverloaded(host: g) {
                for w in state.vms(on: g) where !instance.vms[w].pinned {
                    state.remove(vm: vm)
                    state.remove(vm: w)
                    if state.canPlaceUnderThreshold(vm: vm, on: g) {
                        state.place(vm: vm, on: g)
                        if state.canPlace(vm: w, on: source) {
                            state.place(vm: w, on: source)
                            if HotspotMitigation.excess(state, source) < before - 1e-12 {
                                let change = budget.change(moving: vm, from: source, to: g, in: instance)
                                    + budget.change(moving: w, from: g, to: source, in: instance)
                                if budget.allows(voluntary + change) { return (true, blocked) }
                                blocked = true
                            }
                            state.remove(vm: w)
                        }
                        state.remove(vm: vm)
                    }
                    state.place(vm: vm, on: source)
                    state.place(vm: w, on: g)
                }
            }
        }
        return (false, blocked)
    }

    func reason(_ host: Int, _ state: PackingState) -> HotSpotNote.Reason {
        state.vms(on: host).allSatisfy({ state.instance.vms[$0].pinned }) ? .allPinned : .noRelievingMove
    }
}
