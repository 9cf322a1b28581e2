import Foundation
import XCTest

/// Hostile input at the command line: every problem is a clear error with the right exit code
/// (1 invalid input, 2 usage), never a crash, a hang or silent partial output.
final class RobustnessTests: XCTestCase {
    let example = "Instances/examples/small-cluster.json"

    func testScoreOptionErrorsAreUsageErrorsOfScore() throws {
        for options in [["--shard", "3/2"], ["--shard", "abc"], ["--jobs", "0"], ["--time-limit", "0"], ["--goal", "nope"]] {
            let result = try CommandRunner.run(["score", "Instances/vbp", "--methods", "ffd", "--out", "/nonexistent-qa"] + options)
            XCTAssertEqual(result.status, 2, "\(options): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("vmplace score"), "\(options): the usage is score's: \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Error: error:"), result.stderr)
        }
    }

    func testLibraryDiagnosticsArePrintedOnceWithExitOne() throws {
        let directory = try CommandRunner.temporaryDirectory("known")
        defer { try? FileManager.default.removeItem(at: directory) }
        let known = directory.appendingPathComponent("known.tsv")
        try "class1_20_3_0\t7\t6\n".write(to: known, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["score", "Instances/vbp/class1_20_3_0.vbp", "--methods", "ffd", "--known", known.path,
                                            "--out", directory.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("\(known.path):1: error: LB 7 exceeds OPT 6"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Error: "), result.stderr)
    }

    func testGenerateLimitsAndUnknownClassAreUsageErrors() throws {
        for options in [["--class", "nope"], ["--class", "class1", "--n", "100000000"], ["--class", "class1", "--count", "1000000"],
                        ["--class", "class1", "--n", "0"]] {
            let result = try CommandRunner.run(["generate", "--out", "/nonexistent-qa"] + options)
            XCTAssertEqual(result.status, 2, "\(options): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("vmplace generate"), result.stderr)
        }
    }

    func testSolveGoalTheMethodDoesNotHandleIsAUsageErrorOfSolve() throws {
        let result = try CommandRunner.run(["solve", example, "--method", "ffd", "--goal", "balance"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("method ffd does not handle goal balance"), result.stderr)
        XCTAssertTrue(result.stderr.contains("vmplace solve"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// One budget rule for heuristics and the exact model: the example has a VM on a host in
    /// maintenance (with its affinity partner) and two anti-affinity members on one host; with
    /// budget 0 those forced moves are made, exempt and counted apart, and nothing else moves.
    func testForcedMigrationsAreExemptFromTheBudget() throws {
        for (method, goal) in [("balance-greedy", "balance"), ("exact", "balance"), ("consolidate-ffd", "consolidate"), ("exact", "consolidate")] {
            let result = try CommandRunner.run(["solve", example, "--method", method, "--goal", goal, "--migration-budget", "0", "--time-limit", "20"])
            XCTAssertEqual(result.status, 0, "\(method) \(goal): \(result.stderr)")
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let migrations = try XCTUnwrap(json["migrations"] as? Int)
            let forced = try XCTUnwrap(json["forcedMigrations"] as? Int)
            XCTAssertEqual(forced, 3, "\(method) \(goal): cache2 off the maintenance host, its partner cache1, web2 off web1's host")
            XCTAssertEqual(migrations, forced, "\(method) \(goal): no voluntary migration")
            let notes = try XCTUnwrap(json["notes"] as? [String])
            XCTAssertTrue(notes.contains("within the migration budget: 0 voluntary migrations, budget 0 (3 forced migrations exempt)"), "\(notes)")
            XCTAssertFalse(result.stderr.contains("OVER"), result.stderr)
            XCTAssertTrue(result.stderr.contains("\(migrations) migrations (3 forced)"), result.stderr)
        }
    }

    /// A method that ignores the budget (FFD repacks from scratch) is not stopped, but its
    /// voluntary overshoot is said in the notes and the summary, never silently.
    func testSolveOverTheMigrationBudgetSaysSo() throws {
        let result = try CommandRunner.run(["solve", example, "--method", "ffd", "--goal", "consolidate", "--migration-budget", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let migrations = try XCTUnwrap(json["migrations"] as? Int)
        let forced = try XCTUnwrap(json["forcedMigrations"] as? Int)
        XCTAssertGreaterThan(migrations, forced, "FFD moves VMs that could stay")
        let notes = try XCTUnwrap(json["notes"] as? [String])
        XCTAssertTrue(notes.contains("over the migration budget: \(migrations - forced) voluntary migrations, budget 0 (\(forced) forced migrations exempt)"), "\(notes)")
        XCTAssertTrue(result.stderr.contains("OVER the migration budget 0"), result.stderr)
    }

    func testSimulateWarnsAboutUnequalTracesAndWritesNoSummaryWhenASideFileFails() throws {
        let directory = try CommandRunner.temporaryDirectory("traces")
        defer { try? FileManager.default.removeItem(at: directory) }
        let traces = directory.appendingPathComponent("folder with spaces")
        try FileManager.default.createDirectory(at: traces, withIntermediateDirectories: true)
        try "10\n20\n30\n".write(to: traces.appendingPathComponent("vm a"), atomically: true, encoding: .utf8)
        try "40\n50\n".write(to: traces.appendingPathComponent("vm b"), atomically: true, encoding: .utf8)
        let ok = try CommandRunner.run(["simulate", "--traces", traces.path, "--policy", "thr-mmt-0.8"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stderr.contains("warning: traces differ in length (2…3 steps): replaying the shortest, 2 steps (vm b)"), ok.stderr)
        XCTAssertTrue(ok.stdout.contains("\"steps\": 2"), ok.stdout)
        // --steps-csv names a directory: exit 1 and no summary on standard output.
        let failed = try CommandRunner.run(["simulate", "--traces", traces.path, "--policy", "thr-mmt-0.8", "--steps-csv", directory.path])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("it is a directory"), failed.stderr)
        XCTAssertEqual(failed.stdout, "")
        let badPolicy = try CommandRunner.run(["simulate", "--traces", traces.path, "--policy", "thr-mmt-0"])
        XCTAssertEqual(badPolicy.status, 2, badPolicy.stderr)
    }

    func testInstanceThatIsADirectoryOrHugeCountFailsCleanly() throws {
        let directory = try CommandRunner.temporaryDirectory("instances")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["solve", directory.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(directory.path): error: cannot read file: it is a directory"), result.stderr)
        let huge = directory.appendingPathComponent("huge.json")
        try """
        {"version": 1, "dimensions": ["cpu"], "hosts": [{"id": "h", "capacity": [4]}], "vms": [{"id": "v", "count": 2000000000, "demand": [1]}]}
        """.write(to: huge, atomically: true, encoding: .utf8)
        let solve = try CommandRunner.run(["solve", huge.path, "--method", "exact"])
        XCTAssertEqual(solve.status, 1, solve.stderr)
        XCTAssertTrue(solve.stderr.contains("vms[0].count: count 2000000000 takes the instance past the limit of 1000000 VMs"), solve.stderr)
        XCTAssertEqual(solve.stdout, "")
    }
}
