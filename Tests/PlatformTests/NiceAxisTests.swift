import Platform
import XCTest

final class NiceAxisTests: XCTestCase {
    func testStepsAreRoundAndTheTopCoversTheData() {
        let cases: [(maximum: Double, step: Double, top: Double)] = [
            (29, 10, 30), (42, 10, 50), (21_949, 5000, 25_000), (0.37, 0.1, 0.4), (1, 0.25, 1), (7.4, 2.5, 7.5), (100, 25, 100),
            (7623.2, 2000, 8000), (156.9, 50, 200), (23.9, 5, 25),
        ]
        for c in cases {
            let axis = NiceAxis(covering: c.maximum)
            XCTAssertEqual(axis.step, c.step, accuracy: c.step * 1e-9, "\(c.maximum)")
            XCTAssertEqual(axis.maximum, c.top, accuracy: c.top * 1e-9, "\(c.maximum)")
            XCTAssertTrue((3...6).contains(axis.intervals), "\(c.maximum)")
            XCTAssertEqual(axis.ticks.first, 0)
            XCTAssertEqual(axis.ticks.count, axis.intervals + 1)
        }
    }

    func testEveryMaximumGetsAnAxisFromThreeToSixRoundIntervalsAtOrAboveIt() {
        var x = 1e-4
        while x < 1e7 {
            let axis = NiceAxis(covering: x)
            XCTAssertGreaterThanOrEqual(axis.maximum, x * (1 - 1e-9), "\(x)")
            XCTAssertTrue((3...6).contains(axis.intervals), "\(x)")
            let mantissa = axis.step / pow(10, log10(axis.step).rounded(.down))
            XCTAssertTrue([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "\(x): step \(axis.step)")
            x *= 1.07
        }
        XCTAssertEqual(NiceAxis(covering: 0).maximum, NiceAxis(covering: 1).maximum)
        XCTAssertEqual(NiceAxis(covering: .nan).maximum, NiceAxis(covering: 1).maximum)
    }

    func testLabelsDropTrailingZerosAndUseThousands() {
        XCTAssertEqual([0, 2.5, 0.25, 5000, 25_000, 12_500, 1_500_000, 7.0].map(NiceAxis.label),
                       ["0", "2.5", "0.25", "5000", "25k", "12.5k", "1.5M", "7"])
    }
}
