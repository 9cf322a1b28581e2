import PlacementModel

/// How every goal method ends (``ReassignmentSearch`` applied to its construction): the
/// construction's placement is improved by the reassignment engine, and the result is compared
/// with the (repaired) current placement by the objective — staying put is always a candidate,
/// so no goal method returns a placement worse than the current one. Status: `infeasible` when
/// VMs stay unplaced or (hotspot) a host stays above its overload threshold, else `feasible`.
enum GoalFinish {
    /// - Complexity: the engine's (``ReassignmentSearch``) plus O(n·d) to score the candidates.
    static func finish(_ construction: SolveResult, _ instance: Instance, goal: Goal, options: SolveOptions,
                       improve: Bool = true, limits: ReassignmentSearch.Limits? = nil) -> SolveResult {
        let budget = options.migrationBudget
        let model = ReassignmentModel(instance, goal: goal, migrationBudget: budget)
        let stay = ReassignmentSearch.repairedCurrent(instance, goal: goal, migrationBudget: budget)
        var candidates: [(placement: Placement, label: String)] = [(stay, "the current placement (repaired)")]
        var evaluations = 0
        if let start = construction.placement {
            if improve {
                let improved = ReassignmentSearch.improve(instance, goal: goal, from: start,
                                                          limits: limits ?? .standard(vmCount: instance.vms.count, seconds: options.timeLimit),
                                                          migrationBudget: budget, seed: options.seed)
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
        return result
    }
}
