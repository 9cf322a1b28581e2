import PlacementModel

/// Load balancing from the current placement (`balance-greedy`): repeatedly take the host of
/// highest utilisation (max over dimensions of load / capacity) and make the single move of one
/// of its VMs that most lowers the larger of the two hosts' utilisations after the move — strictly
/// below the hot host's — ties by lower migration cost (``Instance/migrationCost(vm:to:)``), VM
/// index, host index. Stops when no move improves or the migration budget
/// (`SolveOptions.migrationBudget`) is spent: it caps the voluntary migrations, VMs that could
/// have stayed on their current host; forced ones (``PlacementModel/ForcedMigrations``: off a
/// host in maintenance or a broken rule, made first) are exempt and reported. Every step
/// lowers the hot host and keeps the receiver below it, so the maximum never rises and the
/// spread max − min shrinks; receivers stay at or under their overload thresholds.
///
/// Survey: Mishra et al. (IEEE Comm. Mag. 2012), "load balancing"; the greedy max-to-min move of
/// VectorDot (Singh et al., SC'08) and Sandpiper (Wood et al., NSDI'07).
///
/// - Complexity: O(s·v·m·d) for s steps (at most 4n), v VMs on the hot host, m hosts.
public struct LoadBalancing: PlacementMethod, EngineFinished {
    /// Work limits of the reassignment engine that improves the construction (nil: the standard ones).
    public var engineLimits: ReassignmentSearch.Limits? = nil
    public init() {}
    public var name: String { "balance-greedy" }
    public var summary: String { "move VMs off the most utilised host to where the pair's peak utilisation drops most" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012; Singh et al., SC 2008" }
    public var goals: Set<Goal> { [.balance] }
    public var workGrowth: WorkGrowth { .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let context = PolicyContext(seed: options.seed)
        var (state, repairNotes) = GoalSupport.repairedStart(instance)
        let budget = GoalSupport.Budget(instance, options)
        let failed = GoalSupport.placeNewcomers(&state, destination: WorstFitDestination(), context: context, budget: budget)
        let usable = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        func peak(_ u: [Double]) -> Double { u.max() ?? 0 }
        var steps = 0
        var voluntary = budget.voluntary(state)
        var notes: [String] = repairNotes
        while steps < 4 * max(instance.vms.count, 1) {
            steps += 1
            var hot: Int? = nil
            var hotPeak = -1.0
            for h in usable where state.vmCount[h] > 0 {
                let p = peak(state.utilisation(host: h))
                if p > hotPeak { hot = h; hotPeak = p }
            }
            guard let source = hot else { break }
            var best: (value: Double, cost: Double, vm: Int, host: Int)? = nil
            for vm in state.vms(on: source) where !instance.vms[vm].pinned {
                state.remove(vm: vm)
                let sourcePeak = peak(state.utilisation(host: source))
                for h in usable where h != source && state.canPlaceUnderThreshold(vm: vm, on: h) {
                    if !budget.allows(voluntary + budget.change(moving: vm, from: source, to: h, in: instance)) { continue }
                    let value = max(sourcePeak, peak(state.utilisation(host: h, adding: vm)))
                    guard value < hotPeak - 1e-12 else { continue }
                    let cost = instance.migrationCost(vm: vm, to: h)
                    if let b = best, (b.value, b.cost, b.vm, b.host) <= (value, cost, vm, h) { continue }
                    best = (value, cost, vm, h)
                }
                state.place(vm: vm, on: source)
            }
            guard let move = best else { break }
            state.remove(vm: move.vm)
            state.place(vm: move.vm, on: move.host)
            voluntary = budget.voluntary(state)
        }
        if let limit = budget.limit, voluntary >= limit { notes.append("migration budget \(limit) spent") }
        let used = usable.filter { state.vmCount[$0] > 0 }.map { peak(state.utilisation(host: $0)) }
        if let high = used.max(), let low = used.min() {
            notes.append("utilisation spread \(formatNumber((high - low) * 1000) ) ‰ (max \(formatNumber((high * 1000).rounded())) ‰) after \(budget.note(state))")
        }
        let construction = PackingSupport.result(state, unplacedUnits: failed, method: name, goal: goal, notes: notes)
        return GoalFinish.finish(construction, instance, goal: goal, options: options, limits: engineLimits,
                                 receiversUnderThreshold: true)
    }
}
