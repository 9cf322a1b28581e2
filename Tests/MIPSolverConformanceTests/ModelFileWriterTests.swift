import ExactSolver
import Foundation
import LinearProgramming
import TestSupport
import XCTest

/// LP and MPS files written from the plain `MIP` (``LinearProgramming/CPLEXLPWriter``,
/// ``LinearProgramming/MPSWriter``, no backend) are read back by `glpsol`, which must find the
/// optimum that solving the `MIP` directly finds (every backend agrees on it first).
final class ModelFileWriterTests: XCTestCase {
    /// The conformance models with an optimum: minimise and maximise, offsets, integers, free and
    /// negative bounds, ranged and equality rows, a row without coefficients.
    static var models: [MIP] {
        var mixed = MIP(name: "mixed", objectiveOffset: -2)
        mixed.addColumn(.init(name: "x", lowerBound: -.infinity, upperBound: .infinity, objective: 1))
        mixed.addColumn(.init(name: "y", lowerBound: -3, upperBound: 2, objective: -1))
        mixed.addColumn(.init(name: "z", lowerBound: -1, upperBound: .infinity, objective: 1, isInteger: true))
        mixed.addColumn(.init(name: "w", lowerBound: -.infinity, upperBound: 7, objective: -0.25))
        mixed.addRow(.init(name: "ranged", columns: [0, 1], coefficients: [1, 1], lowerBound: 1, upperBound: 4))
        mixed.addRow(.init(name: "equal", columns: [0, 2], coefficients: [1, -1], lowerBound: 0.5, upperBound: 0.5))
        mixed.addRow(.init(name: "w_floor", columns: [3], coefficients: [1], lowerBound: -10))
        mixed.addRow(.init(name: "empty", columns: [], coefficients: [], upperBound: 3))
        var general = MIP(name: "general_integers", sense: .maximize)
        general.addColumn(.init(name: "a", lowerBound: 0, upperBound: 10, objective: 3, isInteger: true))
        general.addColumn(.init(name: "b", lowerBound: 0, upperBound: .infinity, objective: 2, isInteger: true))
        general.addRow(.init(name: "budget", columns: [0, 1], coefficients: [2.5, 1.5], upperBound: 17.2))
        return [MIPSolverConformanceTests.smallLP(offset: 1), MIPSolverConformanceTests.knapsack(offset: 2.5),
                MIPSolverConformanceTests.smallBinPacking(), mixed, general]
    }

    func testLPAndMPSFilesGiveTheDirectOptimum() throws {
        guard Glpsol.isInstalled else { throw XCTSkip("glpsol is not installed (apt-get install glpk-utils)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-writers-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for mip in Self.models {
            let direct = try MIPSolverRegistry.all.map { try XCTUnwrap($0.solve(mip, options: MIPSolveOptions()).objective, "\($0.name) \(mip.name)") }
            for value in direct { XCTAssertEqual(value, direct[0], accuracy: 1e-7, "backends disagree on \(mip.name)") }
            let lp = directory.appendingPathComponent("\(mip.name).lp")
            try CPLEXLPWriter.text(mip).write(to: lp, atomically: true, encoding: .utf8)
            XCTAssertEqual(try glpsolObjective("--lp", lp), direct[0], accuracy: 1e-7, "\(mip.name).lp")
            // MPS states a maximisation as minimising the negated objective.
            let mps = directory.appendingPathComponent("\(mip.name).mps")
            try MPSWriter.text(mip).write(to: mps, atomically: true, encoding: .utf8)
            let sign: Double = mip.sense == .maximize ? -1 : 1
            XCTAssertEqual(try glpsolObjective("--freemps", mps), sign * direct[0], accuracy: 1e-7, "\(mip.name).mps")
        }
    }

    func testWritersRejectInvalidModels() {
        var bad = MIPSolverConformanceTests.smallLP()
        bad.rows[1].name = "r1"
        XCTAssertThrowsError(try CPLEXLPWriter.text(bad)) { XCTAssertEqual($0 as? MIPError, .duplicateName(element: .row, index: 1, name: "r1", firstIndex: 0)) }
        XCTAssertThrowsError(try MPSWriter.text(bad))
    }

    func testLPTextOfASmallModel() throws {
        let text = try CPLEXLPWriter.text(MIPSolverConformanceTests.smallLP(offset: 1))
        XCTAssertEqual(text, """
            \\ lp
            Minimize
             obj: + 1 x + 1 y + 1 objective_constant
            Subject To
             r1: + 1 x + 2 y >= 4
             r2: + 3 x + 1 y >= 6
            Bounds
             objective_constant = 1
            End

            """)
    }

    /// glpsol's objective for `file` (read with `formatFlag`), from its report.
    func glpsolObjective(_ formatFlag: String, _ file: URL) throws -> Double {
        let run = try Glpsol.objective(formatFlag, file)
        XCTAssertEqual(run.status, 0, "glpsol \(formatFlag) \(file.path)")
        guard let objective = run.objective else {
            XCTFail("no objective in glpsol report of \(file.lastPathComponent):\n\(run.report)")
            return .nan
        }
        return objective
    }
}
