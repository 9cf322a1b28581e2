import PlacementModel
import SolvePipeline
import TestSupport
import XCTest

/// The one definition of verified: false claims are caught, true ones pass.
final class VerificationTests: XCTestCase {
    let instance = RandomInstances.make(seed: 4, vms: 8, hosts: 4, withCurrentPlacement: true)

    private func verify(_ claims: SolutionClaims, goal: Goal = .consolidate) -> Verification {
        Verification.verify(instance, goal: goal, placement: instance.currentPlacement, listsUnplaced: false, plan: nil,
                            claims: claims)
    }

    func testTrueClaimsPass() {
        let placement = instance.currentPlacement
        let objective = instance.objective(of: placement, goal: .consolidate)
        let claims = SolutionClaims(status: .optimal, objective: objective, bound: objective,
                                    hostsUsed: placement.usedHosts.count, migrations: 0)
        XCTAssertEqual(verify(claims).problems, [])
        XCTAssertEqual(verify(SolutionClaims(status: .feasible, objective: objective, bound: objective - 1)).problems, [])
    }

    func testEveryFalseClaimIsNamed() {
        let objective = instance.objective(of: instance.currentPlacement, goal: .consolidate)
        let problems = verify(SolutionClaims(status: .optimal, objective: -999, bound: 1e9, hostsUsed: 0, migrations: 5)).falseClaims
        XCTAssertEqual(problems.count, 4, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("reported objective -999 differs"), problems[0])
        XCTAssertTrue(problems[1].hasPrefix("reported hostsUsed 0 differs"), problems[1])
        XCTAssertTrue(problems[2].hasPrefix("reported migrations 5 differ"), problems[2])
        XCTAssertTrue(problems[3].contains("exceeds the objective"), problems[3])
        let unproven = verify(SolutionClaims(status: .optimal, objective: objective)).falseClaims
        XCTAssertEqual(unproven.count, 1)
        XCTAssertTrue(unproven[0].contains("optimal without a bound"), unproven[0])
        let gap = verify(SolutionClaims(status: .optimal, objective: objective, bound: objective - 1)).falseClaims
        XCTAssertTrue(gap.first?.contains("below the objective") ?? false, "\(gap)")
    }

    /// A hotspot result declared infeasible is checked without thresholds (it says which hot spot
    /// it left); declared feasible, its hot spots are violations.
    func testThresholdsAreEnforcedUnlessTheResultIsDeclaredInfeasible() {
        var hot = instance
        hot.overloadThreshold = Array(repeating: 0.01, count: hot.dimensionCount)
        let feasible = Verification.verify(hot, goal: .hotspot, placement: hot.currentPlacement, listsUnplaced: false,
                                           plan: nil, claims: SolutionClaims(status: .feasible))
        XCTAssertTrue(feasible.violations.contains { $0.kind == .overloadThreshold })
        let declared = Verification.verify(hot, goal: .hotspot, placement: hot.currentPlacement, listsUnplaced: false,
                                           plan: nil, claims: SolutionClaims(status: .infeasible))
        XCTAssertEqual(declared.violations, [])
    }
}
