import Foundation
import Heuristics
import InstanceFormats
import PlacementModel
import SolvePipeline

/// Runs suites × methods for one goal into `Results/<suite>/<run>/`, resumably and in parallel.
public enum ScoreRun {
    /// `<goal>-<method+method…>[-exact][-t<limit>]`; a long method list is replaced by its count
    /// and a hash of the names, so the name stays short and still deterministic.
    public static func derivedRunName(_ configuration: ScoreConfiguration) -> String {
        let names = configuration.methods.map(\.name)
        var methods = names.joined(separator: "+")
        if methods.count > 60 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in methods.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            methods = "\(names.count)methods-" + String(hash, radix: 16)
        }
        var name = configuration.goal.rawValue + "-" + methods
        if configuration.referenceMethod != nil { name += "-exact" }
        if let limit = configuration.timeLimit { name += "-t" + JSONOutput.format(limit) }
        return Suite.sanitise(name)
    }

    public static func run(_ configuration: ScoreConfiguration) throws -> ScoreReport {
        let suite = try Suite.resolve(configuration.suites)
        let known = try KnownValuesTable.read(paths: configuration.knownFiles)
        let goal = configuration.goal
        let runName = Suite.sanitise(configuration.runName ?? derivedRunName(configuration))
        let directory = ((configuration.outputDirectory as NSString).appendingPathComponent(suite.name) as NSString)
            .appendingPathComponent(runName)
        let resultsPath = (directory as NSString).appendingPathComponent(configuration.shard?.fileName ?? "results.csv")
        var names = Set<String>()
        for method in configuration.methods + (configuration.referenceMethod.map { [$0] } ?? []) where !names.insert(method.name).inserted {
            throw InvalidInput([Diagnostic(.error, path: "--methods", "method \(method.name) is listed twice")])
        }
        let skipped = configuration.methods.filter { !$0.goals.contains(goal) }.map(\.name)
            + (configuration.referenceMethod.map { $0.goals.contains(goal) ? [] : [$0.name] } ?? [])
        let methods = configuration.methods.filter { $0.goals.contains(goal) }
        let reference = configuration.referenceMethod.flatMap { $0.goals.contains(goal) ? $0 : nil }
        let allMethods = (reference.map { [$0] } ?? []) + methods

        let file = try ResultsFile(path: resultsPath)
        let resumed = file.rows.count
        let finished = file.finishedKeys
        let members = suite.members.enumerated().filter { configuration.shard?.contains(position: $0.offset) ?? true }.map(\.element)
        var work: [(member: SuiteMember, pending: [String])] = []
        for member in members {
            let pending = allMethods.map(\.name).filter { !finished.contains(RowKey(instance: member.identity.name, method: $0, goal: goal.rawValue)) }
            if !pending.isEmpty { work.append((member, pending)) }
        }
        let progress = ProgressLine(total: work.reduce(0) { $0 + $1.pending.count },
                                    enabled: configuration.showProgress ?? (isatty(STDERR_FILENO) != 0))
        let existing = Dictionary(file.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let context = InstanceRunner(goal: goal, methods: methods, reference: reference, known: known,
                                     options: SolveOptions(timeLimit: configuration.timeLimit, seed: configuration.seed,
                                                          solverName: configuration.solverName, instanceValidated: true),
                                     existing: existing, file: file, progress: progress)
        let queue = WorkQueue(count: work.count)
        let failures = FailureBox()
        let workers = max(1, min(configuration.jobs, work.count))
        let items = work
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = queue.next() {
                do {
                    try context.run(member: items[index].member, pending: Set(items[index].pending))
                } catch {
                    failures.record(error)
                    queue.stop()
                }
            }
        }
        progress.finish()
        file.close()
        if let error = failures.first { throw error }

        let rows = ResultsFile.canonical(file.rows)
        var written: [String] = []
        if configuration.shard == nil {
            written = try writeReports(rows: rows, directory: directory, title: "\(suite.name) / \(runName)",
                                       resultsPath: resultsPath, skippedMethods: skipped)
        }
        return ScoreReport(directory: directory, resultsPath: resultsPath, rows: rows,
                           computedRows: file.rows.count - resumed, resumedRows: resumed,
                           droppedLines: file.droppedLines, skippedMethods: skipped, writtenFiles: written)
    }

    /// Rewrites `results.csv` canonically and writes `summary.md`, `gaps.svg` and `time.svg` next to it.
    @discardableResult
    public static func writeReports(rows: [ScoreRow], directory: String, title: String, resultsPath: String,
                                    skippedMethods: [String] = []) throws -> [String] {
        try ResultsFile.writeCanonical(rows, to: resultsPath)
        let summaryPath = (directory as NSString).appendingPathComponent("summary.md")
        let gapsPath = (directory as NSString).appendingPathComponent("gaps.svg")
        let timePath = (directory as NSString).appendingPathComponent("time.svg")
        try AtomicFile.write(Summary(rows: rows).markdown(title: title, skippedMethods: skippedMethods), to: summaryPath)
        try AtomicFile.write(Charts.gapDistribution(rows), to: gapsPath)
        try AtomicFile.write(Charts.timeAgainstSize(rows), to: timePath)
        return [resultsPath, summaryPath, gapsPath, timePath]
    }
}

