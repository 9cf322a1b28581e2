import Foundation
import XCTest

/// Runs the `vmplace` command and compares its output and exit codes.
final class CommandLineTests: XCTestCase {
    let examples = ["Instances/examples/small-cluster.json", "Instances/examples/hotspot.json", "Instances/examples/initial-placement.json"]

    func testValidateAcceptsBundledInstances() throws {
        let vbp = try FileManager.default.contentsOfDirectory(atPath: CommandRunner.repositoryRoot.appendingPathComponent("Instances/vbp").path)
            .filter { $0.hasSuffix(".vbp") }.sorted().map { "Instances/vbp/\($0)" }
        let result = try CommandRunner.run(["validate"] + examples + vbp)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Instances/examples/small-cluster.json: ok — 6 hosts, 12 VMs, 3 dimensions (cpu, mem, net)"), result.stdout)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, examples.count + vbp.count)
    }

    func testValidateRejectsEveryBrokenFixtureWithExitCodeOne() throws {
        let folder = CommandRunner.repositoryRoot.appendingPathComponent("Tests/InstanceFormatsTests/Fixtures")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThanOrEqual(files.count, 15)
        for file in files {
            let path = "Tests/InstanceFormatsTests/Fixtures/\(file)"
            let result = try CommandRunner.run(["validate", path])
            XCTAssertEqual(result.status, 1, "\(file): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("\(path):"), "\(file): names the file: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("error: "), file)
            XCTAssertFalse(result.stderr.contains("Fatal error"), file)
        }
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try CommandRunner.run(["solve"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(["solve", examples[0], "--method", "no-such-method"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(["solve", examples[0], "--time-limit", "-1"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(["frobnicate"]).status, 2)
        let help = try CommandRunner.run(["solve", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Examples:"), help.stdout)
    }

    func testEverySubcommandHasAnExampleInItsHelp() throws {
        let top = try CommandRunner.run(["--help"])
        let names = top.stdout.components(separatedBy: "SUBCOMMANDS:").last!.split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }.filter { !$0.isEmpty && $0 != "See" }
        XCTAssertGreaterThanOrEqual(names.count, 5, top.stdout)
        for name in names {
            let help = try CommandRunner.run([name, "--help"])
            XCTAssertEqual(help.status, 0, name)
            XCTAssertTrue(help.stdout.contains("Example"), "\(name) --help has an example")
        }
    }

    func testSolveOutputPassesCheckAndIsDeterministic() throws {
        let directory = try CommandRunner.temporaryDirectory("solve")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, example) in ["Instances/examples/initial-placement.json", "Instances/vbp/class1_20_3_0.vbp", "Instances/vbp/class7_20_3_0.vbp"].enumerated() {
            let output = directory.appendingPathComponent("s\(index).json").path
            let solve = try CommandRunner.run(["solve", example, "--goal", "place", "--method", "ffd", "--output", output])
            XCTAssertEqual(solve.status, 0, solve.stderr)
            XCTAssertTrue(solve.stderr.contains("checker passed"), solve.stderr)
            let check = try CommandRunner.run(["check", example, output])
            XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
            XCTAssertTrue(check.stdout.hasPrefix("ok: "), check.stdout)
            let again = try CommandRunner.run(["solve", example, "--goal", "place", "--method", "ffd"])
            XCTAssertEqual(again.stdout, try String(contentsOfFile: output, encoding: .utf8), "same input, same bytes")
            let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as! [String: Any]
            for key in ["status", "objective", "bound", "hostsUsed", "migrations", "placement", "plan", "hosts"] {
                XCTAssertTrue(json.keys.contains(key), "solution has \(key)")
            }
        }
    }

    func testCheckReportsViolationsWithExitThree() throws {
        let directory = try CommandRunner.temporaryDirectory("check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.json")
        let placement = (1...10).map { "\"\(["a", "b", "c", "d", "e", "f", "g", "i", "j", "k"][$0 - 1])\": \"h-1\"" }.joined(separator: ", ")
        try "{\"placement\": {\(placement)}}".write(to: bad, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "Instances/examples/initial-placement.json", bad.path])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stdout.contains("violation: capacity: host h-1 cpu: load 250 exceeds capacity 100"), result.stdout)
    }

    func testConvertRoundTripsVBP() throws {
        let directory = try CommandRunner.temporaryDirectory("convert")
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("a.json").path
        let vbp = directory.appendingPathComponent("a.vbp").path
        XCTAssertEqual(try CommandRunner.run(["convert", "Instances/vbp/class4_20_3_0.vbp", json]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["validate", json]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["convert", json, vbp]).status, 0)
        let original = try String(contentsOfFile: CommandRunner.repositoryRoot.appendingPathComponent("Instances/vbp/class4_20_3_0.vbp").path, encoding: .utf8)
        let roundTripped = try String(contentsOfFile: vbp, encoding: .utf8)
        func numbers(_ text: String) -> [Int] { text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) } }
        XCTAssertEqual(numbers(roundTripped), numbers(original))
        let dropped = try CommandRunner.run(["convert", "Instances/examples/initial-placement.json", vbp])
        XCTAssertEqual(dropped.status, 0, dropped.stderr)
        let rich = try CommandRunner.run(["convert", "Instances/examples/small-cluster.json", vbp])
        XCTAssertEqual(rich.status, 1, "hosts differ: .vbp cannot hold it")
        XCTAssertTrue(rich.stderr.contains(".vbp needs identical hosts"), rich.stderr)
    }
}

final class PlanCommandTests: XCTestCase {
    func testSolveCarriesAPlanThatCheckVerifiesAndPlanReproduces() throws {
        let directory = try CommandRunner.temporaryDirectory("plan")
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = "Instances/examples/small-cluster.json"
        let solution = directory.appendingPathComponent("s.json").path
        let solve = try CommandRunner.run(["solve", instance, "--method", "ffd", "--output", solution])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: solution))) as! [String: Any]
        let plan = try XCTUnwrap(json["plan"] as? [String: Any])
        XCTAssertEqual(plan["reachesTarget"] as? Bool, true)
        XCTAssertEqual(plan["moves"] as? Int, json["migrations"] as? Int)
        let check = try CommandRunner.run(["check", instance, solution])
        XCTAssertEqual(check.status, 0, check.stdout)
        XCTAssertTrue(check.stdout.contains("plan of"), check.stdout)
        let replan = try CommandRunner.run(["plan", instance, solution])
        XCTAssertEqual(replan.status, 0, replan.stderr)
        let again = try JSONSerialization.jsonObject(with: Data(replan.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((again["plan"] as? [String: Any])?["waveCount"] as? Int, plan["waveCount"] as? Int)
    }

    func testTamperedPlanFailsTheCheck() throws {
        let directory = try CommandRunner.temporaryDirectory("tamper")
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = "Instances/examples/small-cluster.json"
        let solution = directory.appendingPathComponent("s.json")
        XCTAssertEqual(try CommandRunner.run(["solve", instance, "--method", "ffd", "--output", solution.path]).status, 0)
        // Squash every wave into one: moving VMs then overload their destinations in flight.
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: solution)) as! [String: Any]
        var plan = json["plan"] as! [String: Any]
        plan["waves"] = [(plan["waves"] as! [[Any]]).flatMap { $0 }]
        json["plan"] = plan
        try JSONSerialization.data(withJSONObject: json).write(to: solution)
        let check = try CommandRunner.run(["check", instance, solution.path])
        XCTAssertEqual(check.status, 3, check.stdout)
        XCTAssertTrue(check.stdout.contains("violation: planStep"), check.stdout)
    }
}

