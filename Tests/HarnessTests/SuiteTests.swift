import Heuristics
import InstanceFormats
import PlacementModel
import TestSupport
import XCTest
@testable import Harness

final class SuiteTests: XCTestCase {
    func testClassFromName() {
        XCTAssertEqual(InstanceIdentity.classOf("class3_40_5_2"), "class3")
        XCTAssertEqual(InstanceIdentity.classOf("planted_30_2_4"), "planted")
        XCTAssertEqual(InstanceIdentity.classOf("web-7"), "web")
        XCTAssertEqual(InstanceIdentity.classOf("my_dc"), "my_dc")
        XCTAssertEqual(InstanceIdentity.classOf("classC_60_3_0"), "classC")
        XCTAssertEqual(InstanceIdentity.classOf("42"), "42")
    }

    func testFolderGlobAndListFileResolveToSortedUniqueMembers() throws {
        let root = try temporaryFolder()
        let folder = root + "/bench"
        _ = try InstanceGenerator.write(InstanceGenerator.instances(kind: .planted, count: 3, vmCount: 8, dimensions: 2, seed: 1), to: folder)
        try "1\n10\n1\n5 2\n".write(toFile: folder + "/sub_1.vbp", atomically: true, encoding: .utf8)
        let bySuite = try Suite.resolve([folder])
        XCTAssertEqual(bySuite.name, "bench")
        XCTAssertEqual(bySuite.members.map(\.identity.name), ["planted_8_2_0", "planted_8_2_1", "planted_8_2_2", "sub_1"])
        let byGlob = try Suite.resolve([folder + "/planted_*.json"])
        XCTAssertEqual(byGlob.members.count, 3)
        try "# a list\nbench/planted_8_2_1.json\n\nbench/sub_1.vbp\n".write(toFile: root + "/mine.txt", atomically: true, encoding: .utf8)
        let byList = try Suite.resolve([root + "/mine.txt"])
        XCTAssertEqual(byList.name, "mine")
        XCTAssertEqual(byList.members.map(\.identity.name), ["planted_8_2_1", "sub_1"])
        // A list file with CRLF line ends ("\r\n" is one Character) lists the same members.
        try "# a list\r\nbench/planted_8_2_1.json\r\n\r\nbench/sub_1.vbp\r\n".write(toFile: root + "/crlf.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try Suite.resolve([root + "/crlf.txt"]).members.map(\.identity.name), ["planted_8_2_1", "sub_1"])
        XCTAssertThrowsError(try Suite.resolve([root + "/nothing-here"])) { error in
            XCTAssertTrue("\(error)".contains("no such file, folder or matching pattern"))
        }
        try "bench/missing.json\n".write(toFile: root + "/bad.txt", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Suite.resolve([root + "/bad.txt"])) { error in
            XCTAssertTrue("\(error)".contains("bad.txt:1"), "\(error)")
        }
    }

    func testDuplicateInstanceNamesAreRejected() throws {
        let root = try temporaryFolder()
        _ = try InstanceGenerator.write(InstanceGenerator.instances(kind: .planted, count: 1, vmCount: 8, dimensions: 2, seed: 1), to: root + "/a")
        _ = try InstanceGenerator.write(InstanceGenerator.instances(kind: .planted, count: 1, vmCount: 8, dimensions: 2, seed: 2), to: root + "/b")
        XCTAssertThrowsError(try Suite.resolve([root + "/a", root + "/b"])) { error in
            XCTAssertTrue("\(error)".contains("instance name \"planted_8_2_0\" is also used"), "\(error)")
        }
    }

    func testShardParsing() throws {
        let shard = try Shard(parsing: "2/3")
        XCTAssertEqual(shard.index, 2)
        XCTAssertEqual((0..<9).filter { shard.contains(position: $0) }, [1, 4, 7])
        XCTAssertThrowsError(try Shard(parsing: "0/3"))
        XCTAssertThrowsError(try Shard(parsing: "4/3"))
        XCTAssertThrowsError(try Shard(parsing: "x"))
    }

    /// The public benchmark: bundled `.vbp` files with the published LB/OPT table.
    func testPublicBenchmarkWithKnownTable() throws {
        guard let data = SharedData.path("vbp"), SharedData.path("vbp/known/Panigrahy_summary_known.csv") != nil else {
            throw XCTSkip("../shared/data/vbp is absent")
        }
        let root = try temporaryFolder()
        let report = try ScoreRun.run(ScoreConfiguration(
            suites: [data + "/panigrahy/class1/class1_20_3_*.vbp"], methods: [Heuristics.FirstFitDecreasing()],
            knownFiles: [data + "/known/Panigrahy_summary_known.csv"], outputDirectory: root, showProgress: false))
        XCTAssertEqual(report.rows.count, 10)
        for row in report.rows {
            XCTAssertEqual(row.verdict, "ok")
            XCTAssertNotNil(row.knownOptimum, row.instance)
            XCTAssertGreaterThanOrEqual(row.objective ?? 0, row.knownOptimum ?? .infinity)
        }
    }
}