/// Runs the pending methods of one instance and appends their rows.
struct InstanceRunner: Sendable {
    var goal: Goal
    var methods: [any PlacementMethod]
    var reference: (any PlacementMethod)?
    var known: KnownValuesTable
    var options: SolveOptions
    var existing: [RowKey: ScoreRow]
    var file: ResultsFile
    var progress: ProgressLine

    func run(member: SuiteMember, pending: Set<String>) throws {
        let identity = member.identity
        let instance: Instance
        do {
            instance = try InstanceFile.read(path: member.path).instance
        } catch {
            let message = error.diagnostics.first.map(\.description) ?? "invalid instance"
            for name in ((reference.map { [$0.name] } ?? []) + methods.map(\.name)) where pending.contains(name) {
                try file.append(ScoreRow(instance: identity.name, instanceClass: identity.instanceClass, vmCount: 0,
                                         dimensionCount: 0, goal: goal.rawValue, method: name, objective: nil, hosts: nil,
                                         migrations: nil, migrationCost: nil, seconds: 0, status: "error", lowerBound: nil,
                                         boundSource: "", knownOptimum: nil, gapToOptimum: nil, gapToBound: nil,
                                         verdict: "error: invalid input: \(message) (\(error.diagnostics.count) problem(s))"))
                progress.advance()
            }
            return
        }
        let packingGoal = goal == .place || goal == .consolidate
        let entry = known.entries[identity.name]
        let optima: [(source: String, value: Double?)] = [("instance", packingGoal ? instance.known.optimum : nil),
                                                          ("known-file", packingGoal ? entry?.optimum : nil)]
        let bounds: [(source: String, value: Double?)] = [("instance", packingGoal ? instance.known.lowerBound : nil),
                                                          ("known-file", packingGoal ? entry?.lowerBound : nil),
                                                          ("L1", LowerBoundL1.objectiveBound(instance, goal: goal))]
        var values = ReferenceValues.combine(optima: optima, bounds: bounds)
        if let reference {
            let key = RowKey(instance: identity.name, method: reference.name, goal: goal.rawValue)
            if !pending.contains(reference.name), let row = existing[key] {
                values = ReferenceValues(lowerBound: row.lowerBound, boundSource: row.boundSource, knownOptimum: row.knownOptimum)
            } else {
                let (outcome, seconds) = solve(reference, instance)
                var exactOptimum: Double?
                var exactBound: Double?
                if case .solved(let solved) = outcome, solved.result.status != .error {
                    let result = solved.result
                    exactBound = result.bound
                    let first = RowScorer.row(instance: instance, identity: identity, goal: goal, method: reference.name,
                                              outcome: outcome, seconds: seconds, reference: values)
                    if result.status == .optimal, first.isChecked { exactOptimum = first.objective }
                }
                values = ReferenceValues.combine(optima: optima + [("exact", exactOptimum)], bounds: bounds + [("exact", exactBound)])
                try file.append(RowScorer.row(instance: instance, identity: identity, goal: goal, method: reference.name,
                                              outcome: outcome, seconds: seconds, reference: values))
                progress.advance()
            }
        }
        for method in methods where pending.contains(method.name) {
            let (outcome, seconds) = solve(method, instance)
            try file.append(RowScorer.row(instance: instance, identity: identity, goal: goal, method: method.name,
                                          outcome: outcome, seconds: seconds, reference: values))
            progress.advance()
        }
    }

    /// One solve through the pipeline (``SolveSession``), as `vmplace solve` runs it.
    private func solve(_ method: any PlacementMethod, _ instance: Instance) -> (RowScorer.Outcome, Double) {
        let outcome = SolveSession(instance: instance, goal: goal, method: method, options: options).run()
        return (.solved(outcome), outcome.seconds)
    }
}

/// Hands out work indices to parallel workers.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var stopped = false
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}

/// The first error raised by a worker.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: Error?
    func record(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
