import Dispatch
import PlacementModel

/// The portfolio's last stage for the goals that start from a running placement (consolidate,
/// balance, hotspot): the best distinct answers of members that ignore the current placement
/// (the packing heuristics) are improved by the reassignment engine (``ReassignmentSearch``),
/// in parallel; the best improvement replaces the winner when its objective is lower (the goal
/// members are improved by the engine already).
/// - Complexity: `starts` engine runs (see ``ReassignmentSearch``), divided by the cores used.
enum PortfolioReassignment {
    static func improve(_ instance: Instance, goal: Goal, options: SolveOptions, winner: Placement,
                        ranked: [(placement: Placement, name: String)], goalMembers: Set<String>, starts: Int = 2)
        -> (placement: Placement, from: String)? {
        var chosen: [(placement: Placement, name: String)] = []
        for entry in ranked where !goalMembers.contains(entry.name) && !chosen.contains(where: { $0.placement == entry.placement }) {
            chosen.append(entry)
            if chosen.count == starts { break }
        }
        guard !chosen.isEmpty else { return nil }
        let startPlacements = chosen.map(\.placement)
        let box = SlotBox<Placement>(count: chosen.count)
        let limits = ReassignmentSearch.Limits.standard(vmCount: instance.vms.count, seconds: options.timeLimit)
        DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
            box.set(i, ReassignmentSearch.improve(instance, goal: goal, from: startPlacements[i], limits: limits,
                                                  migrationBudget: options.migrationBudget, seed: options.seed).placement)
        }
        var best: (placement: Placement, from: String, objective: Double)? = nil
        let threshold = goal == .hotspot
        for (i, slot) in box.values.enumerated() {
            guard let placement = slot, !placement.hostOfVM.contains(where: { $0 == nil }),
                  PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: threshold)).isEmpty,
                  options.migrationBudget.map({ instance.voluntaryMigrationCount(placement) <= $0 }) ?? true else { continue }
            let objective = instance.objective(of: placement, goal: goal)
            if best == nil || objective < best!.objective { best = (placement, chosen[i].name, objective) }
        }
        guard let best else { return nil }
        let current = instance.objective(of: winner, goal: goal)
        return best.objective < current - 1e-9 * max(1, abs(current)) ? (best.placement, best.from) : nil
    }
}
