import Heuristics
import InstanceFormats
import PlacementModel
import XCTest
@testable import Harness

final class ScoreRunTests: XCTestCase {
    /// A suite of 5 planted and 2 cloud instances written to a temporary folder named `suite`.
    func makeSuite() throws -> (root: String, suite: String) {
        let root = try temporaryFolder()
        let suite = (root as NSString).appendingPathComponent("suite")
        _ = try InstanceGenerator.write(InstanceGenerator.instances(kind: .planted, count: 5, vmCount: 14, dimensions: 2, seed: 3), to: suite)
        _ = try InstanceGenerator.write(InstanceGenerator.instances(kind: .cloud, count: 2, vmCount: 12, dimensions: 2, seed: 3), to: suite)
        return (root, suite)
    }

    let methods: [any PlacementMethod] = [FirstFitDecreasing(), OverloadingMethod(), ThrowingMethod()]

    func configuration(_ suite: String, out: String, methods: [any PlacementMethod]? = nil, jobs: Int = 1,
                       shard: Shard? = nil, reference: (any PlacementMethod)? = nil) -> ScoreConfiguration {
        ScoreConfiguration(suites: [suite], methods: methods ?? self.methods, referenceMethod: reference, goal: .place, jobs: jobs,
                           outputDirectory: out, runName: "test", shard: shard, showProgress: false)
    }

    func testEveryInstanceAndMethodGivesARowIncludingFailures() throws {
        let (root, suite) = try makeSuite()
        let out = (root as NSString).appendingPathComponent("Results")
        let report = try ScoreRun.run(configuration(suite, out: out, methods: methods + [BalanceOnlyMethod()]))
        XCTAssertEqual(report.directory, out + "/suite/test")
        XCTAssertEqual(report.rows.count, 7 * 3)
        XCTAssertEqual(report.skippedMethods, ["balance-only"])
        for row in report.rows {
            switch row.method {
            case "ffd":
                XCTAssertEqual(row.verdict, "ok", row.instance)
                XCTAssertNotNil(row.gapToBound)
                XCTAssertGreaterThanOrEqual(row.gapToBound ?? -1, 0)
                if row.instanceClass == "planted" {
                    XCTAssertNotNil(row.knownOptimum)
                    XCTAssertEqual(row.lowerBound, row.knownOptimum)
                    XCTAssertEqual(row.gapToOptimum, row.gapToBound)
                } else {
                    XCTAssertEqual(row.boundSource, "L1")
                    XCTAssertNil(row.knownOptimum)
                }
            case "overload-all":
                XCTAssertTrue(row.verdict.hasPrefix("failed:"), row.verdict)
                XCTAssertNil(row.gapToBound)
            default:
                XCTAssertEqual(row.status, "error")
                XCTAssertEqual(row.verdict, "error: deliberate failure")
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: report.directory).sorted()
        XCTAssertEqual(files, ["gaps.svg", "results.csv", "summary.md", "time.svg"])
        let summary = try String(contentsOfFile: report.directory + "/summary.md", encoding: .utf8)
        XCTAssertTrue(summary.contains("Rows that failed the check or raised an error (14)"), summary)
    }

    func testResumeAfterATornWriteGivesTheUninterruptedRows() throws {
        let (root, suite) = try makeSuite()
        let reference = try ScoreRun.run(configuration(suite, out: root + "/A"))

        // A run that was killed: only some methods done, then a torn last line.
        let partial = try ScoreRun.run(configuration(suite, out: root + "/B", methods: [FirstFitDecreasing()]))
        XCTAssertEqual(partial.rows.count, 7)
        let path = partial.resultsPath
        var text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines.removeLast(3) // rows in flight lost
        text = lines.joined(separator: "\n") + "\n" + String(partial.rows[4].csvLine.prefix(25)) // torn line
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        let resumed = try ScoreRun.run(configuration(suite, out: root + "/B"))
        XCTAssertEqual(resumed.droppedLines, 1, "the torn line is detected and dropped")
        XCTAssertEqual(resumed.resumedRows, 4)
        XCTAssertEqual(resumed.computedRows, 21 - 4)
        XCTAssertEqual(timeless(resumed.rows), timeless(reference.rows))
        let onDisk = try ResultsFile.read(path: path)
        XCTAssertEqual(timeless(onDisk), timeless(reference.rows))
        XCTAssertEqual(onDisk.count, 21, "no duplicate and no torn row left in the file")

        // A third run has nothing to do.
        let again = try ScoreRun.run(configuration(suite, out: root + "/B"))
        XCTAssertEqual(again.computedRows, 0)
        XCTAssertEqual(timeless(again.rows), timeless(reference.rows))
    }

    func testTornFileIsRepairedBeforeAppending() throws {
        let folder = try temporaryFolder()
        let path = folder + "/results.csv"
        let row = ScoreRow(instance: "x_1", instanceClass: "x", vmCount: 1, dimensionCount: 1, goal: "place", method: "m",
                           objective: 1, hosts: 1, migrations: 0, migrationCost: 0, seconds: 0, status: "feasible", lowerBound: 1,
                           boundSource: "L1", knownOptimum: nil, gapToOptimum: nil, gapToBound: 0, verdict: "ok")
        try (ScoreRow.header + "\n" + row.csvLine + "\n" + "y_2,y,1,1,pla").write(toFile: path, atomically: false, encoding: .utf8)
        let file = try ResultsFile(path: path)
        XCTAssertEqual(file.rows, [row])
        XCTAssertEqual(file.droppedLines, 1)
        var second = row
        second.instance = "y_2"
        try file.append(second)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, ScoreRow.header + "\n" + row.csvLine + "\n" + second.csvLine + "\n")
    }

