import Dispatch
import Foundation
import PlacementModel

/// Portfolio (`portfolio`): runs every member method that handles the goal (in parallel,
/// results stored by member index so thread timing cannot change the outcome), discards any
/// result the independent ``PlacementChecker`` rejects, and keeps the best by: fewest unplaced
/// VMs, goal met (status not infeasible), within the migration budget, lowest
/// ``Instance/objective(of:goal:)``, fewest migrations, then name order. For place and consolidate
/// the best `improvedCandidates` distinct packings are then improved by ``HostElimination``
/// (work limit `eliminationWork`), the best `reinsertionCandidates` of them further by
/// ``DominanceReinsertion`` (work limit `reinsertionWork` per VM), the best
/// `perturbationCandidates` of them finally by ``RuinAndRecreate`` (min(1000,
/// `perturbationBudget` / n) iterations, `perturbationWork` per VM in each inner reinsertion),
/// in parallel; the best improvement is kept only when the objective falls and the checker
/// accepts it. ``HostLowerBound`` is computed alongside the members: when the winner's objective
/// is already the least any packing can have (bound × cheapest host cost, with non-negative
/// weights), the local searches are skipped, and each of them stops once its packing meets the
/// bound. Every budget counts work, never time: the result does not depend on the machine, its
/// load or the thread count. `notes` say which member won and what the improvement did.
/// On instances of more than `largeInstanceVMs` VMs the members whose work grows quadratically
/// (``PlacementModel/WorkGrowth/quadratic``: bin-centric, best and worst fit, pair matching,
/// multi-bin, the goal constructions) are left out, and a note says so: at 5 000 VMs each takes
/// seconds, at 50 000 minutes, while the reassignment engine (``ReassignmentSearch``) from the
/// current placement and the first-fit packings stay near-linear; for the goals of a running
/// cluster the packings are then not improved further (the engine already ran inside `reassign`
/// and the goal members, and a from-scratch packing moves nearly every VM).
///
/// Algorithm portfolios: Rice (1976); Huberman, Lukose, Hogg (Science, 1997).
///
/// - Complexity: Σ of the members' complexities and O(n·d) checks (divided by the cores used),
///   the bound (see ``HostLowerBound``), plus the bounded local searches: ≤ `eliminationWork` fit
///   tests per start, ≤ `reinsertionWork`·n pair tests per start and ≤ iterations·(`perturbationWork`·n
///   + O(n·d)) per perturbed start.
public struct Portfolio: PlacementMethod {
    let members: [any PlacementMethod]
    /// Whether the winner of a packing goal (place, consolidate) is improved by ``HostElimination``.
    public let improves: Bool
    /// How many of the best distinct packings host elimination starts from.
    public let improvedCandidates: Int
    /// How many of those (the best ranked first) are then improved by ``DominanceReinsertion``.
    public let reinsertionCandidates: Int
    /// Work limit of each ``DominanceReinsertion`` run, per VM (pair tests and fit checks).
    public let reinsertionWork: Int
    /// How many of those (the best ranked first) are then perturbed by ``RuinAndRecreate``.
    public let perturbationCandidates: Int
    /// Iterations of each ``RuinAndRecreate`` run (nil: from `perturbationBudget`).
    public let perturbationIterations: Int?
    /// Work limit per VM of the ``DominanceReinsertion`` run inside each ruin-and-recreate iteration.
    public let perturbationWork: Int
    /// Targets (least loaded hosts) each ``DominanceReinsertion`` run tries to free.
    public let reinsertionTargets: Int
    /// Work limit (fit tests) of each ``HostElimination`` run; 0 skips host elimination.
    public let eliminationWork: Int
    /// Iterations of each ruin-and-recreate run when `perturbationIterations` is nil:
    /// min(1000, perturbationBudget / n), about the same work on every size.
    public let perturbationBudget: Int
    /// VMs above which the quadratic members are left out.
    public let largeInstanceVMs: Int
    public init(members: [any PlacementMethod], improves: Bool = true, improvedCandidates: Int = 6,
                reinsertionCandidates: Int = 6, reinsertionWork: Int = 1000, perturbationCandidates: Int = 2, perturbationIterations: Int? = nil,
                perturbationWork: Int = 10, perturbationBudget: Int = 20_000, eliminationWork: Int = 500_000,
                reinsertionTargets: Int = 16, largeInstanceVMs: Int = 2000) {
        self.largeInstanceVMs = largeInstanceVMs
        self.reinsertionTargets = reinsertionTargets
        self.eliminationWork = eliminationWork
        self.perturbationBudget = perturbationBudget
        self.perturbationCandidates = perturbationCandidates
        self.perturbationIterations = perturbationIterations
        self.perturbationWork = perturbationWork
        self.members = members
        self.improves = improves
        self.improvedCandidates = improvedCandidates
        self.reinsertionCandidates = reinsertionCandidates
        self.reinsertionWork = reinsertionWork
    }
    public var name: String { "portfolio" }
    public var summary: String { "every applicable heuristic, best result by the objective" }
    public var citation: String { "Rice 1976; Huberman, Lukose, Hogg, Science 1997" }
    public var goals: Set<Goal> { Set(Goal.allCases) }

