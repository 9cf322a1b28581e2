import XCTest
@testable import Harness

final class SummaryTests: XCTestCase {
    /// A hand-made results file: class c1 has two instances with optimum 10; class c2 one
    /// instance with only a lower bound 4.
    let text = """
    instance,class,n,d,goal,method,objective,hosts,migrations,migration_cost,seconds,status,lower_bound,bound_source,known_opt,gap_to_opt,gap_to_bound,checker_verdict
    c1_10_2_0,c1,10,2,place,ffd,11,11,0,0,0.3000,feasible,10,opt,10,0.1,0.1,ok
    c1_10_2_1,c1,10,2,place,ffd,10,10,0,0,0.1000,feasible,10,opt,10,0,0,ok
    c1_10_2_0,c1,10,2,place,bfd,12,12,0,0,0.2000,feasible,10,opt,10,0.2,0.2,ok
    c1_10_2_1,c1,10,2,place,bfd,3,3,0,0,0.4000,feasible,10,opt,10,,,"failed: 1 problem: capacity: host h1 cpu: load 150 exceeds capacity 100"
    c2_20_2_0,c2,20,2,place,ffd,5,5,0,0,1.0000,feasible,4,L1,,,0.25,ok
    c2_20_2_0,c2,20,2,place,bfd,,,,,0.0100,error,4,L1,,,,error: deliberate failure

    """

    /// A results file saved with CRLF line ends reads as the same rows (not as one torn line,
    /// which the repair would cut), and a torn last CRLF line is measured in bytes.
    func testCRLFFileReadsAsTheSameRows() {
        let lf = ResultsFile.parse(text)
        let crlf = ResultsFile.parse(text.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertTrue(crlf.headerOK)
        XCTAssertEqual(crlf.rows, lf.rows)
        XCTAssertEqual(crlf.dropped, 0)
        XCTAssertEqual(crlf.tornTail, 0)
        let torn = ResultsFile.parse(text.replacingOccurrences(of: "\n", with: "\r\n") + "c3_1_1_0,c3,1")
        XCTAssertEqual(torn.rows, lf.rows)
        XCTAssertEqual(torn.tornTail, "c3_1_1_0,c3,1".utf8.count)
        XCTAssertEqual(torn.dropped, 1)
    }

    func testFiguresMatchHandComputation() throws {
        let parsed = ResultsFile.parse(text)
        XCTAssertEqual(parsed.rows.count, 6)
        XCTAssertEqual(parsed.dropped, 0)
        let summary = Summary(rows: parsed.rows)
        func group(_ instanceClass: String, _ method: String) throws -> Summary.Group {
            try XCTUnwrap(summary.groups.first { $0.instanceClass == instanceClass && $0.method == method })
        }
        let c1ffd = try group("c1", "ffd")
        XCTAssertEqual(c1ffd.rows, 2)
        XCTAssertEqual(c1ffd.meanGapToOptimum!, 0.05, accuracy: 1e-12)
        XCTAssertEqual(c1ffd.maxGapToOptimum, 0.1)
        XCTAssertEqual(c1ffd.optimalFraction, 0.5)
        XCTAssertEqual(c1ffd.withinOneFraction, 1)
        XCTAssertEqual(c1ffd.medianSeconds, 0.2, accuracy: 1e-12)

        let c1bfd = try group("c1", "bfd")
        XCTAssertEqual(c1bfd.failed, 1)
        XCTAssertEqual(c1bfd.meanGapToOptimum, 0.2, "the failed row has no gap")
        XCTAssertEqual(c1bfd.optimalFraction, 0, "an objective below the optimum that failed the check is not optimal")
        XCTAssertEqual(c1bfd.withinOneFraction, 0)

        let c2ffd = try group("c2", "ffd")
        XCTAssertNil(c2ffd.meanGapToOptimum)
        XCTAssertEqual(c2ffd.meanGapToBound, 0.25)
        XCTAssertEqual(c2ffd.withinOneFraction, 1, "5 − bound 4 ≤ 1")
        XCTAssertEqual(c2ffd.optimalFraction, 0)

        let allFFD = try group("all", "ffd")
        XCTAssertEqual(allFFD.rows, 3)
        XCTAssertEqual(allFFD.meanGapToBound!, (0.1 + 0 + 0.25) / 3, accuracy: 1e-12)
        XCTAssertEqual(allFFD.medianSeconds, 0.3)
        XCTAssertEqual(allFFD.optimalFraction, 1.0 / 3, accuracy: 1e-12)

        let allBFD = try group("all", "bfd")
        XCTAssertEqual(allBFD.rows, 3)
        XCTAssertEqual(allBFD.medianSeconds, 0.2)
        XCTAssertEqual(summary.failures.count, 2)
    }

    func testSummaryDoesNotDependOnRowOrder() {
        let rows = ResultsFile.parse(text).rows
        let forward = Summary(rows: rows).markdown(title: "t")
        let backward = Summary(rows: rows.reversed()).markdown(title: "t")
        XCTAssertEqual(forward, backward)
        XCTAssertTrue(forward.contains("| c1 | place | ffd | 2 | 2 | 0 | 5.00 % | 10.00 % |"), forward)
    }

    func testChartsAreWellFormedSVG() {
        let rows = ResultsFile.parse(text).rows
        for svg in [Charts.gapDistribution(rows), Charts.timeAgainstSize(rows), Charts.gapDistribution([]), Charts.timeAgainstSize([])] {
            XCTAssertTrue(svg.hasPrefix("<svg"))
            XCTAssertTrue(svg.hasSuffix("</svg>\n"))
            XCTAssertFalse(svg.contains("nan"))
            XCTAssertFalse(svg.contains("inf"))
        }
        XCTAssertTrue(Charts.gapDistribution(rows).contains(">bfd<"))
    }

    func testTheGapAxisIsLinearAndRoundUpToAHundredPercentAndLogarithmicAbove() {
        let linear = Charts.GapScale(largest: 37)
        XCTAssertFalse(linear.logarithmic)
        XCTAssertEqual(linear.ticks, [0, 10, 20, 30, 40])
        XCTAssertEqual(linear.position(20), 0.5, accuracy: 1e-12)
        let log = Charts.GapScale(largest: 7623)
        XCTAssertTrue(log.logarithmic)
        XCTAssertEqual(log.ticks, [0, 1, 10, 100, 1000, 10_000])
        XCTAssertEqual(log.position(0), 0)
        XCTAssertEqual(log.position(log.top), 1, accuracy: 1e-12)
        // Monotone, and a 1 % gap is visibly apart from 0 (not flattened by the 7623 % one).
        let positions = [0, 0.5, 1, 10, 100, 7623].map(log.position)
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertGreaterThan(log.position(1), 0.05)
    }
}
