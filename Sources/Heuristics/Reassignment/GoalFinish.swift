import PlacementModel

/// How every goal method ends (``ReassignmentSearch`` applied to its construction): the
/// construction's placement is improved by the reassignment engine, and the result is compared
/// with the (repaired) current placement by the objective — staying put is always a candidate,
/// so no goal method returns a placement worse than the current one. Status: `infeasible` when
/// VMs stay unplaced or (hotspot) a host stays above its overload threshold, else `feasible`.
enum GoalFinish {
    /// - Complexity: the engine's (``ReassignmentSearch``) plus O(n·d) to score the candidates.
    /// `receiversUnderThreshold`: the method promises that no host receiving a migrated VM ends
    /// above its overload thresholds; the engine and the choice keep the promise.
    static func finish(_ construction: SolveResult, _ instance: Instance, goal: Goal, options: SolveOptions,
                       improve: Bool = true, limits: ReassignmentSearch.Limits? = nil,
                       receiversUnderThreshold: Bool = false) -> SolveResult {
        let budget = options.migrationBudget
        let keep = receiversUnderThreshold
        let model = ReassignmentModel(instance, goal: goal, migrationBudget: budget, receiversUnderThreshold: keep)
        let stay = ReassignmentSearch.repairedCurrent(model)
        var candidates: [(placement: Placement, label: String)] = [(stay, "the current placement (repaired)")]
        var evaluations = 0
        if let start = construction.placement {
            if improve {
                let improved = ReassignmentSearch.improve(model, from: start,
                                                          limits: limits ?? .standard(vmCount: instance.vms.count, seconds: options.timeLimit),
                                                          seed: options.seed)
                evaluations = improved.evaluations
                candidates.insert((improved.placement, "the construction improved by the reassignment engine"), at: 0)
            } else {
                candidates.insert((start, "the construction"), at: 0)
            }
        }
        let scored = candidates.map { (ReassignmentState(model, placement: $0.placement).score, $0) }
        let best = scored.min { $0.0 < $1.0 }!
        var result = construction
        result.placement = best.1.placement
        result.objective = instance.objective(of: best.1.placement, goal: goal)
        result.unplaced = best.1.placement.hostOfVM.indices.filter { best.1.placement[$0] == nil }
            .map { UnplacedVM(vm: $0, reason: "no host has room for it under the rules") }
        let broken = best.0.unplaced > 0 || best.0.violations > 0 || (goal == .hotspot && best.0.excess > 1e-9)
        result.status = broken ? .infeasible : .feasible
        let before = construction.placement.map { instance.objective(of: $0, goal: goal) }
        var note = "kept \(best.1.label), objective \(formatNumber(result.objective!))"
        if let before { note += " (construction \(formatNumber(before))" + (improve ? ", \(evaluations) moves evaluated)" : ")") }
        result.notes.append(note)
        if goal == .hotspot { result.notes += hotSpotNotes(best.1.placement, instance, budget: budget, besides: result.notes) }
        return result
    }

    /// One note for each host of `placement` left above its overload thresholds that `notes`
    /// do not name yet, with the reason: its VMs are pinned, the migration budget is spent, or
    /// no move the search tried relieves it (with the utilisation above the threshold).
    /// - Complexity: O(n·d + m·d).
    static func hotSpotNotes(_ placement: Placement, _ instance: Instance, budget: Int?, besides notes: [String]) -> [String] {
        let loads = instance.hostLoads(placement)
        var vmsOn = Array(repeating: [Int](), count: instance.hosts.count)
        for (vm, host) in placement.hostOfVM.enumerated() { if let host { vmsOn[host].append(vm) } }
        let spent = budget.map { instance.voluntaryMigrationCount(placement) >= $0 } ?? false
        var out: [String] = []
        lazy var unavoidable = UnavoidableHotSpots(instance)
        for h in instance.hosts.indices {
            let prefix = HotSpotNote.prefix(instance, host: h)
            guard !instance.dimensionsAboveOverloadThreshold(host: h, loads: loads[h].values).isEmpty,
                  !notes.contains(where: { $0.hasPrefix(prefix) }) else { continue }
            let why = HotSpotNote.reason(vms: vmsOn[h], instance, unavoidable: unavoidable,
                                         otherwise: vmsOn[h].allSatisfy({ instance.vms[$0].pinned }) ? .allPinned
                                             : spent ? .budgetSpent(limit: budget ?? 0) : .noRelievingMove)
            out.append(HotSpotNote.note(instance, host: h, reason: why, loads: loads[h].values))
        }
        return out
    }
}
