import Foundation
import InstanceFormats
import Migration
import PlacementModel

/// The one solve pipeline: the instance (validated once, when it was read), the method
/// (resolved once, ``MethodRegistry/resolve(_:goal:)``), then in named steps — solve, recompute
/// the objective, measure the migration budget, plan the migrations, verify (``Verification``:
/// checker, thresholds, plan and claims), and assemble the typed ``Solution``. `vmplace solve`,
/// `vmplace score`, `vmplace plan` and the benchmarks all go through it, so they report the same
/// verdict for the same answer.
public struct SolveSession: Sendable {
    public var instance: Instance
    public var goal: Goal
    public var method: any PlacementMethod
    public var options: SolveOptions
    /// When to sequence a migration plan.
    public var planMigrations: PlanPolicy

    public init(instance: Instance, goal: Goal, method: any PlacementMethod, options: SolveOptions = SolveOptions(),
                planMigrations: PlanPolicy = .whenMoved) {
        self.instance = instance
        self.goal = goal
        self.method = method
        self.options = options
        self.planMigrations = planMigrations
    }

    /// Runs the method and assembles the verified outcome. A method that throws gives an
    /// outcome with status `error` and the message in the notes.
    public func run() -> SolveOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let result: SolveResult
        do {
            result = try method.solve(instance, goal: goal, options: options)
        } catch {
            result = SolveResult(status: .error, placement: nil, method: method.name, goal: goal, notes: ["\(error)"])
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return SolveOutcome(instance: instance, result: result, seconds: seconds,
                            migrationBudget: options.migrationBudget, planMigrations: planMigrations)
    }
}

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

/// When the pipeline sequences a migration plan from the current placement.
public enum PlanPolicy: Sendable, Hashable {
    /// Never (a verdict without plans is the same for instances without a current placement).
    case never
    /// When the instance has a current placement and the answer differs from it (`vmplace solve`).
    case whenMoved
    /// Whenever the instance has a current placement, even an empty plan (`vmplace plan`).
    case always

    func plans(instance: Instance, target: Placement) -> Bool {
        switch self {
        case .never: return false
        case .whenMoved: return instance.hasCurrentPlacement && target != instance.currentPlacement
        case .always: return instance.hasCurrentPlacement
        }
    }
}

/// How a placement uses the migration budget: forced migrations (the VM cannot stay where it
/// runs, `ForcedMigrations`) are exempt, voluntary ones count against it. A method that keeps
/// to the budget never goes over; one that ignores the current placement (a packing heuristic)
/// gets its overshoot said, never silently.
public struct MigrationBudgetUse: Sendable, Hashable {
    public var forced: Int
    public var voluntary: Int
    public var budget: Int?

    public init(instance: Instance, placement: Placement, budget: Int?) {
        (forced, voluntary) = instance.forcedMigrations.count(instance, placement)
        self.budget = budget
    }

    public var isOver: Bool { budget.map { voluntary > $0 } ?? false }

    /// The note the solution carries about the budget, or nil (no budget, or nothing to say).
    public var note: String? {
        guard let budget else { return nil }
        let exempt = forced > 0 ? " (\(forced) forced migrations exempt)" : ""
        if isOver { return "over the migration budget: \(voluntary) voluntary migrations, budget \(budget)" + exempt }
        if forced > 0 { return "within the migration budget: \(voluntary) voluntary migrations, budget \(budget)" + exempt }
        return nil
    }
}
