import XCTest
@testable import InstanceFormats

final class JSONParserTests: XCTestCase {
    func testParsesValuesWithPositions() throws {
        let node = try JSONParser.parse("{\n  \"a\": [1, -2.5e1, true, null],\n  \"b\": \"x\\u00e9\\n\"\n}")
        guard case .object(let members) = node.value else { return XCTFail("object expected") }
        XCTAssertEqual(members.map(\.key), ["a", "b"])
        XCTAssertEqual(members[0].value.line, 2)
        XCTAssertEqual(members[0].value.column, 8)
        XCTAssertEqual(members[0].value.value, .array([JSONNode(.number(1)), JSONNode(.number(-25)), JSONNode(.bool(true)), JSONNode(.null)]))
        XCTAssertEqual(members[1].value.value, .string("xé\n"))
    }

    func testSurrogatePairs() throws {
        let node = try JSONParser.parse("\"\\ud83d\\ude00\"")
        XCTAssertEqual(node.value, .string("😀"))
    }

    func testSyntaxErrorsHaveLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("", 1, 1, "empty input"),
            ("{\"a\": 1,}", 1, 9, "a quoted key expected"),
            ("[1, 2", 1, 6, "',' or ']' expected"),
            ("{\"a\" 1}", 1, 6, "':' expected"),
            ("[01]", 1, 3, "leading zeros"),
            ("[1.]", 1, 4, "digits expected after '.'"),
            ("{\"a\": tru}", 1, 7, "true expected"),
            ("[1]\n x", 2, 2, "after the end of the JSON value"),
            ("\"abc", 1, 5, "unterminated string"),
            ("[1e999]", 1, 2, "out of range"),
            ("[\"\\q\"]", 1, 3, "invalid escape"),
        ]
        for (text, line, column, message) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                let syntax = error as! JSONSyntaxError
                XCTAssertEqual(syntax.line, line, "line of \(text)")
                XCTAssertEqual(syntax.column, column, "column of \(text)")
                XCTAssertTrue(syntax.message.contains(message), "\(text): \(syntax.message)")
            }
        }
    }

    func testDeepNestingIsRejectedNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(text))
    }

    func testWriterIsDeterministicAndRoundTrips() throws {
        let value = JSONOutput.object([("b", .number(0.1 + 0.2)), ("a", .inlineArray([.number(1), .number(2.5)])), ("s", .string("q\"\\\n\u{01}"))])
        let text = value.rendered()
        XCTAssertEqual(text, "{\n  \"b\": 0.3,\n  \"a\": [1, 2.5],\n  \"s\": \"q\\\"\\\\\\n\\u0001\"\n}\n")
        let parsed = try JSONParser.parse(text)
        guard case .object(let members) = parsed.value else { return XCTFail() }
        XCTAssertEqual(members[2].value.value, .string("q\"\\\n\u{01}"))
    }
}

/// Issue 18: parsing is linear in the input, positions stay right on one long line, and the
/// limits are enforced with a message saying which.
final class JSONParserLimitTests: XCTestCase {
    /// A minified array of `count` small objects, all on one line.
    private func oneLine(_ count: Int) -> String {
        "[" + (0..<count).map { "{\"id\":\"vm\($0)\",\"demand\":[1,2]}" }.joined(separator: ",") + "]"
    }

    func testColumnWorkIsLinearOnOneLine() {
        // Today's main rescanned the line for every value: 20 000 objects cost ~10⁹ bytes.
        for count in [1_000, 20_000] {
            let text = oneLine(count)
            XCTAssertLessThanOrEqual(JSONParser.columnWork(parsing: text), text.utf8.count, "\(count) objects")
        }
    }

    func testPositionsOnOneLongLine() throws {
        let text = oneLine(5_000) + " x"
        XCTAssertThrowsError(try JSONParser.parse(text)) { error in
            let syntax = error as! JSONSyntaxError
            XCTAssertEqual(syntax.line, 1)
            XCTAssertEqual(syntax.column, text.count, "the column of the stray x")
        }
        let node = try JSONParser.parse("[\"é\", \"ü\", 7]")
        guard case .array(let items) = node.value else { return XCTFail("array expected") }
        XCTAssertEqual(items.map(\.column), [2, 7, 12], "columns count characters, not bytes")
    }

    func testStringLongerThanTheLimitIsRefusedEarly() {
        let text = "{\"description\": \"" + String(repeating: "a", count: JSONParser.maximumStringBytes + 10) + "\"}"
        XCTAssertThrowsError(try JSONParser.parse(text)) { error in
            let syntax = error as! JSONSyntaxError
            XCTAssertEqual(syntax.column, 17)
            XCTAssertTrue(syntax.message.contains("longer than 1 MiB"), syntax.message)
        }
    }

    func testNestingLimitIsNamed() {
        let text = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        XCTAssertThrowsError(try JSONParser.parse(text)) { error in
            XCTAssertTrue((error as! JSONSyntaxError).message.contains("deeper than 512 levels"))
        }
    }

    func testNameAndDimensionLimits() {
        let longName = String(repeating: "n", count: 1025)
        let instance = """
        {"version": 1, "dimensions": ["cpu"], "hosts": [{"id": "\(longName)", "capacity": [1]}], "vms": []}
        """
        XCTAssertThrowsError(try InstanceJSON.decode(instance, file: "long.json")) { error in
            XCTAssertTrue("\(error)".contains("hosts[0].id: a string of at most 1024 bytes expected, got 1025 bytes"), "\(error)")
        }
        let names = (0...InstanceJSON.maximumDimensions).map { "\"d\($0)\"" }.joined(separator: ",")
        let wide = "{\"version\": 1, \"dimensions\": [\(names)], \"hosts\": [], \"vms\": []}"
        XCTAssertThrowsError(try InstanceJSON.decode(wide, file: "wide.json")) { error in
            XCTAssertTrue("\(error)".contains("1025 dimensions, more than the limit of 1024"), "\(error)")
        }
    }
}
