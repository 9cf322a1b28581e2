import Heuristics
import InstanceFormats
import PlacementModel
import SolvePipeline
import XCTest
@testable import Harness

final class ScoringTests: XCTestCase {
    /// 4 VMs of (60, 10), (50, 10), (40, 10), (30, 10) on hosts of (100, 100): L1 = ⌈180/100⌉ = 2.
    func smallInstance(known: KnownValues = KnownValues()) -> Instance {
        let hosts = (0..<4).map { Host(id: "h\($0 + 1)", capacity: ResourceVector([100, 100])) }
        let vms = [60.0, 50, 40, 30].enumerated().map { VirtualMachine(id: "v\($0.offset + 1)", demand: ResourceVector([$0.element, 10])) }
        return Instance(name: "small_4_2_0", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms, known: known)
    }

    func testRelativeGapDefinitions() {
        XCTAssertEqual(Gap.relative(objective: 3, reference: 2), 0.5)
        XCTAssertEqual(Gap.relative(objective: 2, reference: 2), 0)
        XCTAssertEqual(Gap.relative(objective: 11, reference: 10)!, 0.1, accuracy: 1e-12)
        XCTAssertEqual(Gap.relative(objective: 0, reference: 0), 0)
        XCTAssertNil(Gap.relative(objective: 1, reference: 0), "undefined when the reference is 0 and the objective is not")
        XCTAssertNil(Gap.relative(objective: 1, reference: nil))
        XCTAssertNil(Gap.relative(objective: nil, reference: 1))
    }

    func testL1BoundCountsHostsFromTheTightestDimension() {
        let instance = smallInstance()
        XCTAssertEqual(LowerBoundL1.hostCount(instance), 2)
        XCTAssertEqual(LowerBoundL1.objectiveBound(instance, goal: .place), 2)
        XCTAssertNil(LowerBoundL1.objectiveBound(instance, goal: .balance))
        var exact = instance
        exact.vms[3].demand = ResourceVector([50, 10]) // total 200 exactly: no rounding up past 2
        XCTAssertEqual(LowerBoundL1.hostCount(exact), 2)
        exact.vms[3].demand = ResourceVector([50.5, 10])
        XCTAssertEqual(LowerBoundL1.hostCount(exact), 3)
    }

    func testReferenceCombinationTakesLargestBoundAndFirstOptimum() {
        let values = ReferenceValues.combine(optima: [("instance", nil), ("known-file", 7)],
                                             bounds: [("instance", 5), ("known-file", 6), ("L1", 4)])
        XCTAssertEqual(values.knownOptimum, 7)
        XCTAssertEqual(values.lowerBound, 7)
        XCTAssertEqual(values.boundSource, "opt")
        let boundsOnly = ReferenceValues.combine(optima: [], bounds: [("instance", 5), ("exact", 6.5), ("L1", 6.5)])
        XCTAssertNil(boundsOnly.knownOptimum)
        XCTAssertEqual(boundsOnly.lowerBound, 6.5)
        XCTAssertEqual(boundsOnly.boundSource, "exact", "ties go to the earlier source")
    }

    func testRowOfAFeasiblePlacementRecomputesObjectiveAndGaps() throws {
        let instance = smallInstance()
        // Three hosts used: objective 3, optimum 2 (60+40, 50+30), L1 = 2.
        let placement = Placement(hostOfVM: [0, 1, 2, 2])
        let result = SolveResult(status: .feasible, placement: placement, objective: 3, method: "hand", goal: .place)
        let reference = ReferenceValues.combine(optima: [("known-file", 2)], bounds: [("L1", 2)])
        let row = RowScorer.row(instance: instance, identity: InstanceIdentity(name: "small_4_2_0"), goal: .place, method: "hand",
                                outcome: .solved(pipeline(instance, result)), seconds: 0.5, reference: reference)
        XCTAssertEqual(row.verdict, "ok")
        XCTAssertEqual(row.objective, 3)
        XCTAssertEqual(row.hosts, 3)
        XCTAssertEqual(row.gapToOptimum, 0.5)
        XCTAssertEqual(row.gapToBound, 0.5)
        XCTAssertEqual(row.instanceClass, "small")
        XCTAssertEqual(row.vmCount, 4)
        XCTAssertEqual(row.dimensionCount, 2)
    }

