import PlacementModel
import TestSupport
import XCTest
@testable import Harness

/// The one reader of the published known-values tables (harness, heuristics-bench, exact-bench).
final class KnownValuesTableTests: XCTestCase {
    static let header = "instance_name\tLB\tOPT\tbest_overall\tbest_IC\n"

    func testLowerBoundAndOptimumWithoutPublishedColumns() throws {
        var table = KnownValuesTable()
        try table.merge("instance_name\tLB\tOPT\nclass1_20_3_0\t6\t6\nclass9_60_5_1\t27\t-1\n")
        XCTAssertEqual(table.entries["class1_20_3_0"], .init(lowerBound: 6, optimum: 6))
        XCTAssertEqual(table.entries["class9_60_5_1"], .init(lowerBound: 27, optimum: nil))
        XCTAssertTrue(table.publishedColumns.isEmpty)
        XCTAssertThrowsError(try table.merge("x\ty\n", file: "k.tsv")) { error in
            XCTAssertTrue("\(error)".contains("k.tsv:1"), "\(error)")
        }
    }

    func testPublishedHeuristicColumnsAreNamedByTheHeader() throws {
        var table = KnownValuesTable()
        try table.merge(Self.header + "a\t6\t6\t7\t8\nb,10,-1,12,-1\n", file: "k.tsv")
        XCTAssertEqual(table.publishedColumns, ["best_overall", "best_IC"])
        XCTAssertEqual(table.entries["a"]?.published, ["best_overall": 7, "best_IC": 8])
        XCTAssertEqual(table.entries["a"]?.bestOverall, 7)
        XCTAssertEqual(table.entries["b"], .init(lowerBound: 10, optimum: nil, published: ["best_overall": 12]))
        // Without a header, columns after OPT have no name and are ignored.
        var plain = KnownValuesTable()
        try plain.merge("c\t3\t4\t5\n")
        XCTAssertEqual(plain.entries["c"], .init(lowerBound: 3, optimum: 4))
    }

    func testCRLFLinesAndCommentsAreRead() throws {
        var table = KnownValuesTable()
        try table.merge("# published\r\n" + Self.header.replacingOccurrences(of: "\n", with: "\r\n") + "a\t6\t6\t7\t8\r\n\r\nb\t1\t2\t3\t4\r\n")
        XCTAssertEqual(table.entries["a"]?.bestOverall, 7)
        XCTAssertEqual(table.entries["b"]?.published["best_IC"], 4)
    }

    /// NaN or infinite values and an LB above the OPT would poison every gap: they are errors
    /// naming the file and line, not silently "unknown".
    func testRejectsNonFiniteAndInconsistentRows() {
        var table = KnownValuesTable()
        for (text, message) in [("a\tnan\t3\n", "LB must be a finite number"), ("a\t2\tinf\n", "OPT must be a finite number"),
                                ("a\t5\t3\n", "LB 5 exceeds OPT 3")] {
            XCTAssertThrowsError(try table.merge(text, file: "k.tsv"), text) { error in
                XCTAssertTrue("\(error)".contains("k.tsv:1"), "\(error)")
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        XCTAssertNil(table.entries["a"])
    }

    func testBadLinesNameFileAndLine() {
        for (body, message) in [
            ("a\t6\t6\t7\n", "4 fields, the header has 5"),
            ("a\t6\t6\t7\t8\t9\n", "6 fields, the header has 5"),
            ("a\t6\t6\t\t8\n", "field 4 (best_overall) is empty"),
            ("a\t6\t6\tseven\t8\n", "best_overall must be a finite number (-1 = unknown), found \"seven\" for a"),
            ("a\t6\t6\t5\t8\n", "best_overall 5 is below the OPT 6 for a"),
            ("a\t6\t-1\t7\t4\n", "best_IC 4 is below the LB 6 for a"),
            ("a\t6\t6\t7\t8\na\t6\t6\t7\t7\n", "instance a is listed twice (also line 2)"),
        ] {
            var table = KnownValuesTable()
            XCTAssertThrowsError(try table.merge(Self.header + body, file: "known.tsv"), body) { error in
                let diagnostic = (error as? InvalidInput)?.diagnostics.first
                XCTAssertEqual(diagnostic?.file, "known.tsv", body)
                XCTAssertEqual(diagnostic?.line, body.hasPrefix("a\t6\t6\t7\t8\na") ? 3 : 2, body)
                XCTAssertTrue(diagnostic?.message.contains(message) ?? false, "\(error)")
            }
            XCTAssertTrue(table.entries.isEmpty, "a file with a bad line adds nothing: \(body)")
        }
        var table = KnownValuesTable()
        XCTAssertThrowsError(try table.merge("instance_name\tLB\tOPT\tLB\n", file: "h.tsv")) { error in
            XCTAssertTrue("\(error)".contains("h.tsv:1") && "\(error)".contains("header"), "\(error)")
        }
    }

    /// The published tables: every line reads, with best_overall for every instance.
    func testPublishedTables() throws {
        guard let known = SharedData.path("vbp/known") else { throw XCTSkip("../shared/data/vbp/known is absent") }
        let files = ["Panigrahy_summary_known.csv", "Triplet_summary_known.csv"].map { known + "/" + $0 }
        let table = try KnownValuesTable.read(paths: files)
        XCTAssertEqual(table.entries.count, 1620 + 240)
        XCTAssertEqual(table.publishedColumns, ["best_overall", "best_IC", "best_BC", "best_MB-Pairing", "best_MB-WFD"])
        XCTAssertTrue(table.entries.values.allSatisfy { $0.bestOverall != nil })
        XCTAssertEqual(table.entries["classC_60_3_0"], .init(lowerBound: 20, optimum: 20, published: [
            "best_overall": 23, "best_IC": 23, "best_BC": 23, "best_MB-Pairing": 23, "best_MB-WFD": 23]))
    }
}
