import Foundation
import PlacementModel

/// Reads the input files of every command (instances, solutions, plans) with one set of checks,
/// so that each failure says what is wrong with the file: missing, a directory, unreadable, larger
/// than ``maximumBytes``, or not UTF-8 text (with the offset of the first bad byte).
public enum TextFile {
    /// Input files larger than this are refused before they are read (256 MiB: far above any
    /// instance of ``InstanceJSON/maximumEntities`` entries, far below what a parse tree of the
    /// file would cost in memory).
    public static let maximumBytes = 256 << 20

    /// The text of the file at `path`, or an ``InvalidInput`` naming the file and the problem.
    public static func read(path: String) throws(InvalidInput) -> String {
        func fail(_ reason: String) -> InvalidInput {
            InvalidInput([Diagnostic(.error, path: "", "cannot read file: \(reason)", file: path)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("no such file") }
        if isDirectory.boolValue { throw fail("it is a directory, a file expected") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maximumBytes {
            throw fail("\(size.intValue >> 20) MiB, larger than the limit of \(maximumBytes >> 20) MiB")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw fail(describeFileError(error))
        }
        if data.count > maximumBytes { throw fail("larger than the limit of \(maximumBytes >> 20) MiB") }
        let text = String(decoding: data, as: UTF8.self)
        // Decoding repairs invalid input with U+FFFD: only a byte-exact round trip is valid UTF-8
        // (compared as memory: the byte-by-byte comparison took a second on a 256 MiB file).
        guard sameBytes(text, data) else {
            let bytes = [UInt8](data)
            var offset = 0
            // The offset where the valid prefix ends, for the message.
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var consumed = 0
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): consumed += UTF8.width(scalar)
                case .emptyInput: break loop
                case .error: offset = consumed; break loop
                }
            }
            let bad = offset < bytes.count ? String(format: " (byte 0x%02X at offset %d)", bytes[offset], offset) : ""
            throw fail("not UTF-8 text\(bad)")
        }
        return text
    }

    /// Whether `text`'s UTF-8 is exactly `data`.
    static func sameBytes(_ text: String, _ data: Data) -> Bool {
        var text = text
        guard text.utf8.count == data.count else { return false }
        if data.isEmpty { return true }
        return text.withUTF8 { utf8 in data.withUnsafeBytes { memcmp(utf8.baseAddress!, $0.baseAddress!, data.count) == 0 } }
    }
}
