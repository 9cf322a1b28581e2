import Foundation
import XCTest

/// `vmplace check` verifies what a solution says about itself, not only its feasibility.
final class CheckClaimsTests: XCTestCase {
    let instance = "Instances/examples/small-cluster.json"

    func testALyingSolutionExitsThreeNamingEveryFalseClaim() throws {
        let folder = try CommandRunner.temporaryDirectory("check-claims")
        defer { try? FileManager.default.removeItem(at: folder) }
        let honest = folder.appendingPathComponent("honest.json").path
        let solve = try CommandRunner.run(["solve", instance, "--goal", "consolidate", "--method", "portfolio", "--output", honest])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        XCTAssertEqual(try CommandRunner.run(["check", instance, honest]).status, 0)

        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: honest))) as! [String: Any]
        XCTAssertEqual(document["termination"] as? String, "completed")
        document["objective"] = -999
        document["hostsUsed"] = 0
        document["status"] = "optimal"
        document["bound"] = 1e9
        let lie = folder.appendingPathComponent("lie.json").path
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: lie))
        let check = try CommandRunner.run(["check", instance, lie])
        XCTAssertEqual(check.status, 3, check.stdout + check.stderr)
        for claim in ["reported objective -999 differs", "reported hostsUsed 0 differs", "exceeds the objective"] {
            XCTAssertTrue(check.stdout.contains(claim), "\(claim): \(check.stdout)")
        }
        document["bound"] = NSNull()
        document["objective"] = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: honest))) as! [String: Any])["objective"]
        document["hostsUsed"] = nil
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: lie))
        let unproven = try CommandRunner.run(["check", instance, lie])
        XCTAssertEqual(unproven.status, 3)
        XCTAssertTrue(unproven.stdout.contains("optimal without a bound"), unproven.stdout)
    }

    func testAnUnknownStatusIsInvalidInputWithItsPosition() throws {
        let folder = try CommandRunner.temporaryDirectory("check-status")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.json").path
        XCTAssertEqual(try CommandRunner.run(["solve", instance, "--method", "ffd", "--output", path]).status, 0)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"status\": \"feasible\"", with: "\"status\": \"great\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CommandRunner.run(["check", instance, path])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stderr.contains("status: unknown status \"great\""), check.stderr)
        XCTAssertTrue(check.stderr.contains(path + ":"), check.stderr)
    }
}

/// `vmplace --version` names the release and the MIP libraries it links.
final class VersionTests: XCTestCase {
    func testVersionNamesTheReleaseAndBothBackends() throws {
        let result = try CommandRunner.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("vmplace 0.2.0 (glpk: GLPK "), result.stdout)
        XCTAssertTrue(result.stdout.contains("cbc: CBC "), result.stdout)
    }
}