final class SimulateCommandTests: XCTestCase {
    /// Runs `vmplace simulate --format csv` on a trace file with `text`; returns the output and the
    /// file's path (the file is gone afterwards).
    func simulate(trace text: String, policy: String, _ label: String = #function) throws -> (result: CommandRunner.Output, path: String) {
        let directory = try CommandRunner.temporaryDirectory(label.filter { $0.isLetter })
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace.csv")
        try text.write(to: trace, atomically: true, encoding: .utf8)
        return (try CommandRunner.run(["simulate", "--format", "csv", "--traces", trace.path, "--policy", policy]), trace.path)
    }

    func testNonPowerAwareBaselineOnAPlainCSVTraceMatchesTheClosedForm() throws {
        let (result, _) = try simulate(trace: "a,b,c\n10,20,0\n50,5,0\n90,0,30\n40,40,40\n", policy: "npa")
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        // 800 hosts at peak (400 × 117 W + 400 × 135 W = 100.8 kW) for 4 steps of 300 s = 1/3 h.
        XCTAssertEqual(json["energyKWh"] as! Double, 100.8 / 3, accuracy: 1e-9)
        XCTAssertEqual(json["migrations"] as? Int, 0)
        for key in ["energyKWh", "migrations", "slatah", "pdm", "slav", "esv"] { XCTAssertNotNil(json[key], key) }
    }

