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

