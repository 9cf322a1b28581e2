import PlacementModel
import XCTest
@testable import Migration

/// The fixes made to `PlacementChecker.checkPlan` while reviewing it for the planner.
final class CheckPlanTests: XCTestCase {
    // Three members of one anti-affinity group start together on h0 (already broken). Moving v0
    // away leaves v1 and v2 together: the same broken rule on the same host, not a new violation
    // (before the fix the changed message made it look new).
    func testExistingAntiAffinityConflictIsNotNewWhenAMemberLeaves() {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, 0), (10, 0), (10, 0)], antiAffinity: [[0, 1, 2]])
        let plan = MigrationPlan(waves: [[MigrationMove(vm: 0, from: 0, to: 1)]])
        let target = Placement(hostOfVM: [1, 0, 0])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, plan, from: instance.currentPlacement, to: target), [])
        // Bringing v0 back to h1 next to a partner that was moved there is new, and is reported.
        let bad = MigrationPlan(waves: [[MigrationMove(vm: 1, from: 0, to: 1)], [MigrationMove(vm: 0, from: 0, to: 1)]])
        let violations = PlacementChecker.checkPlan(instance, bad, from: instance.currentPlacement,
                                                    to: Placement(hostOfVM: [1, 1, 0]))
        XCTAssertEqual(violations.count, 1)
        XCTAssertTrue(violations[0].message.contains("after wave 2"), "\(violations)")
    }

    // VMs started (no current host) or stopped (no target) are not migrations: an empty plan
    // reaches such a target.
    func testStartedAndStoppedVMsAreNotMissingMoves() {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, nil), (10, 0)])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, MigrationPlan(), from: instance.currentPlacement,
                                                  to: Placement(hostOfVM: [1, nil])), [])
        let missing = PlacementChecker.checkPlan(instance, MigrationPlan(), from: instance.currentPlacement,
                                                 to: Placement(hostOfVM: [1, 1]))
        XCTAssertEqual(missing.map(\.kind), [.planTarget])
    }

    // Mismatched or out-of-range placements are reported, not a crash.
    func testBadPlacementsAreViolationsNotCrashes() {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, 0)])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, MigrationPlan(), from: instance.currentPlacement,
                                                  to: Placement(hostOfVM: [])).map(\.kind), [.invalidReference])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, MigrationPlan(), from: Placement(hostOfVM: [7]),
                                                  to: Placement(hostOfVM: [0])).map(\.kind), [.invalidReference])
    }
}