    func testOverloadedPlacementGetsAFailedVerdictAndNoGap() throws {
        let instance = smallInstance()
        let result = try OverloadingMethod().solve(instance, goal: .place, options: SolveOptions())
        let row = RowScorer.row(instance: instance, identity: InstanceIdentity(name: instance.name), goal: .place,
                                method: "overload-all", outcome: .solved(pipeline(instance, result)), seconds: 0, reference: ReferenceValues(lowerBound: 2, boundSource: "L1"))
        XCTAssertTrue(row.verdict.hasPrefix("failed: 1 problem: capacity"), row.verdict)
        XCTAssertEqual(row.objective, 1, "the recomputed objective is still reported")
        XCTAssertNil(row.gapToBound)
        XCTAssertFalse(row.isChecked)
    }

    func testWrongReportedObjectiveAndObjectiveBelowBoundAreCaught() throws {
        let instance = smallInstance()
        let lying = try LyingMethod().solve(instance, goal: .place, options: SolveOptions())
        let row = RowScorer.row(instance: instance, identity: InstanceIdentity(name: instance.name), goal: .place, method: "lying",
                                outcome: .solved(pipeline(instance, lying)), seconds: 0, reference: ReferenceValues())
        XCTAssertTrue(row.verdict.contains("reported objective"), row.verdict)
        let honest = try FirstFitDecreasing().solve(instance, goal: .place, options: SolveOptions())
        let wrongBound = RowScorer.row(instance: instance, identity: InstanceIdentity(name: instance.name), goal: .place, method: "ffd",
                                       outcome: .solved(pipeline(instance, honest)), seconds: 0, reference: ReferenceValues(lowerBound: 5, boundSource: "known-file"))
        XCTAssertTrue(wrongBound.verdict.contains("below the lower bound 5 (known-file)"), wrongBound.verdict)
    }

    func testThrownErrorAndMissingPlacementBecomeRows() {
        let instance = smallInstance()
        let error = RowScorer.row(instance: instance, identity: InstanceIdentity(name: instance.name), goal: .place, method: "throws",
                                  outcome: .failed("deliberate failure"), seconds: 0, reference: ReferenceValues())
        XCTAssertEqual(error.status, "error")
        XCTAssertEqual(error.verdict, "error: deliberate failure")
        XCTAssertNil(error.objective)
        let none = RowScorer.row(instance: instance, identity: InstanceIdentity(name: instance.name), goal: .place, method: "m",
                                 outcome: .solved(pipeline(instance, SolveResult(status: .timeLimit, placement: nil, method: "m", goal: .place))),
                                 seconds: 0, reference: ReferenceValues())
        XCTAssertEqual(none.status, "timeLimit")
        XCTAssertEqual(none.verdict, "no placement")
    }

    func testCSVRoundTripKeepsEveryFieldIncludingCommasAndQuotes() {
        let row = ScoreRow(instance: "a,b", instanceClass: "a", vmCount: 3, dimensionCount: 2, goal: "place", method: "m",
                           objective: 2.5, hosts: 2, migrations: 0, migrationCost: 0, seconds: 0.1234, status: "feasible",
                           lowerBound: 2, boundSource: "L1", knownOptimum: nil, gapToOptimum: nil, gapToBound: 0.25,
                           verdict: "failed: 1 problem: capacity: host \"h1\", cpu\nexceeds")
        let parsed = ScoreRow(csvLine: row.csvLine)
        XCTAssertNotNil(parsed)
        XCTAssertEqual(parsed?.instance, "a,b")
        XCTAssertEqual(parsed?.verdict, "failed: 1 problem: capacity: host \"h1\", cpu exceeds")
        XCTAssertEqual(parsed?.gapToBound, 0.25)
        XCTAssertNil(parsed?.knownOptimum)
        XCTAssertEqual(parsed?.seconds, 0.1234)
        XCTAssertNil(ScoreRow(csvLine: "x,y,3"), "incomplete rows are rejected")
    }

    /// The result through the pipeline's assembly, as `vmplace score` scores it.
    private func pipeline(_ instance: Instance, _ result: SolveResult) -> SolveOutcome {
        SolveOutcome(instance: instance, result: result, seconds: 0, migrationBudget: nil)
    }
}
