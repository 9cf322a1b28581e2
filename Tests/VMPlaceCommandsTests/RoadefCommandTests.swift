import Foundation
import XCTest

/// `vmplace roadef score|solve|convert` on the hand-made instances of Instances/roadef.
final class RoadefCommandTests: XCTestCase {
    let model = "Instances/roadef/model_tiny.txt", initial = "Instances/roadef/assignment_tiny.txt"

    func testScorePrintsEveryTermAndExitsZeroWhenFeasible() throws {
        let result = try CommandRunner.run(["roadef", "score", model, initial, "Instances/roadef/solution_tiny_moved.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            {
              "feasible": true,
              "total": 346,
              "load": 11,
              "balance": 18,
              "processMove": 7,
              "serviceMove": 10,
              "machineMove": 300,
              "violations": []
            }

            """)
    }

    func testScoreNamesTheViolationAndExitsOne() throws {
        let result = try CommandRunner.run(["roadef", "score", model, initial, "Instances/roadef/broken_tiny_transient.txt"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("\"feasible\": false"), result.stdout)
        XCTAssertTrue(result.stdout.contains("{\"kind\": \"transient-capacity\", \"machine\": 0, \"resource\": 0, \"message\": \"machine 0 transient resource 0: usage 12 with processes moved away exceeds capacity 10\"}"), result.stdout)
        XCTAssertTrue(result.stderr.contains("infeasible: 1 violated constraint"), result.stderr)
    }

    func testBadInputExitsOneWithFileAndLine() throws {
        let result = try CommandRunner.run(["roadef", "score", model, model])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(model):2: error: process 2: machine (the model has 4 processes): 10 is out of range, expected an integer in 0…2"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"))
    }

    func testSolveWritesASolutionThatScoreAcceptsDeterministically() throws {
        let directory = try CommandRunner.temporaryDirectory("roadef-solve")
        defer { try? FileManager.default.removeItem(at: directory) }
        var outputs = [String]()
        for run in 0..<2 {
            let output = directory.appendingPathComponent("tiny-\(run).sol").path
            let result = try CommandRunner.run(["roadef", "solve", model, initial, "--time-limit", "20", "--epochs", "3",
                                                "--epoch-candidates", "2000", "--threads", "2", "--seed", "4",
                                                "--snapshots", "10", "--output", output])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("\"feasible\": true"), result.stdout)
            let score = try CommandRunner.run(["roadef", "score", model, initial, output])
            XCTAssertEqual(score.status, 0, score.stdout)
            XCTAssertTrue(FileManager.default.fileExists(atPath: output + ".at-10s"))
            outputs.append(try String(contentsOfFile: output, encoding: .utf8))
            let total = score.stdout.split(separator: "\n").first { $0.contains("\"total\"") }
            XCTAssertNotNil(total)
            XCTAssertTrue(result.stdout.contains(String(total!)), "solve and score agree: \(result.stdout)")
        }
        XCTAssertEqual(outputs[0], outputs[1])
    }

    func testSolveRefusesAnInfeasibleStart() throws {
        let result = try CommandRunner.run(["roadef", "solve", model, "Instances/roadef/broken_tiny_dependency.txt", "--time-limit", "1", "--output", "/dev/null"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the initial assignment violates 1 hard constraint"), result.stderr)
    }

    func testConvertGivesAnInstanceThatValidates() throws {
        let directory = try CommandRunner.temporaryDirectory("roadef-convert")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("tiny.json").path
        let result = try CommandRunner.run(["roadef", "convert", model, initial, output])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("not mapped"), result.stderr)
        XCTAssertTrue(result.stderr.contains("transient resources [0]") && result.stderr.contains("1 service dependencies"), result.stderr)
        let validate = try CommandRunner.run(["validate", output])
        XCTAssertEqual(validate.status, 0, validate.stderr + validate.stdout)
        XCTAssertTrue(validate.stdout.contains("3 hosts, 4 VMs, 2 dimensions"), validate.stdout)
    }
}
