import Foundation
import InstanceFormats
import PlacementModel
import TestSupport
import XCTest

/// The `.vbp` reader's layers: tokens with positions, the parsed structure, strict decoding and
/// the documented lenience for negative weights.
final class VBPFormatTests: XCTestCase {
    func testTokensCarryLineColumnAndIntegerValue() {
        let tokens = VBPFormat.tokens("2\n 10\t20\r\n1\nx -3 7\n")
        XCTAssertEqual(tokens.map(\.text), ["2", "10", "20", "1", "x", "-3", "7"])
        XCTAssertEqual(tokens.map(\.value), [2, 10, 20, 1, nil, -3, 7])
        XCTAssertEqual(tokens.map(\.line), [1, 2, 2, 3, 4, 4, 4])
        XCTAssertEqual(tokens.map(\.column), [1, 2, 5, 1, 1, 3, 6])
        XCTAssertTrue(VBPFormat.tokens(" \n\t\r\n").isEmpty)
    }

    /// "\r\n" is one Swift Character: a reader splitting Characters at "\n" would see one line.
    func testCRLFFileDecodesLikeLFFile() throws {
        let lf = "2\n10 10\n2\n1 2 1\n3 4 2\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try VBPFormat.decode(crlf, name: "x"), try VBPFormat.decode(lf, name: "x"))
        XCTAssertThrowsError(try VBPFormat.decode("1\r\n10\r\n1\r\n3 -1\r\n")) { error in
            XCTAssertEqual((error as? InvalidInput)?.diagnostics.first?.line, 4)
        }
    }

    func testParseKeepsEveryNumberWithItsPositionUnchecked() throws {
        // Negative and huge values are the decoder's business, not the parser's.
        let document = try VBPFormat.parse("2\n10 -20\n2\n1 2 3\n-4 5 6\n")
        XCTAssertEqual(document.dimensionCount.value, 2)
        XCTAssertEqual(document.capacities.map(\.value), [10, -20])
        XCTAssertEqual(document.itemCount.value, 2)
        XCTAssertEqual(document.itemTypes.map { $0.weights.map(\.value) }, [[1, 2], [-4, 5]])
        XCTAssertEqual(document.itemTypes.map(\.demand.value), [3, 6])
        XCTAssertEqual(document.itemTypes[1].weights[0].line, 5)
        XCTAssertEqual(document.itemTypes[1].demand.column, 6)
    }

    func testParseErrorsNameLineColumnAndWhatWasExpected() {
        for (text, message, line, column) in [
            ("0\n", "number of dimensions must be ≥ 1, got 0", 1, 1),
            ("1\n10\n-1\n", "number of item types must be ≥ 0, got -1", 3, 1),
            ("1\n10\n1\n 3 y\n", "item type 1 demand (multiplicity) expected (an integer), found \"y\"", 4, 4),
            ("1\n10\n1\n3 1 9\n", "unexpected \"9\" after the 1 item types", 4, 5),
            ("2\n10 10\n2\n1 1 1\n", "unexpected end of file: item type 2 weight 1 expected", 5, 1),
        ] {
            XCTAssertThrowsError(try VBPFormat.parse(text, file: "f.vbp"), text) { error in
                let diagnostic = (error as? InvalidInput)?.diagnostics.first
                XCTAssertEqual(diagnostic?.message, message, text)
                XCTAssertEqual(diagnostic?.file, "f.vbp")
                XCTAssertEqual(diagnostic?.line, line, text)
                XCTAssertEqual(diagnostic?.column, column, text)
            }
        }
    }

    func testStrictDecodingRejectsANegativeWeightAtItsPosition() {
        let text = "2\n10 10\n2\n1 2 1\n3 -4 2\n"
        XCTAssertThrowsError(try VBPFormat.decode(text, file: "neg.vbp")) { error in
            let diagnostic = (error as? InvalidInput)?.diagnostics.first
            XCTAssertEqual(diagnostic?.message, "item type 2 weight 2 must be ≥ 0, got -4")
            XCTAssertEqual(diagnostic?.line, 5)
            XCTAssertEqual(diagnostic?.column, 3)
        }
        XCTAssertThrowsError(try VBPFormat.decode(text, file: "neg.vbp", options: .strict))
    }

