import Foundation
import InstanceFormats
import PlacementModel
import SolvePipeline

/// The reference values a row is scored against: the best certified lower bound and the optimum.
public struct ReferenceValues: Sendable, Hashable {
    public var lowerBound: Double?
    /// Which source gave `lowerBound`: `opt`, `instance`, `known-file`, `exact`, `L1`, or empty.
    public var boundSource: String
    public var knownOptimum: Double?
    public init(lowerBound: Double? = nil, boundSource: String = "", knownOptimum: Double? = nil) {
        self.lowerBound = lowerBound
        self.boundSource = boundSource
        self.knownOptimum = knownOptimum
    }

    /// Combines sources: the optimum is the first one given (instance file, then `--known`, then the
    /// exact method); the lower bound is the largest bound of all sources (an optimum is a bound
    /// too). Ties go to the earlier source in the list. Values are rounded as the CSV writes them,
    /// so a resumed run computes exactly the same gaps from the values it reads back.
    public static func combine(optima: [(source: String, value: Double?)], bounds: [(source: String, value: Double?)]) -> ReferenceValues {
        var result = ReferenceValues()
        result.knownOptimum = optima.lazy.compactMap(\.value).first.map(normalise)
        var candidates: [(String, Double)] = []
        if let opt = result.knownOptimum { candidates.append(("opt", opt)) }
        for (source, value) in bounds { if let value, value.isFinite { candidates.append((source, normalise(value))) } }
        for (source, value) in candidates where result.lowerBound.map({ value > $0 }) ?? true {
            result.lowerBound = value
            result.boundSource = source
        }
        return result
    }

    /// The value as the CSV writes it, read back.
    public static func normalise(_ value: Double) -> Double { Double(JSONOutput.format(value)) ?? value }
}

/// Gap and verdict arithmetic. Definitions (also in `Results/README.md`):
/// * gap to opt = (objective − opt) / opt; gap to bound = (objective − LB) / LB;
/// * both are 0 when objective and reference are both 0 (within 1e-9), and empty when the
///   reference is missing, the reference is 0 and the objective is not, or the checker rejected
///   the placement.
public enum Gap {
    /// Absolute tolerance used when comparing objectives with references.
    public static let tolerance = 1e-9

    public static func relative(objective: Double?, reference: Double?) -> Double? {
        guard let objective, let reference, reference >= 0 else { return nil }
        if reference <= tolerance { return abs(objective) <= tolerance ? 0 : nil }
        return ReferenceValues.normalise((objective - reference) / reference)
    }
}

/// Turns a method's verified outcome (``SolveOutcome``, from the one pipeline that `vmplace solve`
/// uses) into a ``ScoreRow``: the objective recomputed from the placement, the verdict of
/// ``Verification`` (checker, thresholds, plan, claims) plus the reference check below, and the
/// gaps. Never trusts the method's own objective.
public enum RowScorer {
    /// What happened when the method ran.
    public enum Outcome: Sendable {
        case solved(SolveOutcome)
        case failed(String)
    }

    public static func row(instance: Instance, identity: InstanceIdentity, goal: Goal, method: String,
                           outcome: Outcome, seconds: Double, reference: ReferenceValues) -> ScoreRow {
        var row = ScoreRow(instance: identity.name, instanceClass: identity.instanceClass, vmCount: instance.vms.count,
                           dimensionCount: instance.dimensionCount, goal: goal.rawValue, method: method, objective: nil,
                           hosts: nil, migrations: nil, migrationCost: nil, seconds: seconds, status: "error",
                           lowerBound: reference.lowerBound, boundSource: reference.boundSource,
                           knownOptimum: reference.knownOptimum, gapToOptimum: nil, gapToBound: nil, verdict: "")
        switch outcome {
        case .failed(let message):
            row.verdict = "error: " + message
            return row
        case .solved(let solved):
            let result = solved.result
            row.status = result.status.rawValue
            guard let placement = result.placement else {
                row.verdict = result.status == .error ? "error: " + (result.notes.first ?? "the method failed") : "no placement"
                return row
            }
            row.verdict = verdict(instance: instance, goal: goal, outcome: solved, reference: reference)
            guard let objective = result.objective, solved.solution.placement != nil else { return row }
            row.objective = objective
            row.hosts = placement.usedHosts.count
            row.migrations = instance.migrationCount(placement)
            row.migrationCost = instance.totalMigrationCost(placement)
            if row.isChecked, result.status == .optimal || result.status == .feasible, result.unplaced.isEmpty {
                row.gapToOptimum = Gap.relative(objective: objective, reference: reference.knownOptimum)
                row.gapToBound = Gap.relative(objective: objective, reference: reference.lowerBound)
            }
            return row
        }
    }

    /// `ok`, or `failed: …` listing up to three problems: the outcome's verification problems
    /// (checker violations, false claims) and an objective below the certified lower bound.
    public static func verdict(instance: Instance, goal: Goal, outcome: SolveOutcome, reference: ReferenceValues) -> String {
        var problems = outcome.verification.problems
        if problems.isEmpty, let objective = outcome.result.objective, let bound = reference.lowerBound,
           objective < bound - Verification.tolerance * max(1, abs(objective)) {
            problems.append("objective \(JSONOutput.format(objective)) is below the lower bound \(JSONOutput.format(bound)) (\(reference.boundSource))")
        }
        if problems.isEmpty { return "ok" }
        return "failed: \(problems.count) problem\(problems.count == 1 ? "" : "s"): " + problems.prefix(3).joined(separator: "; ")
            + (problems.count > 3 ? "; …" : "")
    }
}