    func testBadTraceIsRejectedWithFileAndLine() throws {
        let (result, path) = try simulate(trace: "a,b\n10,20\n50,x\n", policy: "thr-mmt-0.8")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains(path), result.stderr)
        XCTAssertTrue(result.stderr.contains("3"), "names line 3: \(result.stderr)")
        XCTAssertEqual(try CommandRunner.run(["simulate", "--traces", path, "--policy", "no-such-policy"]).status, 2)
    }

    func testDuplicateVMNamesAreRejectedWithFileAndLine() throws {
        let (result, path) = try simulate(trace: "# VMs\na,b,a\n10,20,30\n", policy: "npa")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains(path + ":2:"), "names file and line 2: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("duplicate VM name \"a\""), result.stderr)
        XCTAssertTrue(result.stdout.isEmpty, "no summary for a rejected trace")
    }
}

final class MergeCommandTests: XCTestCase {
    func testMergeRejectsAnEmptyResultsFileNamingIt() throws {
        let directory = try CommandRunner.temporaryDirectory("merge-empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("results.shard-1.csv")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let headerless = directory.appendingPathComponent("rows.csv")
        try "class1_20_3_0,ffd,place\n".write(to: headerless, atomically: true, encoding: .utf8)
        for (input, named, message) in [(directory.path, empty.path, "empty results file"), (headerless.path, headerless.path, "is not the header")] {
            let result = try CommandRunner.run(["merge", input, "--output", directory.appendingPathComponent("out/results.csv").path])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(named + ": error: "), "names \(named): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }
}

final class ExactAndExportCommandTests: XCTestCase {
    /// The exact method proves the known optimum of the bundled example, and the exported model,
    /// read back by glpsol, has the same optimum.
    func testExactSolveAndExportAgree() throws {
        let directory = try CommandRunner.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = "Instances/examples/initial-placement.json"
        let solve = try CommandRunner.run(["solve", instance, "--goal", "place", "--method", "exact", "--time-limit", "20"])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(json["status"] as? String, "optimal")
        XCTAssertEqual(json["objective"] as? Double, 3, "known optimum of the example")
        XCTAssertEqual(json["bound"] as? Double, 3)
        let glpsol = "/usr/bin/glpsol"
        guard FileManager.default.isExecutableFile(atPath: glpsol) else { throw XCTSkip("glpsol not installed") }
        for format in ["lp", "mps"] {
            let path = directory.appendingPathComponent("model.\(format)").path
            let export = try CommandRunner.run(["export", instance, "--goal", "place", "--format", format, "--output", path])
            XCTAssertEqual(export.status, 0, export.stderr)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: glpsol)
            let solution = directory.appendingPathComponent("\(format).sol").path
            process.arguments = [format == "lp" ? "--lp" : "--freemps", path, "--tmlim", "60", "-w", solution]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let text = try String(contentsOfFile: solution, encoding: .utf8)
            // glpsol's -w output: "s mip ROWS COLS STATUS OBJECTIVE" (GLPK 5 plain text).
            let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("s mip") }, text)
            let objective = try XCTUnwrap(Double(line.split(separator: " ").last.map(String.init) ?? ""))
            XCTAssertEqual(objective, 3, accuracy: 1e-6, format)
        }
    }
}
