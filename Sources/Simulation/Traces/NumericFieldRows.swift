import Foundation

/// A row of a ';'-separated numeric trace file that cannot be read: its line and what is wrong.
public struct NumericRowProblem: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Fewer ';'-separated fields than the reader needs.
        case tooFewFields(found: Int)
        /// Field `field` (0-based) holds nothing but blanks.
        case empty(field: Int)
        /// Field `field` is not a decimal number (hex floats, `nan` and `inf` are not), or is
        /// beyond ±1e308.
        case notANumber(field: Int, text: String)
        /// Field `field` is a negative number.
        case negative(field: Int, text: String)
    }
    public var line: Int
    public var kind: Kind
}

/// The rows of a ';'-separated numeric trace file (Bitbrains GWA-T-12), read from its bytes in
/// one pass: a String per line or field costs seconds on the 48 MB two-week set, so each field is
/// checked to be a plain decimal (digits, '.', 'e', sign; blanks, tabs and '\r' around it) and
/// converted in place by `strtod`. Blank lines are skipped, and so is the first non-blank line
/// when it starts with a letter (the header). Lines end at '\n'.
///
/// - Complexity: O(bytes).
public enum NumericFieldRows {
    /// Calls `body` with each data row's line number and its first fields (at least
    /// `minimumFields`, at most `maximumFields`; later fields are not read). Throws
    /// ``NumericRowProblem`` for the first row that cannot be read, or what `body` throws.
    public static func forEach(in data: Data, minimumFields: Int, maximumFields: Int,
                               _ body: (_ line: Int, _ values: [Double]) throws -> Void) throws {
        var bytes = [UInt8](data)
        bytes.append(0)   // strtod stops at the terminator after the last field
        try bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count - 1
            var position = 0, lineNumber = 0, sawData = false
            var values: [Double] = []
            values.reserveCapacity(maximumFields)
            while position < count {
                lineNumber += 1
                var lineEnd = position
                while lineEnd < count && buffer[lineEnd] != 10 { lineEnd += 1 }
                defer { position = lineEnd + 1 }
                var first = position
                while first < lineEnd && isBlank(buffer[first]) { first += 1 }
                if first == lineEnd { continue }
                if !sawData {
                    sawData = true
                    if isLetter(buffer[first]) { continue }
                }
                values.removeAll(keepingCapacity: true)
                try readFields(buffer, from: position, to: lineEnd, line: lineNumber, maximum: maximumFields, into: &values)
                if values.count < minimumFields {
                    throw NumericRowProblem(line: lineNumber, kind: .tooFewFields(found: fieldCount(buffer, from: position, to: lineEnd)))
                }
                try body(lineNumber, values)
            }
        }
    }

    /// Parses up to `maximum` fields of the line `start..<end` into `values`.
    private static func readFields(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line: Int, maximum: Int,
                                   into values: inout [Double]) throws {
        var cursor = start
        while values.count < maximum && cursor <= end {
            var stop = cursor
            while stop < end && buffer[stop] != UInt8(ascii: ";") { stop += 1 }
            values.append(try number(buffer, from: cursor, to: stop, line: line, field: values.count))
            if stop == end { break }
            cursor = stop + 1
        }
    }

    /// The decimal in `start..<end` (blanks around it allowed).
    private static func number(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line: Int, field: Int) throws -> Double {
        var low = start, high = end
        while low < high && isBlank(buffer[low]) { low += 1 }
        while high > low && isBlank(buffer[high - 1]) { high -= 1 }
        if low == high { throw NumericRowProblem(line: line, kind: .empty(field: field)) }
        func text() -> String { String(decoding: buffer[low..<high], as: UTF8.self) }
        for i in low..<high where !isDecimalCharacter(buffer[i]) {
            throw NumericRowProblem(line: line, kind: .notANumber(field: field, text: text()))
        }
        let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        var stop: UnsafeMutablePointer<CChar>? = nil
        let value = strtod(base + low, &stop)
        guard let stop, UnsafePointer(stop) - base == high, value.isFinite else {
            throw NumericRowProblem(line: line, kind: .notANumber(field: field, text: text()))
        }
        if value < 0 { throw NumericRowProblem(line: line, kind: .negative(field: field, text: text())) }
        return value
    }

    /// How many ';'-separated fields the line has (for the message).
    private static func fieldCount(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        1 + (start..<end).reduce(0) { $0 + (buffer[$1] == UInt8(ascii: ";") ? 1 : 0) }
    }

    @inline(__always) private static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }
    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    @inline(__always) private static func isDecimalCharacter(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || byte == 46 || byte == 101 || byte == 69 || byte == 43 || byte == 45
    }
}
