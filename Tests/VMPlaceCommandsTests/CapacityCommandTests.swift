import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `vmplace capacity` on the bundled sample: exit codes, files written, well-formed HTML, history.
final class CapacityCommandTests: XCTestCase {
    let sample = ["--traces", "Instances/capacity/traces", "--inventory", "Instances/capacity/inventory.json",
                  "--config", "Instances/capacity/config.json", "--quiet"]

    func testPlanWritesTheThreeFilesAndTheHistoryKeepsOneRowPerDate() throws {
        let out = try CommandRunner.temporaryDirectory("capacity-plan")
        let history = out.appendingPathComponent("h.sqlite").path
        for _ in 0..<2 {
            let run = try CommandRunner.run(["capacity", "plan"] + sample + ["--out", out.path, "--history", history])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let again = try CommandRunner.run(["capacity", "plan"] + sample + ["--out", out.path, "--history", history, "--date", "2024-03-08"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let planData = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: planData) as? [String: Any])
        for key in ["hostsNeeded", "lowerBound", "hostsNeededPeakSizing", "hotSpots", "whatIfs"] { XCTAssertNotNil(plan[key], key) }
        let hosts = try XCTUnwrap(plan["hostsNeeded"] as? Int), bound = try XCTUnwrap(plan["lowerBound"] as? Int)
        XCTAssertLessThanOrEqual(bound, hosts)
        XCTAssertEqual(plan["date"] as? String, "2024-03-08")
        let whatIfs = try XCTUnwrap(plan["whatIfs"] as? [[String: Any]])
        XCTAssertEqual(whatIfs.map { $0["name"] as? String }, ["add 4 web VMs", "take rack r2 out", "grow 15 %", "all together"])
        XCTAssertFalse(try XCTUnwrap(plan["hotSpots"] as? [Any]).isEmpty, "h1 holds both web servers: a hot spot")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("at least \(bound) are necessary"))
        // The HTML page is well-formed XHTML with inline SVG and fetches nothing.
        let html = try Data(contentsOf: out.appendingPathComponent("report.html"))
        let parser = XMLParser(data: html)
        XCTAssertTrue(parser.parse(), "report.html is not well-formed: \(String(describing: parser.parserError))")
        let text = String(decoding: html, as: UTF8.self)
        XCTAssertTrue(text.contains("<svg"))
        XCTAssertFalse(text.contains("http://") && text.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
        XCTAssertFalse(text.contains("https://"))
        // Two dates, the first planned twice: two rows.
        let list = try CommandRunner.run(["capacity", "history", "--history", history])
        XCTAssertEqual(list.status, 0, list.stderr)
        let rows = list.stdout.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.map { String($0.prefix(10)) }, ["2024-03-08", "2024-03-09"])
    }

    func testBacktestWritesItsMetrics() throws {
        let out = try CommandRunner.temporaryDirectory("capacity-backtest")
        let run = try CommandRunner.run(["capacity", "backtest"] + sample + ["--holdout-days", "1", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let data = try Data(contentsOf: out.appendingPathComponent("backtest.json"))
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forecast = try XCTUnwrap(result["forecast"] as? [String: [String: Any]])
        XCTAssertEqual(Set(forecast.keys), ["cpu", "mem"])
        for (_, metrics) in forecast {
            for key in ["meanMASE", "medianP95Error", "shareP95UnderForecastOver10pct"] { XCTAssertNotNil(metrics[key] as? Double, key) }
            XCTAssertTrue((0...1).contains(try XCTUnwrap(metrics["shareP95UnderForecastOver10pct"] as? Double)))
        }
        let share = try XCTUnwrap(result["overloadedHostIntervalShare"] as? Double)
        XCTAssertTrue((0...1).contains(share))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result["hostsPlanned"] as? Int), try XCTUnwrap(result["lowerBound"] as? Int))
        XCTAssertNotNil(result["hostsOracle"] as? Int)
    }

