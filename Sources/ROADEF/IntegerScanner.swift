import Foundation

/// Reads whitespace-separated decimal integers from a file, byte by byte, through a fixed
/// 1 MiB buffer (the file is never held whole in memory, nor split into strings), counting lines
/// so that every error names where it happened.
/// - Complexity: O(bytes) for the whole file; O(1) memory beyond the buffer.
public final class IntegerScanner {
    /// What went wrong reading one integer.
    public enum Failure: Error, Sendable, Equatable {
        case endOfFile
        case notAnInteger(found: String)
        case outOfRange
    }

    public let path: String
    /// Line of the last integer read (1-based).
    public private(set) var line = 1
    private let descriptor: Int32
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var filled = 0
    private var atEnd = false

    /// Opens `path`; throws a ``RoadefInputError`` when it cannot be read.
    public init(path: String, bufferSize: Int = 1 << 20) throws(RoadefInputError) {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw RoadefInputError(file: path, line: nil, message: "is a directory, expected a file of integers")
        }
        descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            throw RoadefInputError(file: path, line: nil, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        buffer = .allocate(capacity: bufferSize)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// Refills the buffer; false at end of file.
    private func refill() -> Bool {
        if atEnd { return false }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true; return false }
            position = 0
            filled = count
            return true
        }
    }

    /// The next byte without consuming it, or nil at end of file.
    @inline(__always)
    private func peek() -> UInt8? {
        if position == filled && !refill() { return nil }
        return buffer[position]
    }

    /// Skips spaces, tabs, carriage returns and newlines (counting lines).
    @inline(__always)
    private func skipWhitespace() {
        while let byte = peek() {
            switch byte {
            case 0x0A: line += 1; position += 1
            case 0x20, 0x09, 0x0D, 0x0B, 0x0C: position += 1
            default: return
            }
        }
    }

    /// The next integer, or the reason there is none.
    @inline(__always)
    public func next() -> Result<Int64, Failure> {
        skipWhitespace()
        guard var byte = peek() else { return .failure(.endOfFile) }
        var negative = false
        if byte == 0x2D {  // '-'
            negative = true
            position += 1
            guard let after = peek() else { return .failure(.notAnInteger(found: "-")) }
            byte = after
        }
        guard byte >= 0x30 && byte <= 0x39 else { return .failure(.notAnInteger(found: takeWord(prefix: negative ? "-" : ""))) }
        var value: Int64 = 0
        while let digit = peek(), digit >= 0x30 && digit <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit &- 0x30))
            if overflow1 || overflow2 { return .failure(.outOfRange) }
            value = sum
            position += 1
        }
        if let after = peek(), !Self.isSeparator(after) {
            return .failure(.notAnInteger(found: String(value) + takeWord(prefix: "")))
        }
        return .success(negative ? -value : value)
    }

    /// True when only whitespace remains.
    public func isAtEnd() -> Bool {
        skipWhitespace()
        return peek() == nil
    }

    /// The next non-whitespace word (at most 20 bytes shown), for an error message.
    private func takeWord(prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        while let byte = peek(), !Self.isSeparator(byte) {
            if bytes.count < 20 { bytes.append(byte) }
            position += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
