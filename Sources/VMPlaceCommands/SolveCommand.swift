import ArgumentParser
import ExactSolver
import Foundation
import InstanceFormats
import Migration
import PlacementModel

extension Goal: ExpressibleByArgument {}

/// `vmplace solve INSTANCE --method NAME`
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an instance with a heuristic, the portfolio or the exact model; print the solution JSON.",
        discussion: """
        The solution (JSON) goes to standard output or --output; a one-line summary goes to
        standard error. Every placement is verified by the independent checker before it is
        printed; when the placement differs from the current one, the solution carries a
        capacity-safe migration plan.

        Examples:
          vmplace solve Instances/examples/small-cluster.json --goal consolidate --method ffd
          vmplace solve Instances/vbp/class1_20_3_0.vbp --method ffd --output solution.json
          vmplace solve Instances/vbp/class7_20_3_0.vbp --goal place --method exact --solver cbc --time-limit 10
        """)

    @Argument(help: "Instance file (.json or .vbp).")
    var instance: String

    @Option(help: "Goal: place, consolidate, balance or hotspot.")
    var goal: Goal = .consolidate

    @Option(help: "Method name (see `vmplace methods`).")
    var method: String = "ffd"

    @Option(help: "Time limit in seconds (exact methods).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which an exact method may stop (e.g. 0.01).")
    var gap: Double?

    @Option(help: "Seed for randomised methods.")
    var seed: UInt64 = 1

    @Option(help: "At most this many voluntary migrations; forced ones (off a host in maintenance or a broken rule) are exempt.")
    var migrationBudget: Int?

    @Option(name: .shortAndLong, help: "Write the solution JSON here (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("MIP backend of the exact methods: \(MIPSolverRegistry.names.joined(separator: ", ")).", valueName: "name"))
    var solver: String = MIPSolverRegistry.defaultName

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be > 0 seconds") }
        if let gap, !(gap >= 0) { throw ValidationError("--gap must be ≥ 0") }
        if let migrationBudget, migrationBudget < 0 { throw ValidationError("--migration-budget must be ≥ 0") }
        try validateSolverName(solver)
        guard let solver = MethodRegistry.method(named: method) else {
            throw ValidationError("unknown method \"\(method)\"; one of: \(MethodRegistry.names.joined(separator: ", "))")
        }
        guard solver.goals.contains(goal) else {
            throw ValidationError("method \(method) does not handle goal \(goal.rawValue) (it handles: \(solver.goals.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
    }

    func run() throws {
        let model = try loadInstance(instance)
        guard let solver = MethodRegistry.method(named: method) else { throw ToolExit(code: 2) }
        guard solver.goals.contains(goal) else {
            throw ValidationError("method \(method) does not handle goal \(goal.rawValue) (it handles: \(solver.goals.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        let options = SolveOptions(timeLimit: timeLimit, relativeGap: gap, seed: seed, migrationBudget: migrationBudget,
                                   solverName: self.solver == MIPSolverRegistry.defaultName ? nil : self.solver)
        let start = Date()
        var result: SolveResult
        do {
            result = try solver.solve(model, goal: goal, options: options)
        } catch {
            result = SolveResult(status: .error, placement: nil, method: method, goal: goal, notes: ["\(error)"])
        }
        let seconds = Date().timeIntervalSince(start)
        let outcome = SolutionReport.make(instance: model, result: result, migrationBudget: migrationBudget)
        try emit(outcome.json, to: output)
        printError(outcome.summary + String(format: " [%.3f s]", seconds))
        if !outcome.violations.isEmpty {
            printError("BUG: the checker found \(outcome.violations.count) violation(s) in the result of \(method):")
            for violation in outcome.violations { printError("  \(violation)") }
            throw ToolExit(code: 3)
        }
        if result.status == .error { throw ToolExit(code: 1) }
        if result.placement == nil || result.status == .infeasible || result.status == .timeLimit { throw ToolExit(code: 4) }
    }
}

/// Builds the solution document for a result: recomputed objective, checker verdict, plan.
enum SolutionReport {
    struct Outcome {
        var json: String
        var summary: String
        var violations: [Violation]
    }

    /// The solution document. The migration budget caps voluntary migrations; forced ones (the
    /// VM cannot stay where it runs: maintenance, host restrictions, a broken rule or capacity,
    /// ``PlacementModel/ForcedMigrations``) are exempt and counted apart. The exact method and
    /// the goal heuristics keep to the budget; a method that does not (a packing heuristic
    /// ignores the current placement) gets its overshoot said in the notes and the summary,
    /// never silently.
    static func make(instance: Instance, result input: SolveResult, migrationBudget: Int? = nil) -> Outcome {
        var result = input
        var overBudget = false
        let migrations = result.placement.map { instance.forcedMigrations.count(instance, $0) }
        if let budget = migrationBudget, let (forced, voluntary) = migrations, voluntary > budget {
            overBudget = true
            result.notes.append("over the migration budget: \(voluntary) voluntary migrations, budget \(budget)"
                + (forced > 0 ? " (\(forced) forced migrations exempt)" : ""))
        } else if let budget = migrationBudget, let (forced, voluntary) = migrations, forced > 0 {
            result.notes.append("within the migration budget: \(voluntary) voluntary migrations, budget \(budget) (\(forced) forced migrations exempt)")
        }
        var violations: [Violation] = []
        var plan: MigrationPlan? = nil
        var planSummary: [(String, JSONOutput)] = []
        if let placement = result.placement {
            // The objective is recomputed here, never taken from the method.
            result.objective = instance.objective(of: placement, goal: result.goal)
            violations = PlacementChecker.check(instance, placement, options: .init(
                allowUnplaced: !result.unplaced.isEmpty,
                enforceOverloadThresholds: result.goal == .hotspot && result.status != .infeasible))
            if instance.hasCurrentPlacement, placement != instance.currentPlacement {
                (plan, planSummary) = PlanBuilder.plan(instance: instance, target: placement)
                if let plan {
                    violations += PlacementChecker.checkPlan(instance, plan, from: instance.currentPlacement, to: placement)
                }
            }
        }
        let json = SolutionJSON.encode(instance: instance, result: result, violations: violations, plan: plan, planSummary: planSummary)
        var summary = "\(instance.name): \(result.method) \(result.goal.rawValue): \(result.status.rawValue)"
        if let objective = result.objective { summary += ", objective \(JSONOutput.format(objective))" }
        if let bound = result.bound { summary += ", bound \(JSONOutput.format(bound))" }
        if let placement = result.placement {
            summary += ", \(placement.usedHosts.count) hosts, \(instance.migrationCount(placement)) migrations"
            if let forced = migrations?.forced, forced > 0 { summary += " (\(forced) forced)" }
        }
        if !result.unplaced.isEmpty { summary += ", \(result.unplaced.count) VM(s) unplaced" }
        if overBudget, let budget = migrationBudget { summary += ", OVER the migration budget \(budget)" }
        summary += violations.isEmpty ? ", checker passed" : ", CHECKER FAILED"
        return Outcome(json: json, summary: summary, violations: violations)
    }
}

/// Sequencing of a target placement into a capacity-safe migration plan (Migration module).
enum PlanBuilder {
    static func plan(instance: Instance, target: Placement) -> (MigrationPlan?, [(String, JSONOutput)]) {
        do {
            let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
            return (plan, summaryFields(MigrationPlanner.summary(instance: instance, plan: plan, target: target)))
        } catch {
            return (nil, [("error", .string("\(error)"))])
        }
    }

    /// The plan totals written ahead of the waves in the solution's `plan` object.
    static func summaryFields(_ report: PlanReport) -> [(String, JSONOutput)] {
        [("reachesTarget", .bool(report.reachesTarget)), ("moves", .number(Double(report.moveCount))),
         ("waveCount", .number(Double(report.waveCount))), ("temporaryMoves", .number(Double(report.temporaryMoves))),
         ("makespanSeconds", .number(report.makespanSeconds)), ("transferredMiB", .number(report.transferredMiB)),
         ("totalDowntimeSeconds", .number(report.totalDowntimeSeconds)), ("totalCost", .number(report.totalCost)),
         ("diskCopyMoves", .number(Double(report.diskCopyMoves))),
         ("ipReconfigurationMoves", .number(Double(report.ipReconfigurationMoves))),
         ("moveDetails", .array(report.moves.map { move in
             .object([("wave", .number(Double(move.wave))), ("vm", .string(move.vm)), ("from", .string(move.from)),
                      ("to", .string(move.to)), ("temporary", .bool(move.temporary)), ("copiesDisk", .bool(move.copiesDisk)),
                      ("needsIPReconfiguration", .bool(move.needsIPReconfiguration)), ("cost", .number(move.cost))])
         }))]
    }
}