    /// Members that handle `goal`, in catalogue order.
    public func members(for goal: Goal) -> [any PlacementMethod] { members.filter { $0.goals.contains(goal) } }

    /// Members that handle `goal` on `instance`: on more than `largeInstanceVMs` VMs without the
    /// quadratic ones (their names in the second value).
    public func members(for goal: Goal, on instance: Instance) -> (run: [any PlacementMethod], leftOut: [String]) {
        let all = members(for: goal)
        guard instance.vms.count > largeInstanceVMs else { return (all, []) }
        let run = all.filter { $0.workGrowth != .quadratic }
        return run.isEmpty ? (all, []) : (run, all.filter { $0.workGrowth == .quadratic }.map(\.name))
    }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let (applicable, leftOut) = members(for: goal, on: instance)
        guard !applicable.isEmpty else {
            return SolveResult(status: .error, placement: nil, method: name, goal: goal, notes: ["no heuristic handles goal \(goal.rawValue)"])
        }
        let wantsBound = improves && (goal == .place || goal == .consolidate)
        let (ranked, notes, hostBound) = runMembers(applicable, on: instance, goal: goal, options: options, withBound: wantsBound)
        guard let best = ranked.min(by: { $0.key < $1.key }) else {
            return SolveResult(status: .error, placement: nil, method: name, goal: goal, notes: notes + ["every member failed"])
        }
        var result = best.result
        var improvement: String? = nil
        // On large instances of the running-cluster goals the engine has run inside the members
        // already; improving from-scratch packings (every VM moved) would take minutes for nothing.
        let large = instance.vms.count > largeInstanceVMs
        let bound = best.key.unplaced == 0 ? hostBound : 0
        let objectiveBound = Self.objectiveBound(instance, hosts: bound)
        if bound > 0, best.key.objective <= objectiveBound + 1e-9 * max(1, abs(objectiveBound)) {
            improvement = "\(best.key.name)'s packing meets the lower bound of \(bound) host(s): no local search needed"
        } else if improves, goal == .place || (goal == .consolidate && !large), best.key.unplaced == 0,
                  let b = improvePackings(ranked, best: best.key, instance: instance, goal: goal, options: options, bound: bound) {
            result.placement = b.placement
            result.objective = b.objective
            improvement = "host elimination, reinsertion and ruin-and-recreate freed \(b.emptied) host(s) of \(b.name)'s packing (objective \(formatNumber(b.objective)))"
        }
        if goal != .place, !large, best.key.unplaced == 0, best.key.failed == 0, let winner = result.placement {
            let order = ranked.sorted { $0.key < $1.key }.compactMap { entry in entry.result.placement.map { ($0, entry.key.name) } }
            let goalMembers = Set(HeuristicCatalogue.goalMethods.map(\.name))
            if let better = PortfolioReassignment.improve(instance, goal: goal, options: options, winner: winner,
                                                          ranked: order, goalMembers: goalMembers) {
                result.placement = better.placement
                result.objective = instance.objective(of: better.placement, goal: goal)
                improvement = (improvement.map { $0 + "; " } ?? "") + "the reassignment engine improved \(better.from)'s answer to objective \(formatNumber(result.objective!))"
            }
        }
        certify(&result, instance: instance, goal: goal, winner: best.key, hostBound: bound, objectiveBound: objectiveBound)
        result.notes = summaryNotes(ranked, best: best, improvement: improvement, notes: notes)
        if !leftOut.isEmpty {
            result.notes.append("\(instance.vms.count) VMs > \(largeInstanceVMs): the quadratic members left out (\(leftOut.joined(separator: ", ")))"
                                + (goal == .place ? "" : "; the packings not improved further (the engine ran inside the goal members)"))
        }
        result.method = name
        result.statistics["members"] = Double(ranked.count)
        return result
    }

    /// A member's checked answer, its rank and the hosts it uses.
    typealias RankedAnswer = (key: RankKey, result: SolveResult, hosts: Int)

    /// Runs, checks and ranks every member in parallel (results stored by member index, so thread
    /// timing cannot change the outcome); one more worker computes ``HostLowerBound`` when asked.
    /// Returns the ranked answers in member order, the notes of discarded ones, and the bound (0
    /// when not computed).
    func runMembers(_ applicable: [any PlacementMethod], on instance: Instance, goal: Goal, options: SolveOptions,
                    withBound: Bool) -> (ranked: [RankedAnswer], notes: [String], hostBound: Int) {
        let box = SlotBox<Evaluation>(count: applicable.count)
        let boundBox = SlotBox<Int>(count: 1)
        DispatchQueue.concurrentPerform(iterations: applicable.count + (withBound ? 1 : 0)) { i in
            guard i < applicable.count else { boundBox.set(0, HostLowerBound.hosts(instance)); return }
            box.set(i, Self.evaluate(applicable[i], on: instance, goal: goal, options: options))
        }
        var ranked: [RankedAnswer] = []
        var notes: [String] = []
        for outcome in box.values {
            switch outcome {
            case .ranked(let key, let result, let hosts)?: ranked.append((key, result, hosts))
            case .discarded(let note)?: notes.append(note)
            case .none?, nil: continue
            }
        }
        return (ranked, notes, boundBox.values[0] ?? 0)
    }

    /// One member's answer, checked by ``PlacementChecker`` and ranked (or why it was discarded).
    static func evaluate(_ method: any PlacementMethod, on instance: Instance, goal: Goal, options: SolveOptions) -> Evaluation {
        do {
            let result = try method.solve(instance, goal: goal, options: options)
            guard let placement = result.placement else { return .none }
            let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true))
            if let first = violations.first { return .discarded("\(method.name) discarded: \(first)") }
            let migrations = instance.migrationCount(placement)
            // The budget caps voluntary migrations; forced ones are exempt (``Instance/forcedMigrations``).
            let over = options.migrationBudget.map { instance.voluntaryMigrationCount(placement) > $0 } ?? false
            let hot = goal == .hotspot && result.status == .infeasible ? instance.hostsAboveOverloadThresholds(placement).count : 0
            let key = RankKey(unplaced: result.unplaced.count, failed: result.status == .infeasible ? 1 : 0,
                              hotHosts: hot, overBudget: over ? 1 : 0, objective: instance.objective(of: placement, goal: goal),
                              migrations: migrations, name: method.name)
            return .ranked(key, result, placement.usedHosts.count)
        } catch {
            return .discarded("\(method.name) failed: \(error)")
        }
    }

    /// The least objective of any complete packing with `hosts` hosts or more: with non-negative
    /// weights and costs, weights.hosts · hosts · cheapest open cost (−∞ otherwise).
    static func objectiveBound(_ instance: Instance, hosts: Int) -> Double {
        let weights = instance.weights
        let nonNegative = [weights.hosts, weights.migration, weights.traffic, weights.balance].allSatisfy { $0 >= 0 }
            && instance.hosts.allSatisfy({ $0.openCost >= 0 })
        return nonNegative ? weights.hosts * Double(hosts) * (instance.hosts.map(\.openCost).min() ?? 0) : -Double.infinity
    }

    /// Improves the best few packings (by rank, distinct placements) by host elimination, then the
    /// best of those by reinsertion and ruin-and-recreate, in parallel; each stage stops at the
    /// lower bound, and the later stages are skipped once it is met. Returns the best improvement
    /// when it lowers the winner's objective and the checker accepts it.
    func improvePackings(_ ranked: [RankedAnswer], best: RankKey, instance: Instance, goal: Goal, options: SolveOptions,
                         bound: Int) -> (objective: Double, name: String, placement: Placement, emptied: Int)? {
        let sorted = ranked.sorted { $0.key < $1.key }
        var starts: [(key: RankKey, placement: Placement, hosts: Int)] = []
        for entry in sorted where entry.key.unplaced == 0 && entry.key.failed == 0 {
            guard let placement = entry.result.placement, !starts.contains(where: { $0.placement == placement }) else { continue }
            starts.append((entry.key, placement, entry.hosts))
            if starts.count == improvedCandidates { break }
        }
        let improved = PlacementBox(count: starts.count)
        let startPlacements = starts.map(\.placement)
        let startHostCounts = starts.map(\.hosts)
        DispatchQueue.concurrentPerform(iterations: startPlacements.count) { i in
            improved.set(i, improveStart(startPlacements[i], rank: i, hosts: startHostCounts[i], instance: instance, bound: bound))
        }
        var bestImproved: (objective: Double, migrations: Int, name: String, placement: Placement, emptied: Int)? = nil
        for (i, outcome) in improved.values.enumerated() {
            guard let (placement, emptied) = outcome, emptied > 0 else { continue }
            // An improvement may not take a winner within the migration budget over it.
            if let budget = options.migrationBudget, best.overBudget == 0, instance.voluntaryMigrationCount(placement) > budget { continue }
            let candidate = (instance.objective(of: placement, goal: goal), instance.migrationCount(placement), starts[i].key.name, placement, emptied)
            if bestImproved == nil || (candidate.0, candidate.1, candidate.2) < (bestImproved!.objective, bestImproved!.migrations, bestImproved!.name) {
                bestImproved = candidate
            }
        }
        guard let b = bestImproved, b.objective < best.objective - 1e-9,
              PlacementChecker.check(instance, b.placement, options: .init(allowUnplaced: true)).isEmpty else { return nil }
        return (b.objective, b.name, b.placement, b.emptied)
    }

    /// The local-search stages on the start of rank `rank` (which decides how many stages it
    /// gets): host elimination, then reinsertion, then ruin-and-recreate, each only while the
    /// packing is above the bound. Returns the placement and the hosts emptied.
    func improveStart(_ start: Placement, rank i: Int, hosts startHosts: Int, instance: Instance,
                      bound: Int) -> (placement: Placement, emptied: Int) {
        let first = eliminationWork > 0 ? HostElimination.improve(instance, start, workLimit: eliminationWork, lowerBound: bound)
            : (placement: start, emptied: 0)
        guard i < reinsertionCandidates, startHosts - first.emptied > bound else { return first }
        let second = DominanceReinsertion.improve(instance, first.placement, maxTargets: reinsertionTargets,
                                                  workLimit: reinsertionWork * max(instance.vms.count, 1),
                                                  lowerBound: bound)
        let emptied = first.emptied + second.emptied
        guard i < perturbationCandidates, startHosts - emptied > bound else { return (second.placement, emptied) }
        let iterations = perturbationIterations ?? min(1000, perturbationBudget / max(instance.vms.count, 1))
        let third = RuinAndRecreate.improve(instance, second.placement, iterations: iterations, reinsertionWork: perturbationWork,
                                            lowerBound: bound)
        return (third.placement, emptied + third.emptied)
    }

    /// Sets the certified bound — the packing bound for place and consolidate or the goal's own
    /// (``GoalLowerBounds``), whichever is higher — and the status optimal when the objective meets it.
    /// (A hotspot bound holds for placements without hot spots only: not on an infeasible answer.)
    func certify(_ result: inout SolveResult, instance: Instance, goal: Goal, winner: RankKey, hostBound bound: Int,
                 objectiveBound: Double) {
        guard winner.unplaced == 0, goal != .hotspot || result.status != .infeasible,
              let objective = result.objective ?? result.placement.map({ instance.objective(of: $0, goal: goal) }) else { return }
        let packing = bound > 0 && objectiveBound > 0 && (goal == .place || goal == .consolidate) ? objectiveBound : nil
        if let certified = [packing, GoalLowerBounds.objective(instance, goal: goal)].compactMap({ $0 }).max() {
            result.bound = certified
            if objective <= certified + 1e-9 * max(1, abs(certified)), result.status == .feasible { result.status = .optimal }
        }
    }

    /// The notes: the winner, how many members ran and tied, what the improvement did, then the
    /// winner's own notes and those of discarded members.
    func summaryNotes(_ ranked: [RankedAnswer], best: RankedAnswer, improvement: String?, notes: [String]) -> [String] {
        let ties = ranked.filter { $0.key.objective == best.key.objective && $0.key.unplaced == best.key.unplaced }.count
        let objectives = ranked.map(\.key.objective)
        return ["portfolio winner: \(best.key.name) (objective \(formatNumber(best.key.objective)), \(best.key.migrations) migration(s); \(ranked.count) members ran, \(ties) reached the same objective, worst \(formatNumber(objectives.max() ?? 0)))"]
            + (improvement.map { [$0] } ?? []) + best.result.notes + notes
    }

    /// The ranking of the members' answers; `hotHosts` (hotspot only) ranks answers that leave
    /// hot spots by how many, so relieving most of them beats staying put.
    struct RankKey: Comparable {
        var unplaced: Int, failed: Int, hotHosts: Int = 0, overBudget: Int
        var objective: Double
        var migrations: Int
        var name: String
        static func < (a: RankKey, b: RankKey) -> Bool {
            (a.unplaced, a.failed, a.hotHosts, a.overBudget) != (b.unplaced, b.failed, b.hotHosts, b.overBudget)
                ? (a.unplaced, a.failed, a.hotHosts, a.overBudget) < (b.unplaced, b.failed, b.hotHosts, b.overBudget)
                : (a.objective, a.migrations, a.name) < (b.objective, b.migrations, b.name)
        }
    }
}
