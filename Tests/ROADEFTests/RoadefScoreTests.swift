import Foundation
import ROADEF
import TestSupport
import XCTest

/// The official objective and constraints: hand-made instances, set-A reference values.
final class RoadefScoreTests: XCTestCase {
    static func tiny(_ name: String) -> String { SharedData.instances("roadef/\(name).txt") }

    func score(_ solution: String) throws -> (RoadefCost, [RoadefViolation]) {
        let model = try RoadefReader.readModel(path: Self.tiny("model_tiny"))
        let initial = try RoadefReader.readAssignment(path: Self.tiny("assignment_tiny"), model: model)
        let assignment = try RoadefReader.readAssignment(path: Self.tiny(solution), model: model)
        return RoadefScore.evaluate(model, initial: initial, solution: assignment)
    }

    func testTinyObjectivesEqualTheHandComputedOnes() throws {
        let (initial, none) = try score("assignment_tiny")
        XCTAssertEqual(none, [])
        XCTAssertEqual([initial.load, initial.balance, initial.processMove, initial.serviceMove, initial.machineMove, initial.total],
                       [14, 9, 0, 0, 0, 23])
        let (moved, noneEither) = try score("solution_tiny_moved")
        XCTAssertEqual(noneEither, [])
        XCTAssertEqual([moved.load, moved.balance, moved.processMove, moved.serviceMove, moved.machineMove, moved.total],
                       [11, 18, 7, 10, 300, 346])
    }

    func testBrokenSolutionsNameTheViolatedConstraint() throws {
        let expected: [(String, RoadefViolation.Kind, (RoadefViolation) -> Bool)] = [
            ("broken_tiny_conflict", .conflict, { $0.service == 0 && $0.machine == 1 }),
            ("broken_tiny_transient", .transientCapacity, { $0.machine == 0 && $0.resource == 0 }),
            ("broken_tiny_dependency", .dependency, { $0.service == 1 && $0.neighborhood == 1 }),
            ("broken_tiny_capacity", .capacity, { $0.machine == 0 && $0.resource == 0 }),
        ]
        for (file, kind, names) in expected {
            let (_, violations) = try score(file)
            XCTAssertTrue(violations.contains { $0.kind == kind && names($0) }, "\(file): \(violations)")
        }
        let (_, spread) = try score("broken_tiny_conflict")
        XCTAssertTrue(spread.contains { $0.kind == .spread && $0.service == 0 })
    }

    /// `roadef score` of every set-A initial assignment equals `initial_cost` of the reference file.
    func testSetAInitialCostsEqualTheReference() throws {
        guard let folder = SharedData.path("roadef2012/A"), let csv = SharedData.path("roadef2012/reference_values_A.csv") else {
            throw XCTSkip("../shared/data/roadef2012 is absent")
        }
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 10)
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let name = fields[0]
            let model = try RoadefReader.readModel(path: "\(folder)/model_\(name).txt")
            let initial = try RoadefReader.readAssignment(path: "\(folder)/assignment_\(name).txt", model: model)
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: initial)
            XCTAssertEqual(violations, [], name)
            XCTAssertEqual(cost.total, Int64(fields[12]), name)
            XCTAssertEqual(cost.load, Int64(fields[13]), name)
            XCTAssertEqual(cost.balance, Int64(fields[14]), name)
            XCTAssertEqual(model.processCount, Int(fields[3]), name)
            XCTAssertEqual(model.machineCount, Int(fields[4]), name)
        }
    }
}
