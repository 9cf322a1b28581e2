import Foundation
import XCTest

/// `vmplace simulate` with an instance, events and every trigger / policy option, run as a user would.
final class SimulateOptionsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try CommandRunner.temporaryDirectory("simulate-options-\(name.filter { $0.isLetter })")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Three hosts (cpu 10, mem 16, 100 → 200 W), four VMs; web1 and web2 anti-affine; db untraced.
    func cluster() throws -> (instance: String, traces: String) {
        let instance = try file("cluster.json", """
        { "format": "vmplace-instance", "version": 1, "name": "c", "dimensions": ["cpu", "mem"],
          "hosts": [ { "id": "h", "count": 3, "capacity": [10, 16], "idleWatts": 100, "peakWatts": 200 } ],
          "vms": [ { "id": "web1", "demand": [4, 4], "currentHost": "h-1" }, { "id": "web2", "demand": [4, 4], "currentHost": "h-2" },
                   { "id": "batch", "demand": [4, 4], "currentHost": "h-1" }, { "id": "db", "demand": [1, 4], "currentHost": "h-3" } ],
          "antiAffinity": [ { "name": "web", "vms": ["web1", "web2"] } ],
          "thresholds": { "underload": [0.3, 0] } }
        """)
        let traces = try file("t.csv", "web1,web1:mem,web2,batch\n50,50,50,50\n100,60,100,100\n100,70,20,100\n100,80,20,20\n")
        return (instance, traces)
    }

    func json(_ output: CommandRunner.Output) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], output.stderr)
    }

    func testInstanceReplayWithEventsAndTriggerOptions() throws {
        let (instance, traces) = try cluster()
        let events = try file("events.json", """
        { "format": "vmplace-events", "version": 1, "events": [ { "step": 2, "event": "maintenance", "host": "h-3", "until": 3 } ] }
        """)
        let base = ["simulate", "--instance", instance, "--traces", traces, "--format", "csv", "--events", events]
        let plain = try CommandRunner.run(base + ["--policy", "thr-mmt-0.8"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let summary = try json(plain)
        XCTAssertEqual(summary["vms"] as? Int, 4)
        XCTAssertEqual(summary["hosts"] as? Int, 3)
        XCTAssertGreaterThan(summary["migrations"] as? Int ?? 0, 0, "db leaves h-3 for maintenance at least")
        XCTAssertTrue(plain.stderr.contains("1 VM(s) without a trace"), plain.stderr)
        // Every trigger option is accepted and changes what the trigger is.
        for options in [["--policy", "kofn-mmt-0.7", "--k", "2", "--n", "3"], ["--policy", "ewma-mmt-0.7", "--alpha", "0.9"],
                        ["--policy", "ar-mmt-0.7", "--ar-order", "1"], ["--policy", "holt-mmt-0.7", "--alpha", "0.6", "--beta", "0.2"],
                        ["--policy", "holt-mmt-0.7", "--season", "2", "--gamma", "0.3"],
                        ["--policy", "imbalance-mmt-0.2"], ["--policy", "thr-mmt-0.8", "--period", "2"],
                        ["--policy", "thr-mmt-0.8", "--window", "00:05-00:10", "--start-time", "00:00"],
                        ["--policy", "thr-mmt-0.8", "--underload", "0.5", "--cooldown", "1", "--hysteresis", "0.6", "--margin-watts", "1"],
                        ["--policy", "thr-vsr-0.8/vector-dot", "--migration-model", "post-copy", "--gang"],
                        ["--policy", "thr-resource-constrained-0.8/worst-fit", "--migration-model", "suspend-copy"],
                        ["--policy", "thr-reassign-0.8", "--reassign-migration-weight", "0.001"]] {
            let run = try CommandRunner.run(base + options)
            XCTAssertEqual(run.status, 0, "\(options): \(run.stderr)")
            XCTAssertNotNil(try json(run)["energyKWh"], "\(options)")
        }
    }

    func testOptionsChangeTheOutcome() throws {
        let (instance, traces) = try cluster()
        let base = ["simulate", "--instance", instance, "--traces", traces, "--format", "csv", "--quiet"]
        func migrations(_ options: [String]) throws -> Int {
            let run = try CommandRunner.run(base + options)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try json(run)["migrations"] as? Int ?? -1
        }
        let every = try migrations(["--policy", "thr-mmt-0.7"])
        XCTAssertGreaterThan(every, 0)
        XCTAssertEqual(try migrations(["--policy", "thr-mmt-0.7", "--window", "12:00-13:00"]), 0, "no decision outside the window")
        XCTAssertEqual(try migrations(["--policy", "kofn-mmt-0.7", "--k", "5", "--n", "5", "--underload", "0"]), 0, "never 5 of 5 in 4 steps")
        let pre = try json(CommandRunner.run(base + ["--policy", "thr-mmt-0.7"]))["pdm"] as? Double ?? 0
        let suspend = try json(CommandRunner.run(base + ["--policy", "thr-mmt-0.7", "--migration-model", "suspend-copy"]))["pdm"] as? Double ?? 0
        XCTAssertEqual(suspend, pre * 10, accuracy: pre * 1e-6)
    }

    func testErrorsNameWhatIsWrong() throws {
        let (instance, traces) = try cluster()
        let base = ["simulate", "--instance", instance, "--traces", traces, "--format", "csv"]
        let unknown = try CommandRunner.run(base + ["--policy", "thr-nosuch-0.8"])
        XCTAssertEqual(unknown.status, 2)
        for part in ["holt", "ar", "weighted-sum", "resource-constrained", "vector-dot", "worst-fit", "reassign", "pabfd"] {
            XCTAssertTrue(unknown.stderr.contains(part), "\(part): \(unknown.stderr)")
        }
        XCTAssertEqual(try CommandRunner.run(base + ["--policy", "kofn-mmt-0.8", "--k", "9"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(base + ["--policy", "thr-mmt-0.8", "--window", "8-9"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(base + ["--policy", "thr-mmt-0.8", "--migration-model", "teleport"]).status, 2)
        let events = try file("bad.json", "{ \"events\": [\n { \"step\": 1, \"event\": \"maintenance\", \"host\": \"nohost\" } ] }")
        let badEvent = try CommandRunner.run(base + ["--policy", "thr-mmt-0.8", "--events", events])
        XCTAssertEqual(badEvent.status, 1)
        XCTAssertTrue(badEvent.stderr.contains("nohost"), badEvent.stderr)
        let missingDay = try CommandRunner.run(["simulate", "--traces", directory.path, "--day", "19990101", "--policy", "npa"])
        XCTAssertEqual(missingDay.status, 1)
        XCTAssertTrue(missingDay.stderr.contains("no folder for day 19990101"), missingDay.stderr)
        XCTAssertTrue(missingDay.stdout.isEmpty)
    }

    func testSeveralPoliciesAndSeedsGiveAReportWithMeans() throws {
        let (instance, traces) = try cluster()
        let table = directory.appendingPathComponent("table.md").path
        let run = try CommandRunner.run(["simulate", "--instance", instance, "--traces", traces, "--format", "csv", "--quiet",
                                         "--policy", "thr-rs-0.7", "--policy", "dvfs", "--seed", "1", "--seed", "2", "--table", table])
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try json(run)
        XCTAssertEqual((report["runs"] as? [Any])?.count, 4)
        let means = try XCTUnwrap(report["means"] as? [[String: Any]])
        XCTAssertEqual(means.map { $0["policy"] as? String }, ["thr-rs-0.7", "dvfs"])
        XCTAssertEqual(means[0]["runs"] as? Int, 2)
        let markdown = try String(contentsOfFile: table, encoding: .utf8)
        XCTAssertTrue(markdown.contains("| dvfs | 2 |"), markdown)
    }

    func testCloudSimFlagsAreSpelledAsDocumented() throws {
        let (instance, traces) = try cluster()
        for flag in ["--drop-idle-vms", "--cloudsim-accounting", "--cloudsim-faithful"] {
            let run = try CommandRunner.run(["simulate", "--instance", instance, "--traces", traces, "--format", "csv", "--quiet",
                                             "--policy", "thr-mmt-0.8", flag])
            XCTAssertEqual(run.status, 0, "\(flag): \(run.stderr)")
        }
    }

    func testHelpReachesEveryOption() throws {
        let help = try CommandRunner.run(["simulate", "--help"])
        XCTAssertEqual(help.status, 0)
        for option in ["--instance", "--events", "--all-days", "--k ", "--n ", "--alpha", "--beta", "--gamma", "--season", "--ar-order",
                       "--period", "--window", "--start-time", "--underload", "--cooldown", "--hysteresis", "--margin-watts",
                       "--migration-model", "--gang", "--reassign-migration-weight", "--seed", "--table", "--vm-order", "--fill-gaps",
                       "--drop-idle-vms", "--cloudsim-accounting", "--cloudsim-faithful", "Examples:"] {
            XCTAssertTrue(help.stdout.contains(option), option)
        }
    }
}
