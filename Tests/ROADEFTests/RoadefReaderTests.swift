import Foundation
import ROADEF
import TestSupport
import XCTest

/// Reader diagnostics: file, line, the field and what was expected.
final class RoadefReaderTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("roadef-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func write(_ text: String, _ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var tinyModel: String { get throws { try String(contentsOfFile: SharedData.instances("roadef/model_tiny.txt"), encoding: .utf8) } }

    func modelError(_ text: String) throws -> RoadefInputError {
        let path = try write(text, "model.txt")
        do {
            _ = try RoadefReader.readModel(path: path)
        } catch {
            XCTAssertEqual(error.file, path)
            return error
        }
        XCTFail("no error for:\n\(text)")
        return RoadefInputError(file: "", line: nil, message: "")
    }

    func testTruncatedModelNamesTheMissingField() throws {
        let lines = try tinyModel.split(separator: "\n").prefix(6).joined(separator: "\n")
        let error = try modelError(lines)
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.description.contains("machine 2: neighborhood: the file ends here, expected an integer"), error.description)
    }

    func testBadTokenAndRangeAreLocated() throws {
        var lines = try tinyModel.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[5] = "0 1 12 20 12 x5 1 0 3"
        var error = try modelError(lines.joined(separator: "\n"))
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.message.contains("machine 1: safety capacity of resource 1: found 'x5', expected an integer"), error.message)
        lines = try tinyModel.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[11] = "7 4 2 5"
        error = try modelError(lines.joined(separator: "\n"))
        XCTAssertEqual(error.line, 12)
        XCTAssertTrue(error.message.contains("process 0: service: 7 is out of range, expected an integer in 0…1"), error.message)
        lines = try tinyModel.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = "0 0 10 20 8 20 5 1 2"
        error = try modelError(lines.joined(separator: "\n"))
        XCTAssertTrue(error.message.contains("machine 0: move cost to itself is 5, expected 0"), error.message)
        error = try modelError(try tinyModel + "\n17\n")
        XCTAssertTrue(error.message.contains("unexpected '17' after the three move-cost weights"), error.message)
    }

    func testAssignmentCountAndIndexAreChecked() throws {
        let model = try RoadefReader.readModel(path: SharedData.instances("roadef/model_tiny.txt"))
        for (text, expected) in [("0 1 0", "process 3: machine (the model has 4 processes): the file ends here"),
                                 ("0 1 3 1", "process 2: machine (the model has 4 processes): 3 is out of range, expected an integer in 0…2"),
                                 ("0 1 0 1 2", "unexpected '2' after the machines of all 4 processes"),
                                 ("0 -1 0 1", "process 1: machine (the model has 4 processes): -1 is out of range")] {
            let path = try write(text, "assignment.txt")
            XCTAssertThrowsError(try RoadefReader.readAssignment(path: path, model: model)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
                XCTAssertTrue("\(error)".hasPrefix("\(path):1: error:"), "\(error)")
            }
        }
        XCTAssertThrowsError(try RoadefReader.readModel(path: directory.path)) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }
        XCTAssertThrowsError(try RoadefReader.readModel(path: directory.appendingPathComponent("absent").path)) { error in
            XCTAssertTrue("\(error)".contains("cannot read"), "\(error)")
        }
    }

    func testGeneratedModelReadsBack() throws {
        var size = RoadefGenerator.Size.setB
        size.processes = 200
        size.machines = 20
        size.services = 40
        var text = ""
        RoadefGenerator.writeModel(size, seed: 3) { text += $0 }
        let model = try RoadefReader.readModel(path: try write(text, "generated.txt"))
        XCTAssertEqual([model.processCount, model.machineCount, model.serviceCount, model.machineMoveCost.count], [200, 20, 40, 400])
        let initial = try RoadefReader.readAssignment(path: try write(RoadefGenerator.assignment(size), "a.txt"), model: model)
        let (_, violations) = RoadefScore.evaluate(model, initial: initial, solution: initial)
        XCTAssertFalse(violations.contains { $0.kind == .capacity || $0.kind == .conflict }, "\(violations.prefix(3))")
    }
}