    func testASecondWriterOnTheSameFileIsRefused() throws {
        let path = try temporaryFolder() + "/results.csv"
        let first = try ResultsFile(path: path)
        XCTAssertThrowsError(try ResultsFile(path: path)) { error in
            XCTAssertTrue("\(error)".contains("another vmplace score run is writing this file"), "\(error)")
        }
        first.close()
        XCTAssertNoThrow(try ResultsFile(path: path))
    }

    func testShardsMergedEqualTheUnshardedRun() throws {
        let (root, suite) = try makeSuite()
        let whole = try ScoreRun.run(configuration(suite, out: root + "/whole"))
        let first = try ScoreRun.run(configuration(suite, out: root + "/sharded", shard: try Shard(index: 1, count: 2)))
        let second = try ScoreRun.run(configuration(suite, out: root + "/sharded", shard: try Shard(index: 2, count: 2)))
        XCTAssertEqual(first.rows.count + second.rows.count, whole.rows.count)
        XCTAssertTrue(Set(first.rows.map(\.instance)).isDisjoint(with: Set(second.rows.map(\.instance))))
        XCTAssertTrue(first.writtenFiles.isEmpty, "shards write no summary")
        let merged = try ResultsMerge.merge([first.directory], into: first.directory + "/results.csv")
        XCTAssertEqual(timeless(merged), timeless(whole.rows))
        let mergedFile = try ResultsFile.read(path: first.directory + "/results.csv")
        XCTAssertEqual(mergedFile.map(\.withoutTime), timeless(whole.rows), "merged file is in canonical order")
        // Merging again (the merged file is itself a results*.csv) changes nothing.
        XCTAssertEqual(timeless(try ResultsMerge.merge([first.directory], into: first.directory + "/results.csv")), timeless(whole.rows))
    }

    func testParallelRunGivesTheSameRowsAndSummary() throws {
        let (root, suite) = try makeSuite()
        let serial = try ScoreRun.run(configuration(suite, out: root + "/serial"))
        let parallel = try ScoreRun.run(configuration(suite, out: root + "/parallel", jobs: 4))
        XCTAssertEqual(timeless(parallel.rows), timeless(serial.rows))
        let a = Summary(rows: serial.rows.map(\.withoutTime)).markdown(title: "t")
        let b = Summary(rows: parallel.rows.map(\.withoutTime)).markdown(title: "t")
        XCTAssertEqual(a, b)
    }

    func testReferenceMethodBoundAndOptimumFeedEveryRowAndSurviveResume() throws {
        let (root, suite) = try makeSuite()
        // Claims optimality of FFD's packing with the L1 bound: objective becomes "known opt".
        let exact = FakeExactMethod(bound: { LowerBoundL1.objectiveBound($0, goal: .place) }, claimOptimal: true)
        let report = try ScoreRun.run(configuration(suite, out: root + "/R", methods: [FirstFitDecreasing()], reference: exact))
        let cloud = report.rows.filter { $0.instanceClass == "cloud" }
        XCTAssertEqual(cloud.count, 4)
        for row in cloud where row.method == "ffd" {
            let exactRow = try XCTUnwrap(cloud.first { $0.instance == row.instance && $0.method == "exact" })
            XCTAssertEqual(row.knownOptimum, exactRow.objective, "the exact method's proven optimum is the known opt")
            XCTAssertEqual(row.gapToOptimum, 0)
            XCTAssertEqual(row.lowerBound, exactRow.lowerBound)
        }
        // Planted instances: the file's optimum wins over the exact method's claim.
        for row in report.rows where row.instanceClass == "planted" {
            XCTAssertEqual(row.knownOptimum, Double(PlantedOptimum.plantedHosts(vmCount: 14)))
        }
        // Resume with the exact rows already there but the heuristic rows lost.
        let path = report.resultsPath
        let kept = report.rows.filter { $0.method == "exact" }
        try ([ScoreRow.header] + kept.map(\.csvLine)).joined(separator: "\n").appending("\n").write(toFile: path, atomically: false, encoding: .utf8)
        let resumed = try ScoreRun.run(configuration(suite, out: root + "/R", methods: [FirstFitDecreasing()], reference: exact))
        XCTAssertEqual(resumed.computedRows, 7)
        XCTAssertEqual(timeless(resumed.rows), timeless(report.rows))
    }

    func testBadInstanceFileBecomesErrorRows() throws {
        let (root, suite) = try makeSuite()
        try "{ \"format\": \"vmplace-instance\", ".write(toFile: suite + "/broken_1.json", atomically: true, encoding: .utf8)
        let report = try ScoreRun.run(configuration(suite, out: root + "/E", methods: [FirstFitDecreasing()]))
        let broken = report.rows.filter { $0.instance == "broken_1" }
        XCTAssertEqual(broken.count, 1)
        XCTAssertEqual(broken.first?.status, "error")
        XCTAssertTrue(broken.first?.verdict.contains("invalid input") ?? false)
    }

    func testDerivedRunNameIsDeterministic() {
        let a = configuration("s", out: "o", methods: [FirstFitDecreasing(), ThrowingMethod()])
        var named = a
        named.runName = nil
        XCTAssertEqual(ScoreRun.derivedRunName(named), "place-ffd+throws")
        named.timeLimit = 2.5
        named.referenceMethod = FakeExactMethod(bound: { _ in nil }, claimOptimal: false)
        XCTAssertEqual(ScoreRun.derivedRunName(named), "place-ffd+throws-exact-t2.5")
    }
}
