import ArgumentParser
import ExactSolver
import Foundation
import InstanceFormats
import Migration
import PlacementModel
import SolvePipeline

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

    @Option(help: "Method name (see `vmplace methods`).", completion: .list(MethodRegistry.names))
    var method: String = "ffd"

    @Option(help: "Time limit in seconds (exact methods).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which an exact method may stop (e.g. 0.01).")
    var gap: Double?

    @Option(help: "Seed for randomised methods.")
    var seed: UInt64 = 1

    @Option(help: "At most this many voluntary migrations; forced ones (off a host in maintenance or a broken rule) are exempt.")
    var migrationBudget: Int?

    @Option(help: ArgumentHelp("MIP backend of the exact methods: \(MIPSolverRegistry.names.joined(separator: ", ")).", valueName: "name"),
            completion: .list(MIPSolverRegistry.names))
    var solver: String = MIPSolverRegistry.defaultName

    @Option(name: .shortAndLong, help: "Write the solution JSON here (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be > 0 seconds") }
        if let gap, !(gap >= 0) { throw ValidationError("--gap must be ≥ 0") }
        if let migrationBudget, migrationBudget < 0 { throw ValidationError("--migration-budget must be ≥ 0") }
        do { _ = try MethodRegistry.resolve(method, goal: goal) } catch { throw ValidationError(error.description) }
        try validateSolverName(solver)
    }

    func run() throws {
        let solver: any PlacementMethod
        do { solver = try MethodRegistry.resolve(method, goal: goal) } catch { throw ValidationError(error.description) }
        let model = try loadInstance(instance)
        let options = SolveOptions(timeLimit: timeLimit, relativeGap: gap, seed: seed, migrationBudget: migrationBudget,
                                   solverName: self.solver == MIPSolverRegistry.defaultName ? nil : self.solver,
                                   instanceValidated: true)
        let outcome = SolveSession(instance: model, goal: goal, method: solver, options: options).run()
        try emit(outcome.solution.json, to: output)
        printError(outcome.summary + String(format: " [%.3f s]", outcome.seconds))
        reportFailedVerification(outcome.verification, method: method)
        if outcome.exitCode != 0 { throw ToolExit(code: outcome.exitCode) }
    }
}

/// Prints a verification failure (a bug in a method) on standard error.
func reportFailedVerification(_ verification: Verification, method: String) {
    guard !verification.passed else { return }
    printError("BUG: the checker found \(verification.problems.count) problem(s) in the result of \(method):")
    for problem in verification.problems { printError("  \(problem)") }
}