    func testClampingReadsNegativeWeightsAsZeroAndReportsEachOne() throws {
        let text = "2\n10 10\n3\n1 2 1\n3 -4 2\n-1 -2 1\n"
        let decoding = try VBPFormat.decode(text, file: "neg.vbp", options: .clampingNegativeWeights)
        XCTAssertEqual(decoding.instance.vms.map(\.demand.values), [[1, 2], [3, 0], [3, 0], [0, 0]])
        XCTAssertEqual(decoding.clampedWeights.count, 3)
        XCTAssertEqual(decoding.clampedWeights.map { [$0.line, $0.column] }, [[5, 3], [6, 1], [6, 4]])
        XCTAssertTrue(decoding.clampedWeights.allSatisfy { $0.severity == .warning && $0.file == "neg.vbp" })
        XCTAssertEqual(decoding.clampedWeights[0].message, "item type 2 weight 2 -4 clamped to 0")
        // Without negative weights the lenient read equals the strict one and reports nothing.
        let clean = "2\n10 10\n1\n1 2 3\n"
        let lenient = try VBPFormat.decode(clean, options: .clampingNegativeWeights)
        XCTAssertTrue(lenient.clampedWeights.isEmpty)
        XCTAssertEqual(lenient.instance, try VBPFormat.decode(clean))
    }

    func testClampingNeverTouchesCapacitiesOrDemands() {
        for (text, message) in [("1\n-10\n1\n1 1\n", "capacity of dimension 1 must be ≥ 1, got -10"),
                                ("1\n10\n1\n1 -1\n", "item type 1 demand (multiplicity) must be ≥ 0, got -1")] {
            XCTAssertThrowsError(try VBPFormat.decode(text, options: .clampingNegativeWeights), text) { error in
                XCTAssertEqual((error as? InvalidInput)?.diagnostics.first?.message, message)
            }
        }
    }

    /// A lower item limit (the fuzzer's) is enforced with the default limit's message; a value
    /// above the default cannot raise it.
    func testLowerItemLimitIsEnforcedAtTheDemandThatCrossesIt() throws {
        let text = "1\n10\n2\n1 3\n2 3\n"
        XCTAssertEqual(try VBPFormat.decode(text, options: .init(maximumItems: 6)).instance.vms.count, 6)
        XCTAssertThrowsError(try VBPFormat.decode(text, file: "five.vbp", options: .init(maximumItems: 5))) { error in
            let diagnostic = (error as? InvalidInput)?.diagnostics.first
            XCTAssertEqual(diagnostic?.message, "item type 2 demand 3 takes the instance past the limit of 5 items (3 before this type)")
            XCTAssertEqual(diagnostic?.line, 5)
        }
        XCTAssertEqual(VBPFormat.DecodingOptions(maximumItems: 5_000_000).maximumItems, InstanceJSON.maximumEntities)
    }

    /// The published Caprara triplet files: the strict reader rejects exactly those with
    /// negative weights, the clamping one reads every file and reports them.
    func testPublishedTripletFilesWithNegativeWeights() throws {
        guard let root = SharedData.path("vbp/triplets/Caprara") else { throw XCTSkip("../shared/data/vbp/triplets is absent") }
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: root).filter({ $0.hasSuffix(".vbp") }).sorted(),
              !files.isEmpty else {
            throw XCTSkip("public data not found at \(root)")
        }
        var clampedFiles = 0
        for file in files {
            let path = root + "/" + file
            let decoding = try VBPFormat.read(path: path, options: .clampingNegativeWeights)
            XCTAssertTrue(decoding.instance.vms.allSatisfy { $0.demand.values.allSatisfy { $0 >= 0 } })
            if decoding.clampedWeights.isEmpty {
                XCTAssertNoThrow(try VBPFormat.read(path: path), file)
            } else {
                clampedFiles += 1
                XCTAssertThrowsError(try VBPFormat.read(path: path), file) { error in
                    XCTAssertTrue("\(error)".contains("must be ≥ 0"), "\(error)")
                }
            }
        }
        XCTAssertEqual(clampedFiles, 77, "published Caprara files with negative weights")
    }
}
