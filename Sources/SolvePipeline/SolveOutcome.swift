import Foundation
import InstanceFormats
import Migration
import PlacementModel

/// A verified answer: the result with its objective recomputed, how it used the migration
/// budget, its migration plan, its ``Verification`` and the ``Solution`` document.
public struct SolveOutcome: Sendable {
    /// The method's result; `objective` recomputed from the placement (never the method's).
    public var result: SolveResult
    /// The objective the method reported, before recomputation (nil when it reported none).
    public var reportedObjective: Double?
    public var budget: MigrationBudgetUse?
    public var plan: MigrationPlan?
    public var planReport: PlanReport?
    public var verification: Verification
    public var solution: Solution
    /// Wall-clock seconds of the method's solve alone.
    public var seconds: Double
    /// For an infeasible hotspot result: the VM, dimension and threshold no placement can keep.
    public var thresholdReasons: [String] = []

    /// Assembles the outcome of `result` in the pipeline's steps (see ``SolveSession``).
    public init(instance: Instance, result input: SolveResult, seconds: Double, migrationBudget: Int?,
                planMigrations: PlanPolicy = .whenMoved) {
        var result = input
        self.seconds = seconds
        reportedObjective = input.objective
        // An infeasible hotspot result says which threshold no placement can keep.
        if result.goal == .hotspot, result.status == .infeasible {
            thresholdReasons = ThresholdInfeasibility.reasons(instance)
            result.notes += thresholdReasons
        }
        let claims = SolutionClaims(status: input.status, objective: input.objective, bound: input.bound)
        verification = Verification()
        if let placement = result.placement {
            result.objective = instance.objective(of: placement, goal: result.goal)
            budget = MigrationBudgetUse(instance: instance, placement: placement, budget: migrationBudget)
            if let note = budget?.note { result.notes.append(note) }
            if planMigrations.plans(instance: instance, target: placement) {
                (plan, planReport) = Self.planMigrations(instance: instance, target: placement, notes: &result.notes)
            }
            verification = Verification.verify(instance, goal: result.goal, placement: placement,
                                               listsUnplaced: !result.unplaced.isEmpty, plan: plan, claims: claims)
        }
        self.result = result
        solution = Solution(instance: instance, result: result, verification: verification, plan: plan, planReport: planReport,
                            budget: budget)
    }

    /// A capacity-safe plan from the current placement to `target` and its summary; a planner
    /// error is said in the notes (the solution then has no plan).
    static func planMigrations(instance: Instance, target: Placement, notes: inout [String]) -> (MigrationPlan?, PlanReport?) {
        do {
            let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
            return (plan, MigrationPlanner.summary(instance: instance, plan: plan, target: target))
        } catch {
            notes.append("no migration plan: \(error)")
            return (nil, nil)
        }
    }

    /// The answer is usable: verified, and a placement the method calls feasible or optimal.
    public var isFeasibleAnswer: Bool {
        verification.passed && result.placement != nil && (result.status == .optimal || result.status == .feasible)
    }

    /// The one-line summary printed on standard error (without the time).
    public var summary: String {
        var text = "\(solution.instance): \(result.method) \(result.goal.rawValue): \(result.status.rawValue)"
        if result.termination != Termination.implied(by: result.status) { text += " (\(result.termination.rawValue))" }
        if let objective = result.objective { text += ", objective \(JSONOutput.format(objective))" }
        if let bound = result.bound { text += ", bound \(JSONOutput.format(bound))" }
        if let hosts = solution.hostsUsed, let migrations = solution.migrations {
            text += ", \(hosts) hosts, \(migrations) migrations"
            if let forced = solution.forcedMigrations, forced > 0 { text += " (\(forced) forced)" }
        }
        if !result.unplaced.isEmpty { text += ", \(result.unplaced.count) VM(s) unplaced" }
        if let reason = thresholdReasons.first { text += " (\(reason))" }
        if let budget, budget.isOver, let limit = budget.budget { text += ", OVER the migration budget \(limit)" }
        text += verification.passed ? ", checker passed" : ", CHECKER FAILED"
        return text
    }

    /// The process exit code `vmplace solve` gives this outcome: 3 a verification failure (a
    /// bug), 1 a method error, 4 no feasible placement, 0 otherwise.
    public var exitCode: Int32 {
        if !verification.passed { return 3 }
        if result.status == .error { return 1 }
        if result.placement == nil || result.status == .infeasible || result.status == .timeLimit { return 4 }
        return 0
    }
}
