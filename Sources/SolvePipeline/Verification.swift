import InstanceFormats
import PlacementModel

/// The one definition of a verified answer, used by `vmplace solve`, `vmplace score`,
/// `vmplace check` and every command built on ``SolveSession``:
/// * the placement passes `PlacementChecker` — every hard rule; VMs may be unplaced only when
///   the method lists them as unplaced; for the hotspot goal the overload thresholds too, unless
///   the method reports the result infeasible (it says which hot spot it left);
/// * the migration plan, when there is one, passes `PlacementChecker.checkPlan`;
/// * every claim holds: the reported objective, hosts and migrations equal the recomputed ones, a
///   bound is at most the objective, and `optimal` comes with a bound equal to the objective.
public struct Verification: Sendable, Hashable {
    /// Checker violations of the placement and of the plan.
    public var violations: [Violation]
    /// Claims that do not hold (a reported value that differs from the recomputed one, …).
    public var falseClaims: [String]

    public init(violations: [Violation] = [], falseClaims: [String] = []) {
        self.violations = violations
        self.falseClaims = falseClaims
    }

    /// No violation and no false claim.
    public var passed: Bool { violations.isEmpty && falseClaims.isEmpty }

    /// Every problem, violations first, as printed.
    public var problems: [String] { violations.map(\.description) + falseClaims }

    /// Relative tolerance for comparing a claimed value with the recomputed one.
    public static let tolerance = 1e-6

    /// The checker options the definition above implies for a result.
    public static func checkerOptions(goal: Goal, status: SolutionStatus, listsUnplaced: Bool) -> PlacementChecker.Options {
        PlacementChecker.Options(allowUnplaced: listsUnplaced,
                                 enforceOverloadThresholds: goal == .hotspot && status != .infeasible)
    }

    /// Verifies `placement` (and `plan`, from the current placement) for `goal` against the
    /// instance, and `claims` against the values recomputed from the placement.
    /// - Complexity: that of `PlacementChecker` plus O(n·d) for the recomputation.
    public static func verify(_ instance: Instance, goal: Goal, placement: Placement, listsUnplaced: Bool,
                              plan: MigrationPlan?, claims: SolutionClaims) -> Verification {
        let options = checkerOptions(goal: goal, status: claims.status, listsUnplaced: listsUnplaced)
        var violations = PlacementChecker.check(instance, placement, options: options)
        if let plan {
            violations += PlacementChecker.checkPlan(instance, plan, from: instance.currentPlacement, to: placement)
        }
        guard placement.hostOfVM.count == instance.vms.count,
              placement.hostOfVM.allSatisfy({ $0.map { instance.hosts.indices.contains($0) } ?? true }) else {
            return Verification(violations: violations)
        }
        let objective = instance.objective(of: placement, goal: goal)
        return Verification(violations: violations, falseClaims: falseClaims(claims, objective: objective,
                                                                             hostsUsed: placement.usedHosts.count,
                                                                             migrations: instance.migrationCount(placement)))
    }

    /// The claims that differ from the recomputed values.
    static func falseClaims(_ claims: SolutionClaims, objective: Double, hostsUsed: Int, migrations: Int) -> [String] {
        var problems: [String] = []
        let slack = tolerance * max(1, abs(objective))
        if let reported = claims.objective, !(abs(reported - objective) <= slack) {
            problems.append("reported objective \(format(reported)) differs from the recomputed \(format(objective))")
        }
        if let reported = claims.hostsUsed, reported != hostsUsed {
            problems.append("reported hostsUsed \(reported) differs from the recomputed \(hostsUsed)")
        }
        if let reported = claims.migrations, reported != migrations {
            problems.append("reported migrations \(reported) differ from the recomputed \(migrations)")
        }
        if let bound = claims.bound {
            if !bound.isFinite {
                problems.append("the bound \(bound) is not a finite number")
            } else if bound > objective + slack {
                problems.append("the bound \(format(bound)) exceeds the objective \(format(objective)): a lower bound cannot")
            }
        }
        if claims.status == .optimal {
            if let bound = claims.bound {
                if bound.isFinite, objective - bound > slack {
                    problems.append("status optimal, but the bound \(format(bound)) is below the objective \(format(objective))")
                }
            } else {
                problems.append("status optimal without a bound: optimality is claimed only with a bound equal to the objective")
            }
        }
        return problems
    }

    static func format(_ value: Double) -> String { JSONOutput.format(value) }
}
