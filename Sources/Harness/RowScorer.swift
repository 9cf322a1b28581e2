import Foundation
import InstanceFormats
import PlacementModel
import SolvePipeline

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
