import ArgumentParser
import ExactSolver
import Foundation
import Harness
import InstanceFormats
import PlacementModel
import SolvePipeline

/// `vmplace score`: every method against the optimum or a certified bound, into Results/.
public struct Score: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Score methods on instance suites against known optima or certified bounds.",
        discussion: """
        SUITE is a folder (every .json/.vbp below it), a glob pattern or a list file (one instance \
        path per line). Results go to OUT/<suite>/<run>/: results.csv (one row per instance, method \
        and goal), summary.md, gaps.svg, time.svg. A rerun skips finished rows (resume); --shard I/N \
        runs a deterministic slice to be joined by `vmplace merge`. Columns: Results/README.md.

        Examples:
          vmplace score Instances/vbp --known Instances/vbp/known.tsv --exact --time-limit 10
          vmplace score 'Instances/vbp/class1_*.vbp' --methods ffd,portfolio --shard 1/2 --run r1
        """)

    @Argument(help: "Instance folders, glob patterns or list files.")
    public var suites: [String]

    @Option(help: "Comma-separated method names, or 'all' (every method except exact).",
            completion: .list(["all"] + MethodRegistry.names))
    public var methods: String = "all"

    @Flag(help: "Also run the exact method first; its bound and proven optimum become reference values.")
    public var exact = false

    @Option(help: "Goal: place, consolidate, balance, hotspot.")
    public var goal: String = "place"

    @Option(name: .customLong("time-limit"), help: "Seconds per solve (exact methods).")
    public var timeLimit: Double?

    @Option(help: "Instances solved in parallel.")
    public var jobs: Int = 1

    @Option(help: "Known LB/OPT table (TSV: instance_name, LB, OPT (-1 = unknown), …); repeatable.")
    public var known: [String] = []

    @Option(help: "Results root folder.")
    public var out: String = "Results"

    @Option(name: .customLong("run"), help: "Run name (default: derived from goal, methods, --exact and --time-limit).")
    public var runName: String?

    @Option(help: "Run slice I of N (1-based), e.g. 3/8.")
    public var shard: String?

    @Option(help: "Seed passed to randomised methods.")
    public var seed: UInt64 = 1

    @Option(help: ArgumentHelp("MIP backend of the exact methods: \(MIPSolverRegistry.names.joined(separator: ", ")).", valueName: "name"))
    public var solver: String = MIPSolverRegistry.defaultName

    public init() {}

    /// Option errors are usage errors (exit 2, with this command's usage), found before any work.
    public func validate() throws {
        if Goal(rawValue: goal) == nil {
            throw ValidationError("unknown goal \"\(goal)\"; expected \(Goal.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be > 0 seconds") }
        try validateSolverName(solver)
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.diagnostics.map(\.message).joined(separator: "; ")) }
        }
    }

    public func run() throws { try run(provider: RegistryMethodProvider()) }

    /// Runs with the methods of `provider` (every registered method by default; tests pass their own).
    public func run(provider: any MethodProvider) throws {
        guard let goalValue = Goal(rawValue: goal) else {
            throw ValidationError("unknown goal \"\(goal)\"; expected \(Goal.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        // `all` = every method but the exact one, which runs only when asked for (--exact, or by name).
        var names = methods == "all" ? provider.allNames.filter { $0 != "exact" }
            : methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if exact { names.removeAll { $0 == "exact" } }
        guard !names.isEmpty || exact else { throw ValidationError("--methods lists no method") }
        let list = try provider.methods(named: names)
        let reference = exact ? try provider.methods(named: ["exact"]).first : nil
        let configuration = ScoreConfiguration(
            suites: suites, methods: list, referenceMethod: reference, goal: goalValue, timeLimit: timeLimit, seed: seed,
            jobs: jobs, knownFiles: known, outputDirectory: out, runName: runName, shard: try shard.map { try Shard(parsing: $0) },
            solverName: solver == MIPSolverRegistry.defaultName ? nil : solver)
        let report = try ScoreRun.run(configuration)
        let failed = report.rows.filter { !$0.isChecked }.count
        print("\(report.rows.count) rows in \(report.resultsPath) (\(report.computedRows) computed, \(report.resumedRows) resumed\(report.droppedLines > 0 ? ", \(report.droppedLines) torn line(s) dropped" : ""))")
        if !report.skippedMethods.isEmpty { print("not run (goal \(goal) not supported): \(report.skippedMethods.joined(separator: ", "))") }
        if failed > 0 { print("\(failed) row(s) failed the check or raised an error: see the summary") }
        for file in report.writtenFiles.dropFirst() { print("wrote \(file)") }
    }
}
