import Foundation
import Platform
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The shared SVG writer: attribute order kept, text and values escaped, the separator after
/// every element, and a document an XML parser accepts whatever the labels hold.
final class SVGWriterTests: XCTestCase {
    func testElementsKeepAttributeOrderAndSeparator() {
        var svg = SVGWriter(width: 10, height: 20, attributes: ["font-size": "12"])
        svg.element("line", ["x1": "0.0", "y1": "1.5", "stroke": "black"])
        svg.element("text", ["x": "2", "text-anchor": "end"], text: "hosts")
        XCTAssertEqual(
            svg.finish(),
            """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="20" font-size="12">
            <line x1="0.0" y1="1.5" stroke="black"/>
            <text x="2" text-anchor="end">hosts</text>
            </svg>

            """)
    }

    func testCompactDocumentHasNoNewlines() {
        var svg = SVGWriter(width: 1, height: 1, attributes: ["role": "img"], separator: "")
        svg.element("rect", ["x": "0"], tooltip: "a & b")
        svg.element("path", attributeList: [("d", "M0 0 L1 1"), ("stroke-dasharray", "5 3")])
        XCTAssertEqual(
            svg.finish(trailing: ""),
            #"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" role="img"><rect x="0"><title>a &amp; b</title></rect><path d="M0 0 L1 1" stroke-dasharray="5 3"/></svg>"#)
    }

    func testMarkupInLabelsIsEscapedAndTheDocumentParses() {
        let nasty = #"<policy "a&b"> </svg>"#
        var svg = SVGWriter(width: 5, height: 5, attributes: ["data-name": nasty])
        svg.element("text", ["fill": nasty], text: nasty)
        svg.element("rect", ["x": "1"], tooltip: nasty)
        let document = svg.finish()
        XCTAssertFalse(document.contains(nasty))
        XCTAssertEqual(SVGWriter.escape(nasty), "&lt;policy &quot;a&amp;b&quot;&gt; &lt;/svg&gt;")
        let parser = XMLParser(data: Data(document.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    func testNumbersHaveOneDecimal() {
        XCTAssertEqual(SVGWriter.number(1), "1.0")
        XCTAssertEqual(SVGWriter.number(2.25), "2.2")  // %.1f rounds half to even on the binary value
        XCTAssertEqual(SVGWriter.number(-0.04), "-0.0")
    }
}
