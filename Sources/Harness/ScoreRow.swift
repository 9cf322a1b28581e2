import Foundation
import InstanceFormats
import PlacementModel

/// One line of `results.csv`: one method run on one instance for one goal, re-checked and scored.
/// Every column is explained in `Results/README.md`.
public struct ScoreRow: Sendable, Hashable {
    public var instance: String
    public var instanceClass: String
    public var vmCount: Int
    public var dimensionCount: Int
    public var goal: String
    public var method: String
    /// Objective recomputed by ``Instance/objective(of:goal:)`` (never the method's own figure).
    public var objective: Double?
    /// Hosts that run at least one VM.
    public var hosts: Int?
    public var migrations: Int?
    public var migrationCost: Double?
    /// Wall-clock seconds of the solve (the only non-deterministic column).
    public var seconds: Double
    /// The method's status (`optimal`, `feasible`, `infeasible`, `timeLimit`, `error`).
    public var status: String
    /// Best certified lower bound on the objective (largest of all sources), if any.
    public var lowerBound: Double?
    /// Where `lowerBound` comes from (`instance`, `known-file`, `exact`, `L1`, `opt`).
    public var boundSource: String
    public var knownOptimum: Double?
    public var gapToOptimum: Double?
    public var gapToBound: Double?
    /// `ok`, or what the independent checker found wrong.
    public var verdict: String

    public init(instance: String, instanceClass: String, vmCount: Int, dimensionCount: Int, goal: String,
                method: String, objective: Double?, hosts: Int?, migrations: Int?, migrationCost: Double?,
                seconds: Double, status: String, lowerBound: Double?, boundSource: String, knownOptimum: Double?,
                gapToOptimum: Double?, gapToBound: Double?, verdict: String) {
        self.instance = instance
        self.instanceClass = instanceClass
        self.vmCount = vmCount
        self.dimensionCount = dimensionCount
        self.goal = goal
        self.method = method
        self.objective = objective
        self.hosts = hosts
        self.migrations = migrations
        self.migrationCost = migrationCost
        self.seconds = seconds
        self.status = status
        self.lowerBound = lowerBound
        self.boundSource = boundSource
        self.knownOptimum = knownOptimum
        self.gapToOptimum = gapToOptimum
        self.gapToBound = gapToBound
        self.verdict = verdict
    }

    /// The resume key: a row is finished when a row with the same key is in the file.
    public var key: RowKey { RowKey(instance: instance, method: method, goal: goal) }

    /// True when the independent checker accepted the placement.
    public var isChecked: Bool { verdict == "ok" }

    /// The CSV header, in column order.
    public static let columns = ["instance", "class", "n", "d", "goal", "method", "objective", "hosts", "migrations",
                                 "migration_cost", "seconds", "status", "lower_bound", "bound_source", "known_opt",
                                 "gap_to_opt", "gap_to_bound", "checker_verdict"]
    public static var header: String { columns.joined(separator: ",") }

    /// The row as one CSV line (no newline), RFC 4180 quoting; line breaks in text become spaces.
    public var csvLine: String {
        func number(_ value: Double?) -> String { value.map { JSONOutput.format($0) } ?? "" }
        func integer(_ value: Int?) -> String { value.map(String.init) ?? "" }
        let fields = [instance, instanceClass, String(vmCount), String(dimensionCount), goal, method, number(objective),
                      integer(hosts), integer(migrations), number(migrationCost), String(format: "%.4f", seconds), status,
                      number(lowerBound), boundSource, number(knownOptimum), number(gapToOptimum), number(gapToBound),
                      verdict]
        return fields.map(CSV.quote).joined(separator: ",")
    }

    /// Parses a CSV line written by ``csvLine``; `nil` when it is not a complete row.
    public init?(csvLine line: String) {
        guard let fields = CSV.split(line), fields.count == ScoreRow.columns.count,
              let n = Int(fields[2]), let d = Int(fields[3]), let seconds = Double(fields[10]) else { return nil }
        func number(_ text: String) -> Double?? { text.isEmpty ? .some(nil) : Double(text).map { .some($0) } }
        func integer(_ text: String) -> Int?? { text.isEmpty ? .some(nil) : Int(text).map { .some($0) } }
        guard let objective = number(fields[6]), let hosts = integer(fields[7]), let migrations = integer(fields[8]),
              let cost = number(fields[9]), let bound = number(fields[12]), let opt = number(fields[14]),
              let gapOpt = number(fields[15]), let gapBound = number(fields[16]) else { return nil }
        self.init(instance: fields[0], instanceClass: fields[1], vmCount: n, dimensionCount: d, goal: fields[4],
                  method: fields[5], objective: objective, hosts: hosts, migrations: migrations, migrationCost: cost,
                  seconds: seconds, status: fields[11], lowerBound: bound, boundSource: fields[13], knownOptimum: opt,
                  gapToOptimum: gapOpt, gapToBound: gapBound, verdict: fields[17])
    }

    /// The row without its non-deterministic column (seconds set to 0), for comparisons.
    public var withoutTime: ScoreRow {
        var copy = self
        copy.seconds = 0
        return copy
    }

    /// Canonical order of rows: class, n, instance, goal, method (all ascending).
    public static func canonicalOrder(_ a: ScoreRow, _ b: ScoreRow) -> Bool {
        if a.instanceClass != b.instanceClass { return a.instanceClass < b.instanceClass }
        if a.vmCount != b.vmCount { return a.vmCount < b.vmCount }
        if a.instance != b.instance { return a.instance < b.instance }
        if a.goal != b.goal { return a.goal < b.goal }
        return a.method < b.method
    }
}

