import Heuristics
import Migration
import PlacementModel
import SolvePipeline

/// What the hot-spot advice recommends: a target placement from the portfolio (goal hotspot, the
/// migration budget), its capacity-safe migration plan, both verified by the solve pipeline
/// (`SolveSession`, as `vmplace solve` verifies them), and the plan's cost.
public struct MigrationAdvice: Sendable {
    public var status: String
    public var method: String
    public var migrations: Int
    public var report: PlanReport?
    public var notes: [String]

    /// A checked placement or plan failed: a bug.
    public struct CheckFailure: Error, CustomStringConvertible { public var description: String }

    /// Advice for `instance` (VM demands = their forecast peak sizes, current placement set).
    public static func advise(_ instance: Instance, budget: Int) throws -> MigrationAdvice {
        let outcome = SolveSession(instance: instance, goal: .hotspot, method: HeuristicCatalogue.portfolio,
                                   options: SolveOptions(seed: 1, migrationBudget: budget)).run()
        let result = outcome.result
        if let problem = outcome.verification.problems.first {
            throw CheckFailure(description: "hot-spot advice failed the verification: \(problem)")
        }
        guard result.placement != nil else {
            return MigrationAdvice(status: result.status.rawValue, method: result.method, migrations: 0, report: nil, notes: result.notes)
        }
        let report = outcome.planReport ?? MigrationPlanner.summary(instance: instance, plan: MigrationPlan(), target: result.placement)
        return MigrationAdvice(status: result.status.rawValue, method: result.method, migrations: report.moveCount,
                               report: report, notes: Array(result.notes.prefix(3)))
    }
}
