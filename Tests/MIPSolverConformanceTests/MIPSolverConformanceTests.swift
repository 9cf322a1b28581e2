import CBCSolver
import ExactSolver
import Foundation
import GLPKSolver
import LinearProgramming
import XCTest

/// The `MIPSolver` contract, in the style of MathOptInterface's `MOI.Test`: every test runs over
/// every backend of ``ExactSolver/MIPSolverRegistry`` (GLPK and CBC). A backend that does not
/// support a feature is excluded from that test *by name, with the reason*, in ``exclusions``; an
/// exclusion is reported (printed), never silent.
final class MIPSolverConformanceTests: XCTestCase {
    /// Test name → backend names excluded, with the reason.
    static let exclusions: [String: [String: String]] = [
        "testInjectedIncumbentIsReportedAccepted": [
            "cbc": "CBC's C API takes a MIP start (Cbc_setMIPStartI) but does not say whether it was used",
        ],
        "testStopAtObjectiveEndsTheSearch": [
            "cbc": "the CBC backend ignores stopAtObjective (no callback in CBC 2.10's C API); it proves optimality instead",
        ],
        "testLogIsCollectedWhenAsked": [
            "cbc": "CBC writes its log to standard output itself; the backend collects none (log level 0 is silent)",
        ],
    ]

    /// The backends this test runs on (exclusions printed).
    func backends(_ test: String = #function) -> [any MIPSolver] {
        let name = String(test.prefix { $0 != "(" })
        return MIPSolverRegistry.all.filter { solver in
            if let reason = Self.exclusions[name]?[solver.name] {
                print("\(name): \(solver.name) excluded: \(reason)")
                return false
            }
            return true
        }
    }

    // MARK: Models

    /// min x + y, x + 2y ≥ 4, 3x + y ≥ 6 → x = 1.6, y = 1.2, objective 2.8, duals 0.4 and 0.2.
    static func smallLP(offset: Double = 0) -> MIP {
        var mip = MIP(name: "lp", objectiveOffset: offset)
        mip.addColumn(.init(name: "x", objective: 1))
        mip.addColumn(.init(name: "y", objective: 1))
        mip.addRow(.init(name: "r1", columns: [0, 1], coefficients: [1, 2], lowerBound: 4))
        mip.addRow(.init(name: "r2", columns: [0, 1], coefficients: [3, 1], lowerBound: 6))
        return mip
    }

    /// 0–1 knapsack, maximise: unique optimum items 1–4, value 15 (+ offset).
    static func knapsack(offset: Double = 0) -> MIP {
        let weights: [Double] = [12, 2, 1, 1, 4], values: [Double] = [4, 2, 1, 2, 10]
        var mip = MIP(name: "knapsack", sense: .maximize, objectiveOffset: offset)
        for index in weights.indices { mip.addColumn(.binary("take_\(index)", objective: values[index])) }
        mip.addRow(.init(name: "capacity", columns: Array(weights.indices), coefficients: weights, upperBound: 15))
        return mip
    }

    /// Three items of size 4, capacity 10, three bins: LP bound 1.2, optimum 2.
    static func smallBinPacking() -> MIP {
        var mip = MIP(name: "binpacking")
        for host in 0..<3 { mip.addColumn(.binary("y_\(host)", objective: 1)) }
        for item in 0..<3 { for host in 0..<3 { mip.addColumn(.binary("x_\(item)_\(host)")) } }
        for item in 0..<3 {
            mip.addRow(.init(name: "assign_\(item)", columns: (0..<3).map { 3 + 3 * item + $0 }, coefficients: [1, 1, 1],
                             lowerBound: 1, upperBound: 1))
        }
        for host in 0..<3 {
            mip.addRow(.init(name: "cap_\(host)", columns: (0..<3).map { 3 + 3 * $0 + host } + [host],
                             coefficients: [4, 4, 4, -10], upperBound: 0))
        }
        return mip
    }

