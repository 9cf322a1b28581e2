import ArgumentParser
import Foundation
import InstanceFormats
import ROADEF

extension Roadef {
    /// `vmplace roadef solve MODEL ASSIGNMENT --time-limit S --output SOLUTION`
    struct SolveCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve",
            abstract: "Improve the initial assignment within a time limit, never leaving the feasible region.",
            discussion: """
            Late-acceptance local search with shift, swap, double-shift and big-process moves (a big
            process onto a machine, the machine's others shifted away; incremental deltas of every
            term) plus machine LNS (the processes of --lns-machines machines reassigned
            exactly by a GLPK MIP, --lns-per-epoch per epoch) on --threads workers, in fixed work epochs merged deterministically: the same
            seed and thread count give the same sequence of bests whatever the time limit, which
            only decides how many epochs complete. Every new best is checked by the independent
            scorer and written atomically to --output (a killed run leaves the best so far);
            --trace records epoch, seconds and cost of every best; --snapshots 10,60 keeps the best
            found before 10 s and 60 s in OUTPUT.at-10s and OUTPUT.at-60s, so one long run also
            gives the shorter runs' results (the same epochs, as far as the machine's speed is
            the same). Prints the final score as JSON.

            Example:
              vmplace roadef solve model_a1_1.txt assignment_a1_1.txt --time-limit 10 --seed 1 --threads 2 --output a1_1.sol
              vmplace roadef score model_a1_1.txt assignment_a1_1.txt a1_1.sol
            """)

        @Argument(help: "Model file.") var model: String
        @Argument(help: "Initial assignment file.") var assignment: String
        @Option(help: "Time limit in seconds (wall clock, reading and writing included).") var timeLimit: Double
        @Option(help: "Seed of the random moves.") var seed: UInt64 = 1
        @Option(help: "Worker threads.") var threads = 1
        @Option(help: "Solution file to write (atomically, at every new best).") var output: String
        @Option(help: "CSV of every new best: epoch, seconds, cost.") var trace: String?
        @Option(help: "Comma-separated seconds T: OUTPUT.at-Ts holds the best found before T (e.g. 10,60).") var snapshots: String?
        @Option(help: "Stop after this many epochs (a run length independent of time).") var epochs: Int?
        @Option(help: "Candidate moves per worker per epoch.") var epochCandidates = 100_000
        @Option(help: "Machine-LNS sub-MIPs (GLPK) per worker per epoch; 0 = none.") var lnsPerEpoch = 1
        @Option(help: "Machines per LNS sub-problem.") var lnsMachines = 2
        @Option(help: "Late-acceptance history length of worker 0 (others ×¼, ×4, ×½).") var history = 2_000

        func validate() throws {
            guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
            guard (1...64).contains(threads) else { throw ValidationError("--threads must be in 1…64") }
            guard lnsPerEpoch >= 0, (2...20).contains(lnsMachines) else { throw ValidationError("--lns-per-epoch ≥ 0 and --lns-machines in 2…20") }
            if snapshotTimes == nil { throw ValidationError("--snapshots must be comma-separated positive seconds, e.g. 10,60") }
            guard history > 0 else { throw ValidationError("--history must be positive") }
            guard epochCandidates > 0 else { throw ValidationError("--epoch-candidates must be positive") }
            if let epochs, epochs < 0 { throw ValidationError("--epochs must be ≥ 0") }
        }

        func run() throws {
            let clock = ContinuousClock(), start = clock.now
            let (model, initial) = try Roadef.load(model: self.model, assignment: assignment)
            let (initialCost, initialViolations) = RoadefScore.evaluate(model, initial: initial, solution: initial)
            if !initialViolations.isEmpty {
                printOutput(Roadef.json(initialCost, initialViolations))
                printError("\(assignment): error: the initial assignment violates \(initialViolations.count) hard constraint(s); nothing to improve from")
                throw ToolExit(code: 1)
            }
            try write(initial, to: output)
            let snapshotTimes = self.snapshotTimes ?? []
            for time in snapshotTimes { try write(initial, to: snapshotPath(time)) }
            var traceLines = ["epoch,seconds,cost", "0,0.000,\(initialCost.total)"]
            // Keep a reserve for the last write and the final check.
            let used = RoadefSolver.seconds(clock.now - start)
            let budget = max(0, timeLimit - used - 0.1 - 0.2 * used)
            var options = RoadefSolveOptions(timeLimit: budget, seed: seed, threads: threads,
                                             epochCandidates: epochCandidates, maximumEpochs: epochs,
                                             historyLength: history)
            options.lnsPerEpoch = lnsPerEpoch
            options.lnsMachines = lnsMachines
            let best = try RoadefSolver.solve(model, initial: initial, options: options) { improvement in
                try verify(model, initial, improvement.assignment, claimed: improvement.cost)
                try write(improvement.assignment, to: output)
                for time in snapshotTimes where improvement.seconds + used < time {
                    try write(improvement.assignment, to: snapshotPath(time))
                }
                traceLines.append("\(improvement.epoch),\(String(format: "%.3f", improvement.seconds + used)),\(improvement.cost)")
                if let trace { try emit(traceLines.joined(separator: "\n") + "\n", to: trace) }
            }
            if let trace { try emit(traceLines.joined(separator: "\n") + "\n", to: trace) }
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: best.assignment)
            printOutput(Roadef.json(cost, violations, extra: [
                ("initial", "\(initialCost.total)"), ("bestEpoch", "\(best.epoch)"),
                ("seconds", String(format: "%.3f", RoadefSolver.seconds(clock.now - start))),
            ]))
        }

        /// The independent scorer must agree: feasible and the same total.
        func verify(_ model: RoadefModel, _ initial: [Int32], _ solution: [Int32], claimed: Int64) throws {
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: solution)
            if !violations.isEmpty || cost.total != claimed {
                printError("error: checker failed (a bug): solver claimed \(claimed), scorer found \(cost.total) with \(violations.count) violation(s): \(violations.prefix(3).map(\.description).joined(separator: "; "))")
                throw ToolExit(code: 3)
            }
        }

        var snapshotTimes: [Double]? {
            guard let snapshots else { return [] }
            let times = snapshots.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            return times.allSatisfy({ ($0 ?? 0) > 0 }) && !times.isEmpty ? times.map { $0! } : nil
        }

        /// OUTPUT.at-10s for T = 10.
        func snapshotPath(_ time: Double) -> String {
            "\(output).at-\(time == time.rounded() ? String(Int(time)) : String(time))s"
        }

        func write(_ solution: [Int32], to path: String) throws {
            try emit(Roadef.solutionText(solution), to: path)
        }
    }
}
