import Heuristics
import Migration
import PlacementModel

/// What the hot-spot advice recommends: a target placement from the portfolio (goal hotspot, the
/// migration budget), its capacity-safe migration plan from `Migration.MigrationPlanner`, both
/// verified by `PlacementChecker`, and the plan's cost.
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
        let current = instance.currentPlacement
        let result = try HeuristicCatalogue.portfolio.solve(instance, goal: .hotspot, options: SolveOptions(seed: 1, migrationBudget: budget))
        guard let target = result.placement else {
            return MigrationAdvice(status: result.status.rawValue, method: result.method, migrations: 0, report: nil, notes: result.notes)
        }
        if let violation = PlacementChecker.check(instance, target, options: .init(allowUnplaced: true)).first {
            throw CheckFailure(description: "hot-spot advice placement rejected by the checker: \(violation)")
        }
        let plan = try MigrationPlanner.plan(instance: instance, from: current, to: target)
        if let violation = PlacementChecker.checkPlan(instance, plan, from: current, to: target).first {
            throw CheckFailure(description: "hot-spot migration plan rejected by the checker: \(violation)")
        }
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: target)
        return MigrationAdvice(status: result.status.rawValue, method: result.method, migrations: report.moveCount,
                               report: report, notes: Array(result.notes.prefix(3)))
    }
}
