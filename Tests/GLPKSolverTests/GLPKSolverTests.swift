import Foundation
import LinearProgramming
import XCTest

@testable import GLPKSolver

final class GLPKSolverTests: XCTestCase {
    let solver = GLPKSolver()

    // MARK: Known optima

    func testKnapsackOptimum() throws {
        let mip = TestModels.knapsack(offset: 0.5)
        let result = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.termination, .completed)
        XCTAssertEqual(result.objective, 15.5)
        XCTAssertEqual(result.bestBound, result.objective)
        XCTAssertEqual(result.gap, 0)
        XCTAssertEqual(result.values, TestModels.knapsackOptimum)
        XCTAssertEqual(mip.violations(result.values), [])
        XCTAssertEqual(mip.evaluate(result.values), 15.5)
    }

    func testKnapsackWithPresolveAndCuts() throws {
        let mip = TestModels.knapsack()
        let options = MIPSolveOptions(presolve: true,
                                      cuts: .init(gomory: true, mixedIntegerRounding: true, clique: true),
                                      logLevel: .normal)
        let result = try solver.solve(mip, options: options)
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.objective, 15)
        XCTAssertEqual(result.values, TestModels.knapsackOptimum)
        XCTAssertTrue(result.log.contains("mip =") && result.log.contains("tree is empty"),
                      "log should hold GLPK's output, got: \(result.log)")
    }

    func testBinPackingOptimumAndBound() throws {
        let mip = TestModels.smallBinPacking()
        let result = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.objective, 2)
        XCTAssertEqual(result.bestBound, 2)
        XCTAssertEqual(mip.violations(result.values), [])
    }

    func testPureLP() throws {
        // min x + y, x + 2y ≥ 4, 3x + y ≥ 6 → x = 1.6, y = 1.2, objective 2.8.
        var mip = MIP(name: "lp")
        mip.addColumn(.init(name: "x", objective: 1))
        mip.addColumn(.init(name: "y", objective: 1))
        mip.addRow(.init(name: "r1", columns: [0, 1], coefficients: [1, 2], lowerBound: 4))
        mip.addRow(.init(name: "r2", columns: [0, 1], coefficients: [3, 1], lowerBound: 6))
        let result = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(result.objective), 2.8, accuracy: 1e-9)
        XCTAssertEqual(result.values[0], 1.6, accuracy: 1e-9)
        XCTAssertEqual(result.values[1], 1.2, accuracy: 1e-9)

        let relaxation = try solver.solveLPRelaxation(mip)
        XCTAssertEqual(relaxation.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(relaxation.objective), 2.8, accuracy: 1e-9)
        XCTAssertEqual(relaxation.rowDuals.count, 2)
        XCTAssertEqual(relaxation.rowDuals[0], 0.4, accuracy: 1e-9)
        XCTAssertEqual(relaxation.rowDuals[1], 0.2, accuracy: 1e-9)
        XCTAssertEqual(relaxation.reducedCosts, [0, 0])
    }

    func testLPRelaxationOfMIPDropsIntegrality() throws {
        let relaxation = try solver.solveLPRelaxation(TestModels.smallBinPacking())
        XCTAssertEqual(relaxation.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(relaxation.objective), 1.2, accuracy: 1e-9)
        XCTAssertEqual(relaxation.values.count, 12)
    }

    func testDegenerateModels() throws {
        // No rows: bounds alone decide.
        var boundsOnly = MIP(name: "bounds_only", objectiveOffset: 1)
        boundsOnly.addColumn(.init(name: "x", lowerBound: 2.5, upperBound: 9, objective: 2, isInteger: true))
        boundsOnly.addColumn(.init(name: "y", lowerBound: -1, upperBound: 4, objective: -1))
        let result = try solver.solve(boundsOnly, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.values, [3, 4])
        XCTAssertEqual(result.objective, 1 + 6 - 4)
        let relaxation = try solver.solveLPRelaxation(boundsOnly)
        XCTAssertEqual(relaxation.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(relaxation.objective), 1 + 5 - 4, accuracy: 1e-9)
        XCTAssertEqual(relaxation.rowDuals, [])
        // Nothing at all: the offset is the optimum.
        let empty = MIP(name: "empty", objectiveOffset: 4)
        let emptyResult = try solver.solve(empty, options: MIPSolveOptions())
        XCTAssertEqual(emptyResult.status, .optimal)
        XCTAssertEqual(emptyResult.objective, 4)
        XCTAssertEqual(try solver.solveLPRelaxation(empty).objective, 4)
    }

    // MARK: Infeasible, unbounded

    func testInfeasibleLPRelaxation() throws {
        var mip = MIP(name: "infeasible")
        mip.addColumn(.binary("x"))
        mip.addColumn(.binary("y"))
        mip.addRow(.init(name: "too_much", columns: [0, 1], coefficients: [1, 1], lowerBound: 3))
        let result = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .infeasible)
        XCTAssertNil(result.objective)
        XCTAssertEqual(result.values, [])
    }

    func testIntegerInfeasibleWithFeasibleRelaxation() throws {
        // 2x = 1 with x integer: the LP relaxation (x = 0.5) is feasible, the MIP is not.
        var mip = MIP(name: "parity")
        mip.addColumn(.init(name: "x", lowerBound: 0, upperBound: 5, objective: 1, isInteger: true))
        mip.addRow(.init(name: "odd", columns: [0], coefficients: [2], lowerBound: 1, upperBound: 1))
        for presolve in [false, true] {
            let result = try solver.solve(mip, options: MIPSolveOptions(presolve: presolve))
            XCTAssertEqual(result.status, .infeasible, "presolve \(presolve)")
        }
    }

    func testUnboundedLP() throws {
        var mip = MIP(name: "unbounded", sense: .maximize)
        mip.addColumn(.init(name: "x", objective: 1))
        mip.addColumn(.init(name: "y", objective: 1))
        mip.addRow(.init(name: "r", columns: [0, 1], coefficients: [1, -1], upperBound: 1))
        XCTAssertEqual(try solver.solve(mip, options: MIPSolveOptions()).status, .unbounded)
        XCTAssertEqual(try solver.solveLPRelaxation(mip).status, .unbounded)
        mip.columns[0].isInteger = true
        XCTAssertEqual(try solver.solve(mip, options: MIPSolveOptions()).status, .unbounded)
    }

    // MARK: Limits

    func testTimeLimitIsRespected() throws {
        let mip = TestModels.randomBinPacking(items: 30, dimensions: 2, hosts: 30, seed: 7)
        let started = Date()
        let result = try solver.solve(mip, options: MIPSolveOptions(timeLimit: 1))
        let wall = Date().timeIntervalSince(started)
        XCTAssertLessThan(wall, 20, "generous sanity cap")
        XCTAssertEqual(result.termination, .timeLimit, "this model is not expected to be proven in 1 s")
        XCTAssertTrue([.feasible, .timeLimitNoSolution].contains(result.status), "\(result.status)")
        if result.status == .feasible {
            let objective = try XCTUnwrap(result.objective)
            let bound = try XCTUnwrap(result.bestBound)
            XCTAssertLessThanOrEqual(bound, objective)
            XCTAssertGreaterThan(bound, 0)
            XCTAssertEqual(mip.violations(result.values), [])
            XCTAssertEqual(try XCTUnwrap(result.gap), MIPResult.relativeGap(objective: objective, bound: bound))
        }
    }

    func testRelativeGapStop() throws {
        // The small bin packing has LP bound 1.2 and optimum 2: a 50 % gap accepts the first
        // incumbent ≤ 2.4 without proof, so the result must be a solution with bound ≤ objective.
        let mip = TestModels.smallBinPacking()
        let result = try solver.solve(mip, options: MIPSolveOptions(relativeGap: 0.5))
        XCTAssertTrue(result.hasSolution)
        XCTAssertLessThanOrEqual(try XCTUnwrap(result.bestBound), try XCTUnwrap(result.objective))
        XCTAssertEqual(mip.violations(result.values), [])
    }

    // MARK: Incumbent injection and early stop

    func testInjectedOptimalIncumbent() throws {
        let mip = TestModels.smallBinPacking()
        let options = MIPSolveOptions(incumbent: TestModels.smallBinPackingTwoHosts)
        let result = try solver.solve(mip, options: options)
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.termination, .completed)
        XCTAssertEqual(result.objective, 2)
        XCTAssertEqual(result.bestBound, 2)
        XCTAssertEqual(result.incumbentAccepted, true)
    }

    func testEarlyStopWhenIncumbentEqualsCeilingOfBound() throws {
        let mip = TestModels.smallBinPacking()
        let options = MIPSolveOptions(incumbent: TestModels.smallBinPackingTwoHosts, integralObjective: true)
        let result = try solver.solve(mip, options: options)
        XCTAssertEqual(result.termination, .integralBoundReached)
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.objective, 2)
        XCTAssertEqual(result.bestBound, 2)
        XCTAssertEqual(result.values, TestModels.smallBinPackingTwoHosts)
    }

    func testStopAtObjective() throws {
        // Maximisation: any incumbent with value ≥ 1 stops the search at once, unproven.
        let mip = TestModels.randomKnapsack(items: 40, seed: 11)
        let full = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(full.status, .optimal)
        let options = MIPSolveOptions(timeLimit: 10, stopAtObjective: 1)
        let result = try solver.solve(mip, options: options)
        XCTAssertEqual(result.termination, .objectiveTargetReached)
        XCTAssertEqual(result.status, .feasible)
        let objective = try XCTUnwrap(result.objective)
        let bound = try XCTUnwrap(result.bestBound)
        XCTAssertGreaterThanOrEqual(objective, 1)
        XCTAssertGreaterThanOrEqual(bound, try XCTUnwrap(full.objective) - 1e-9, "a valid upper bound")
        XCTAssertGreaterThan(bound, objective)
        XCTAssertEqual(mip.violations(result.values), [])
    }

    func testBoundMeetingIncumbentMeansOptimal() throws {
        // GLPK rounds node bounds up for an integral objective, so after injecting a two-host
        // solution and stopping at 2 the bound (2) meets the incumbent: proven optimal.
        let mip = TestModels.smallBinPacking()
        let options = MIPSolveOptions(incumbent: TestModels.smallBinPackingTwoHosts, stopAtObjective: 2)
        let result = try solver.solve(mip, options: options)
        XCTAssertEqual(result.termination, .objectiveTargetReached)
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.objective, 2)
        XCTAssertEqual(result.bestBound, 2)
    }

    func testInfeasibleIncumbentIsRejectedBySwift() {
        var wrong = TestModels.smallBinPackingTwoHosts
        wrong[0] = 0 // host 0 closed while items sit on it
        XCTAssertThrowsError(try solver.solve(TestModels.smallBinPacking(),
                                              options: MIPSolveOptions(incumbent: wrong))) { error in
            guard case .invalidOption(name: "incumbent", _, _)? = error as? MIPError else {
                return XCTFail("unexpected \(error)")
            }
        }
    }

    // MARK: Errors

    func testSwiftValidationRejectsMalformedModels() {
        func expect(_ mip: MIP, _ check: (MIPError) -> Bool, line: UInt = #line) {
            XCTAssertThrowsError(try solver.solve(mip, options: MIPSolveOptions()), line: line) { error in
                guard let error = error as? MIPError else { return XCTFail("not a MIPError: \(error)", line: line) }
                XCTAssertTrue(check(error), "unexpected \(error)", line: line)
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        var nan = TestModels.knapsack()
        nan.rows[0].coefficients[2] = .nan
        expect(nan) { if case .nonFiniteValue(.row, 0, "capacity", _, _) = $0 { true } else { false } }

        var outOfRange = TestModels.knapsack()
        outOfRange.rows[0].columns[4] = 5
        expect(outOfRange) {
            $0 == .columnIndexOutOfRange(row: 0, name: "capacity", position: 4, column: 5, columnCount: 5)
        }

        var crossedBounds = TestModels.knapsack()
        crossedBounds.columns[1].lowerBound = 2
        expect(crossedBounds) {
            $0 == .invalidBounds(element: .column, index: 1, name: "take_1", lower: 2, upper: 1)
        }

        var duplicate = TestModels.knapsack()
        duplicate.rows[0].columns[1] = 0
        expect(duplicate) { $0 == .duplicateColumnInRow(row: 0, name: "capacity", column: 0, columnName: "take_0") }

        var badName = TestModels.knapsack()
        badName.columns[3].name = "3rd-item"
        expect(badName) { $0 == .invalidName(element: .column, index: 3, name: "3rd-item") }

        var sameName = TestModels.knapsack()
        sameName.columns[3].name = "take_0"
        expect(sameName) { $0 == .duplicateName(element: .column, index: 3, name: "take_0", firstIndex: 0) }

        var mismatch = TestModels.knapsack()
        mismatch.rows[0].coefficients.removeLast()
        expect(mismatch) { $0 == .lengthMismatch(row: 0, name: "capacity", columns: 5, coefficients: 4) }

        XCTAssertThrowsError(try solver.solve(TestModels.knapsack(), options: MIPSolveOptions(relativeGap: -1)))
        XCTAssertThrowsError(try solver.solve(TestModels.knapsack(), options: MIPSolveOptions(timeLimit: 0)))
    }

    func testErrorRaisedInsideGLPKIsThrownAndProcessSurvives() throws {
        let mip = TestModels.knapsack()
        for _ in 0..<50 {
            XCTAssertThrowsError(try GLPKRun.solveMIP(mip, options: MIPSolveOptions(),
                                                      fault: .negativeRelativeGap)) { error in
                guard case let .raised(call, message)? = error as? GLPKError else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertEqual(call, "glp_intopt")
                XCTAssertTrue(message.contains("mip_gap"), message)
            }
            XCTAssertThrowsError(try GLPKRun.solveMIP(mip, options: MIPSolveOptions(),
                                                      fault: .columnIndexOutOfRange)) { error in
                guard case let .raised(_, message)? = error as? GLPKError else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertTrue(message.contains("out of range"), message)
            }
        }
        // The thread's environment was freed and rebuilt: normal solves still work.
        let result = try solver.solve(mip, options: MIPSolveOptions())
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.objective, 15)
    }

    func testWriteIntoMissingDirectoryThrows() {
        let path = NSTemporaryDirectory() + "/no-such-directory-\(UUID().uuidString)/model.lp"
        XCTAssertThrowsError(try solver.writeCPLEXLP(TestModels.knapsack(), to: path)) { error in
            guard case .file? = error as? GLPKError else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    // MARK: Pure-Swift helpers

    func testEvaluateAndViolations() {
        let mip = TestModels.knapsack(offset: 1)
        XCTAssertEqual(mip.evaluate(TestModels.knapsackOptimum), 16)
        XCTAssertEqual(mip.violations(TestModels.knapsackOptimum), [])
        let violations = mip.violations([1, 1, 1, 0.5, 2])
        XCTAssertTrue(violations.contains(.integrality(column: 3, name: "take_3", value: 0.5)))
        XCTAssertTrue(violations.contains(.columnBound(column: 4, name: "take_4", value: 2, lower: 0, upper: 1)))
        XCTAssertTrue(violations.contains(.row(row: 0, name: "capacity", activity: 23.5, lower: -.infinity, upper: 15)))
        XCTAssertEqual(violations.count, 3)
        XCTAssertEqual(mip.violations([1]), [.valueCount(expected: 5, actual: 1)])
    }
}
