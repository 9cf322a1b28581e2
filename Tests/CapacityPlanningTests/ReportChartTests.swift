import XCTest
@testable import CapacityPlanning

/// The charts' legends show each series as it is drawn.
final class ReportChartTests: XCTestCase {
    func testLegendSamplesDrawTheSeriesOwnStrokeAndEqualSeriesStayVisible() throws {
        let series = [SVGPlot.Series(name: "plan", values: [3, 3, 3], colour: "#ff7f0e"),
                      SVGPlot.Series(name: "peak", values: [3, 3, 3], colour: "#d62728"),
                      SVGPlot.Series(name: "bound", values: [3, 3, 3], colour: "#9467bd", dashed: true)]
        let svg = SVGPlot.lines(title: "t", yLabel: "hosts", series: series, xLabels: [])
        func strokes(_ element: String) -> [String] {
            svg.components(separatedBy: "<\(element) ").dropFirst().compactMap { part in
                part.range(of: "stroke=\"#[0-9a-f]{6}\"[^/]*", options: .regularExpression).map { String(part[$0]) }
            }.filter { s in series.contains { s.contains($0.colour) } }
        }
        let paths = strokes("path"), legend = strokes("line")
        XCTAssertEqual(paths.count, 3)
        // One legend sample per series, each with the stroke (colour, width, dashes) of its line.
        XCTAssertEqual(Set(legend), Set(paths))
        XCTAssertTrue(legend[2].contains("stroke-dasharray"))
        // The later of two equal solid lines is narrower, so the earlier shows around it.
        XCTAssertEqual(SVGPlot.lineWidths(series), [3.0, 1.6, 1.4])
    }

    func testHeatMapLegendCoversTheWholeColourScale() {
        let svg = SVGPlot.heatMap(title: "h", rows: [(label: "a", values: [0.2, 0.9, 1.2])], columnLabel: { "\($0)" })
        for v in [0.0, 0.79, 0.8, 1.0, 1.01] { XCTAssertTrue(svg.contains("fill=\"\(SVGPlot.colour(v))\" stroke"), "\(v)") }
        XCTAssertTrue(svg.contains("&gt; 100 %"))
    }

    func testLineChartTicksAreRoundAndCoverTheData() {
        let svg = SVGPlot.lines(title: "t", yLabel: "cpu", series: [SVGPlot.Series(name: "a", values: [0, 21_949], colour: "#000000")],
                                xLabels: [])
        for label in ["0", "5000", "10k", "15k", "20k", "25k"] { XCTAssertTrue(svg.contains(">\(label)</text>"), label) }
    }
}