    func testBacktestWithSeveralOriginsReportsEachSplitAndTheMeanAndWorst() throws {
        let out = try CommandRunner.temporaryDirectory("capacity-backtest-origins")
        let run = try CommandRunner.run(["capacity", "backtest"] + sample + ["--holdout-days", "1", "--origins", "2", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let data = try Data(contentsOf: out.appendingPathComponent("backtest.json"))
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let splits = try XCTUnwrap(result["origins"] as? [[String: Any]])
        // The sample holds 2024-03-04..08: the last two days are each held out once, oldest first;
        // the top level is the latest split.
        XCTAssertEqual(splits.map { $0["firstHeldOutDate"] as? String }, ["2024-03-07", "2024-03-08"])
        XCTAssertEqual(result["firstHeldOutDate"] as? String, "2024-03-08")
        XCTAssertEqual(result["hostsPlanned"] as? Int, splits[1]["hostsPlanned"] as? Int)
        let summary = try XCTUnwrap(result["summary"] as? [String: [String: Double]])
        let shares = splits.compactMap { $0["overloadedHostIntervalShare"] as? Double }
        XCTAssertEqual(try XCTUnwrap(summary["overloadedHostIntervalShare"]?["worst"]), shares.max()!, accuracy: 1e-9)
        XCTAssertNotNil(summary["cpu.meanMASE"]?["mean"])
        let markdown = try String(contentsOf: out.appendingPathComponent("backtest.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| 2024-03-07 Thu |"), markdown)
        XCTAssertTrue(markdown.contains("| 2024-03-08 Fri |"), markdown)
        // More origins than the history allows: a clear error, exit 1.
        let tooMany = try CommandRunner.run(["capacity", "backtest"] + sample + ["--holdout-days", "1", "--origins", "4", "--out", out.path])
        XCTAssertEqual(tooMany.status, 1)
        XCTAssertTrue(tooMany.stderr.contains("--origins 4"), tooMany.stderr)
        let help = try CommandRunner.run(["capacity", "backtest", "--help"])
        XCTAssertTrue(help.stdout.contains("--origins"), help.stdout)
    }

    func testBadInputExitsOneNamingTheFileAndField() throws {
        let dir = try CommandRunner.temporaryDirectory("capacity-bad")
        let config = dir.appendingPathComponent("config.json")
        try "{\n  \"sizing\": \"p90\"\n}\n".write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["capacity", "plan", "--traces", "Instances/capacity/traces", "--inventory", "Instances/capacity/inventory.json",
                                         "--config", config.path, "--out", dir.path, "--quiet"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("\(config.path):2:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("sizing"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan.json").path))
        let missing = try CommandRunner.run(["capacity", "plan", "--traces", dir.appendingPathComponent("nope").path, "--inventory",
                                             "Instances/capacity/inventory.json", "--out", dir.path, "--quiet"])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        let usage = try CommandRunner.run(["capacity", "backtest", "--traces", "x", "--inventory", "y", "--out", dir.path, "--holdout-days", "0"])
        XCTAssertEqual(usage.status, 2)
    }
}

/// plan.json and backtest.json carry exactly the fields their schemas list (required and allowed).
final class CapacitySchemaTests: XCTestCase {
    func schemaKeys(_ name: String) throws -> (required: Set<String>, allowed: Set<String>) {
        let url = CommandRunner.repositoryRoot.appendingPathComponent("Instances/capacity/\(name).schema.json")
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let required = Set(try XCTUnwrap(schema["required"] as? [String]))
        let allowed = Set(try XCTUnwrap(schema["properties"] as? [String: Any]).keys)
        return (required, allowed)
    }

    func testPlanAndBacktestMatchTheirSchemas() throws {
        let out = try CommandRunner.temporaryDirectory("capacity-schema")
        let args = ["--traces", "Instances/capacity/traces", "--inventory", "Instances/capacity/inventory.json", "--config",
                    "Instances/capacity/config.json", "--out", out.path, "--quiet"]
        XCTAssertEqual(try CommandRunner.run(["capacity", "plan"] + args).status, 0)
        XCTAssertEqual(try CommandRunner.run(["capacity", "backtest", "--holdout-days", "1"] + args).status, 0)
        for (schema, file) in [("plan", "plan.json"), ("backtest", "backtest.json")] {
            let keys = try schemaKeys(schema)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(file))) as? [String: Any])
            XCTAssertEqual(keys.required.subtracting(object.keys), [], "\(file) lacks required fields")
            XCTAssertEqual(Set(object.keys).subtracting(keys.allowed), [], "\(file) has fields its schema does not list")
        }
    }
}