    /// Two items on host 0, one on host 1.
    static let smallBinPackingTwoBins: [Double] = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0]

    /// A market split problem (Cornuéjols, Dawande, IPCO 1998) with slacks, so that it is always
    /// feasible: min Σ slack, Σ_j a_ij x_j + s⁺_i − s⁻_i = ⌊Σ_j a_ij / 2⌋, x binary. Branch and
    /// bound needs far more than a second on 4 × 40 for any solver of this kind.
    static func marketSplit(rows: Int = 4, columns: Int = 40, seed: UInt64 = 3) -> MIP {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % 100)
        }
        var mip = MIP(name: "market_split")
        for j in 0..<columns { mip.addColumn(.binary("x_\(j)")) }
        for i in 0..<rows {
            let a = (0..<columns).map { _ in next() }
            let plus = mip.addColumn(.init(name: "sp_\(i)", objective: 1, isInteger: true))
            let minus = mip.addColumn(.init(name: "sm_\(i)", objective: 1, isInteger: true))
            let target = (a.reduce(0, +) / 2).rounded(.down)
            mip.addRow(.init(name: "split_\(i)", columns: Array(0..<columns) + [plus, minus], coefficients: a + [1, -1],
                             lowerBound: target, upperBound: target))
        }
        return mip
    }

    // MARK: Optimal

    func testLPOptimalValuesAndObjective() throws {
        for solver in backends() {
            let result = try solver.solve(Self.smallLP(offset: 1), options: MIPSolveOptions())
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(result.termination, .completed, solver.name)
            XCTAssertEqual(try XCTUnwrap(result.objective), 3.8, accuracy: 1e-7, solver.name)
            XCTAssertEqual(try XCTUnwrap(result.bestBound), 3.8, accuracy: 1e-7, solver.name)
            guard result.values.count == 2 else { XCTFail("\(solver.name): \(result.values.count) values"); continue }
            XCTAssertEqual(result.values[0], 1.6, accuracy: 1e-7, solver.name)
            XCTAssertEqual(result.values[1], 1.2, accuracy: 1e-7, solver.name)
            XCTAssertEqual(result.gap, 0, solver.name)
        }
    }

    func testLPRelaxationDualsAndReducedCosts() throws {
        for solver in backends() {
            let relaxation = try solver.solveLPRelaxation(Self.smallLP(offset: 1), options: MIPSolveOptions())
            XCTAssertEqual(relaxation.status, .optimal, solver.name)
            XCTAssertEqual(try XCTUnwrap(relaxation.objective), 3.8, accuracy: 1e-7, solver.name)
            XCTAssertEqual(relaxation.rowDuals.count, 2, solver.name)
            guard relaxation.rowDuals.count == 2, relaxation.reducedCosts.count == 2 else { continue }
            // Binding ≥ rows of a minimisation: duals ≥ 0 (the objective's rate per unit of bound).
            XCTAssertEqual(relaxation.rowDuals[0], 0.4, accuracy: 1e-7, solver.name)
            XCTAssertEqual(relaxation.rowDuals[1], 0.2, accuracy: 1e-7, solver.name)
            XCTAssertEqual(relaxation.reducedCosts[0], 0, accuracy: 1e-7, solver.name)
            XCTAssertEqual(relaxation.reducedCosts[1], 0, accuracy: 1e-7, solver.name)
        }
    }

    func testLPRelaxationDropsIntegrality() throws {
        for solver in backends() {
            let relaxation = try solver.solveLPRelaxation(Self.smallBinPacking(), options: MIPSolveOptions())
            XCTAssertEqual(relaxation.status, .optimal, solver.name)
            XCTAssertEqual(try XCTUnwrap(relaxation.objective), 1.2, accuracy: 1e-7, solver.name)
            XCTAssertEqual(relaxation.values.count, 12, solver.name)
        }
    }

    func testMIPMaximiseWithOffset() throws {
        for solver in backends() {
            let result = try solver.solve(Self.knapsack(offset: 2.5), options: MIPSolveOptions())
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(result.objective, 17.5, solver.name)
            XCTAssertEqual(result.bestBound, 17.5, solver.name)
            XCTAssertEqual(result.values, [0, 1, 1, 1, 1], solver.name)
        }
    }

    func testMIPBoundBelowLPAndIntegralValues() throws {
        for solver in backends() {
            let mip = Self.smallBinPacking()
            let result = try solver.solve(mip, options: MIPSolveOptions())
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(result.objective, 2, solver.name)
            XCTAssertEqual(result.bestBound, 2, solver.name)
            XCTAssertEqual(mip.violations(result.values), [], solver.name)
            for (column, value) in zip(mip.columns, result.values) where column.isInteger {
                XCTAssertEqual(value, value.rounded(), "\(solver.name): \(column.name) = \(value) not integral")
            }
        }
    }

    func testRangedEqualityFreeAndNegativeBounds() throws {
        // min x − y + z: x free, −3 ≤ y ≤ 2, z ≥ −1 integer; 1 ≤ x + y ≤ 4 (ranged); x − z = 0.5;
        // optimum: y = 2, x + z as small as allowed: x = z + 0.5, x + y ≥ 1 → x ≥ −1 → z ≥ −1.5,
        // z ≥ −1 integer → z = −1, x = −0.5: objective −0.5 − 2 − 1 = −3.5.
        for solver in backends() {
            var mip = MIP(name: "mixed")
            mip.addColumn(.init(name: "x", lowerBound: -.infinity, upperBound: .infinity, objective: 1))
            mip.addColumn(.init(name: "y", lowerBound: -3, upperBound: 2, objective: -1))
            mip.addColumn(.init(name: "z", lowerBound: -1, upperBound: .infinity, objective: 1, isInteger: true))
            mip.addRow(.init(name: "ranged", columns: [0, 1], coefficients: [1, 1], lowerBound: 1, upperBound: 4))
            mip.addRow(.init(name: "equal", columns: [0, 2], coefficients: [1, -1], lowerBound: 0.5, upperBound: 0.5))
            let result = try solver.solve(mip, options: MIPSolveOptions())
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(try XCTUnwrap(result.objective), -3.5, accuracy: 1e-7, solver.name)
            XCTAssertEqual(mip.violations(result.values), [], solver.name)
        }
    }

    func testEmptyModelAndBoundsOnly() throws {
        for solver in backends() {
            let empty = try solver.solve(MIP(name: "empty", objectiveOffset: 4), options: MIPSolveOptions())
            XCTAssertEqual(empty.status, .optimal, solver.name)
            XCTAssertEqual(empty.objective, 4, solver.name)
            XCTAssertEqual(try solver.solveLPRelaxation(MIP(name: "empty", objectiveOffset: 4), options: MIPSolveOptions()).objective, 4)
            var boundsOnly = MIP(name: "bounds_only", objectiveOffset: 1)
            boundsOnly.addColumn(.init(name: "x", lowerBound: 2.5, upperBound: 9, objective: 2, isInteger: true))
            boundsOnly.addColumn(.init(name: "y", lowerBound: -1, upperBound: 4, objective: -1))
            let result = try solver.solve(boundsOnly, options: MIPSolveOptions())
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(result.values, [3, 4], solver.name)
            XCTAssertEqual(result.objective, 3, solver.name)
        }
    }

    // MARK: Infeasible, unbounded

    func testInfeasibleLPAndMIP() throws {
        for solver in backends() {
            var lp = MIP(name: "infeasible")
            lp.addColumn(.init(name: "x", lowerBound: 0, upperBound: 1))
            lp.addRow(.init(name: "too_much", columns: [0], coefficients: [1], lowerBound: 3))
            XCTAssertEqual(try solver.solve(lp, options: MIPSolveOptions()).status, .infeasible, solver.name)
            XCTAssertEqual(try solver.solveLPRelaxation(lp, options: MIPSolveOptions()).status, .infeasible, solver.name)
            // 2x = 1, x integer: the relaxation is feasible, the MIP is not.
            var parity = MIP(name: "parity")
            parity.addColumn(.init(name: "x", lowerBound: 0, upperBound: 5, objective: 1, isInteger: true))
            parity.addRow(.init(name: "odd", columns: [0], coefficients: [2], lowerBound: 1, upperBound: 1))
            let result = try solver.solve(parity, options: MIPSolveOptions())
            XCTAssertEqual(result.status, .infeasible, solver.name)
            XCTAssertNil(result.objective, solver.name)
            XCTAssertEqual(result.values, [], solver.name)
        }
    }

    func testUnboundedLPAndMIP() throws {
        for solver in backends() {
            var mip = MIP(name: "unbounded", sense: .maximize)
            mip.addColumn(.init(name: "x", objective: 1))
            mip.addColumn(.init(name: "y", objective: 1))
            mip.addRow(.init(name: "r", columns: [0, 1], coefficients: [1, -1], upperBound: 1))
            XCTAssertEqual(try solver.solve(mip, options: MIPSolveOptions()).status, .unbounded, solver.name)
            XCTAssertEqual(try solver.solveLPRelaxation(mip, options: MIPSolveOptions()).status, .unbounded, solver.name)
            mip.columns[0].isInteger = true
            XCTAssertEqual(try solver.solve(mip, options: MIPSolveOptions()).status, .unbounded, solver.name)
        }
    }

    // MARK: Limits, incumbents, bounds

    func testTimeLimitEndsTheSearchWithIncumbentAndBound() throws {
        let mip = Self.marketSplit()
        for solver in backends() {
            let started = ContinuousClock.now
            let result = try solver.solve(mip, options: MIPSolveOptions(timeLimit: 0.5))
            let wall = ContinuousClock.now - started
            XCTAssertLessThan(wall, .seconds(10), "\(solver.name): generous cap on a shared machine")
            XCTAssertEqual(result.termination, .timeLimit, "\(solver.name): market split is not proven in 0.5 s")
            XCTAssertTrue([.feasible, .timeLimitNoSolution].contains(result.status), "\(solver.name): \(result.status)")
            if result.status == .feasible {
                let objective = try XCTUnwrap(result.objective)
                let bound = try XCTUnwrap(result.bestBound)
                XCTAssertLessThanOrEqual(bound, objective, solver.name)
                XCTAssertEqual(mip.violations(result.values), [], solver.name)
                XCTAssertEqual(objective, mip.evaluate(result.values), solver.name)
            }
        }
    }

    func testInjectedIncumbentIsNeverWorsened() throws {
        let mip = Self.marketSplit()
        // All x = 0: every slack takes the whole target.
        var start = [Double](repeating: 0, count: mip.columns.count)
        for (i, row) in mip.rows.enumerated() { start[40 + 2 * i] = row.lowerBound }
        XCTAssertEqual(mip.violations(start), [])
        let startObjective = mip.evaluate(start)
        for solver in backends() {
            let result = try solver.solve(mip, options: MIPSolveOptions(timeLimit: 0.3, incumbent: start))
            XCTAssertTrue(result.hasSolution, "\(solver.name): the injected incumbent is a solution")
            XCTAssertLessThanOrEqual(try XCTUnwrap(result.objective), startObjective, solver.name)
            XCTAssertEqual(mip.violations(result.values), [], solver.name)
        }
    }

    func testInjectedIncumbentIsReportedAccepted() throws {
        for solver in backends() {
            let result = try solver.solve(Self.smallBinPacking(),
                                          options: MIPSolveOptions(incumbent: Self.smallBinPackingTwoBins))
            XCTAssertEqual(result.status, .optimal, solver.name)
            XCTAssertEqual(result.incumbentAccepted, true, solver.name)
        }
    }

    func testStopAtObjectiveEndsTheSearch() throws {
        for solver in backends() {
            let result = try solver.solve(Self.marketSplit(), options: MIPSolveOptions(timeLimit: 20, stopAtObjective: 1e6))
            XCTAssertEqual(result.termination, .objectiveTargetReached, solver.name)
        }
    }

    func testRelativeGapGivesASolutionWithBound() throws {
        for solver in backends() {
            let mip = Self.smallBinPacking()
            let result = try solver.solve(mip, options: MIPSolveOptions(relativeGap: 0.5))
            XCTAssertTrue(result.hasSolution, solver.name)
            XCTAssertLessThanOrEqual(try XCTUnwrap(result.bestBound), try XCTUnwrap(result.objective), solver.name)
            XCTAssertEqual(mip.violations(result.values), [], solver.name)
        }
    }

    func testLogIsCollectedWhenAsked() throws {
        for solver in backends() {
            let result = try solver.solve(Self.smallBinPacking(), options: MIPSolveOptions(logLevel: .normal))
            XCTAssertFalse(result.log.isEmpty, solver.name)
        }
    }

    // MARK: Errors

    func testInvalidModelsAndOptionsThrowMIPErrorBeforeTheBackend() {
        for solver in backends() {
            var badName = Self.smallLP()
            badName.columns[0].name = "1x"
            XCTAssertThrowsError(try solver.solve(badName, options: MIPSolveOptions()), solver.name) { error in
                XCTAssertEqual(error as? MIPError, .invalidName(element: .column, index: 0, name: "1x"))
            }
            var outOfRange = Self.smallLP()
            outOfRange.rows[0].columns[1] = 9
            XCTAssertThrowsError(try solver.solveLPRelaxation(outOfRange, options: MIPSolveOptions()), solver.name) { error in
                XCTAssertTrue(error is MIPError, "\(solver.name): \(error)")
            }
            XCTAssertThrowsError(try solver.solve(Self.smallLP(), options: MIPSolveOptions(timeLimit: -1)), solver.name) { error in
                XCTAssertTrue(error is MIPError, "\(solver.name): \(error)")
            }
            XCTAssertThrowsError(try solver.solve(Self.smallBinPacking(), options: MIPSolveOptions(incumbent: [1, 2])), solver.name)
        }
    }

    func testRegistryNamesAndVersions() throws {
        XCTAssertEqual(MIPSolverRegistry.names, ["glpk", "cbc"])
        XCTAssertEqual(try MIPSolverRegistry.solver(named: "cbc").name, "cbc")
        XCTAssertThrowsError(try MIPSolverRegistry.solver(named: "cplex")) { error in
            XCTAssertEqual("\(error)", "unknown MIP solver \"cplex\"; expected one of: glpk, cbc")
        }
        XCTAssertTrue(GLPKSolver().versionDescription.hasPrefix("GLPK 5"), GLPKSolver().versionDescription)
        XCTAssertTrue(CBCSolver().versionDescription.hasPrefix("CBC 2."), CBCSolver().versionDescription)
    }

    func testConcurrentSolvesAgreeWithSequential() throws {
        for solver in backends() {
            let models = (0..<6).map { _ in Self.knapsack(offset: 1) } + (0..<6).map { _ in Self.smallBinPacking() }
            let sequential = try models.map { try solver.solve($0, options: MIPSolveOptions()).objective }
            let results = ConcurrentResults(count: models.count)
            DispatchQueue.concurrentPerform(iterations: models.count) { index in
                results.set(index, try? solver.solve(models[index], options: MIPSolveOptions()).objective)
            }
            XCTAssertEqual(results.values, sequential, solver.name)
        }
    }
}

/// Results written from several threads, one slot each.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double?]
    init(count: Int) { stored = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Double?) { lock.withLock { stored[index] = value } }
    var values: [Double?] { lock.withLock { stored } }
}
