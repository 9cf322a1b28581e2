import Foundation
import GLPKSolver
import LinearProgramming
import TestSupport
import XCTest

/// Files written by GLPKSolver are read back by `glpsol`, which must find the same optimum.
final class ExportTests: XCTestCase {
    let solver = GLPKSolver()

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-glpk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs glpsol on `file` with `formatFlag` and returns the objective from its report.
    private func glpsolObjective(_ formatFlag: String, _ file: URL) throws -> Double {
        guard Glpsol.isInstalled else { throw XCTSkip("glpsol is not installed (apt-get install glpk-utils)") }
        let run = try Glpsol.objective(formatFlag, file)
        XCTAssertEqual(run.status, 0, "glpsol \(formatFlag) \(file.path)")
        guard let objective = run.objective else {
            XCTFail("no objective in glpsol report:\n\(run.report)")
            return .nan
        }
        return objective
    }

    func testCPLEXLPIsReadBackByGlpsol() throws {
        let directory = try temporaryDirectory()
        for mip in [TestModels.knapsack(offset: 0.5), TestModels.smallBinPacking()] {
            let expected = try XCTUnwrap(try solver.solve(mip, options: MIPSolveOptions()).objective)
            let file = directory.appendingPathComponent("\(mip.name).lp")
            try solver.writeCPLEXLP(mip, to: file.path)
            XCTAssertEqual(try glpsolObjective("--lp", file), expected, accuracy: 1e-9, mip.name)
        }
        // Only the final files remain: the temporary files were renamed.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".tmp-") }, "\(names)")
    }

    func testMPSIsReadBackByGlpsol() throws {
        let directory = try temporaryDirectory()
        var offsetBinPacking = TestModels.smallBinPacking()
        offsetBinPacking.objectiveOffset = 3
        for mip in [offsetBinPacking, TestModels.knapsack(offset: 0.5)] {
            let optimum = try XCTUnwrap(try solver.solve(mip, options: MIPSolveOptions()).objective)
            // MPS carries no sense: a maximisation is written as minimising the negation.
            let expected = mip.sense == .maximize ? -optimum : optimum
            let free = directory.appendingPathComponent("\(mip.name).mps")
            try solver.writeMPS(mip, to: free.path)
            XCTAssertEqual(try glpsolObjective("--freemps", free), expected, accuracy: 1e-9, mip.name)
            let fixed = directory.appendingPathComponent("\(mip.name)-fixed.mps")
            try solver.writeMPS(mip, to: fixed.path, fixed: true)
            XCTAssertEqual(try glpsolObjective("--mps", fixed), expected, accuracy: 1e-9, mip.name)
        }
    }
}
