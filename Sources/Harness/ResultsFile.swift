import Foundation
import InstanceFormats
import PlacementModel

/// A crash-safe, append-only `results.csv`.
///
/// Rows are written as whole lines with one `write(2)` on a descriptor opened with `O_APPEND`,
/// then `fsync`ed, so a killed run loses at most the rows in flight. On opening, a torn last line
/// (no final newline, or not a complete row) is cut off before anything is appended, and
/// unparsable lines elsewhere are ignored (and dropped when the file is rewritten canonically).
public final class ResultsFile: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public let path: String
    /// Rows already in the file when it was opened, plus those appended since.
    public private(set) var rows: [ScoreRow]
    /// Number of lines dropped when opening (torn or unparsable).
    public let droppedLines: Int
    private let descriptor: Int32
    private let lock = NSLock()
    private var closed = false

    /// Opens (creating it and its folder with a header if needed) and repairs a torn end.
    public init(path: String) throws(Failure) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: directory, reason: "cannot create the folder")
        }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        // One writer per file: a second run on the same results file stops with a clear message.
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            Foundation.close(descriptor)
            throw Failure(path: path, reason: "another vmplace score run is writing this file (it is locked); wait for it or use another --run / --shard")
        }
        let loaded: (rows: [ScoreRow], dropped: Int, needsHeader: Bool)
        do {
            loaded = try ResultsFile.load(path: path, repair: true)
        } catch {
            Foundation.close(descriptor)
            throw error
        }
        rows = loaded.rows
        droppedLines = loaded.dropped
        if loaded.needsHeader { try writeLine(ScoreRow.header) }
    }

    deinit { if !closed { Foundation.close(descriptor) } }

    /// Releases the lock and the descriptor (also done on deinit).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if !closed {
            closed = true
            Foundation.close(descriptor)
        }
    }

    /// Keys of the rows present.
    public var finishedKeys: Set<RowKey> {
        lock.lock()
        defer { lock.unlock() }
        return Set(rows.map(\.key))
    }

    /// Appends one row durably (write + fsync). Thread-safe.
    public func append(_ row: ScoreRow) throws(Failure) {
        lock.lock()
        defer { lock.unlock() }
        try writeLine(row.csvLine)
        rows.append(row)
    }

    private func writeLine(_ line: String) throws(Failure) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBufferPointer { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        if fsync(descriptor) != 0 { throw Failure(path: path, reason: "fsync: " + String(cString: strerror(errno))) }
    }

    /// Reads the rows of a results file without modifying it (missing file = no rows).
    public static func read(path: String) throws(Failure) -> [ScoreRow] {
        try load(path: path, repair: false).rows
    }

    /// Reads the rows of a results file given as input (`vmplace merge`): unlike
    /// ``read(path:)``, a missing file, an empty one (no complete line) or one that does not
    /// start with the header line is invalid input naming the file.
    public static func readInput(path: String) throws(InvalidInput) -> [ScoreRow] {
        func invalid(_ reason: String) -> InvalidInput { InvalidInput([Diagnostic(.error, path: "", reason, file: path)]) }
        guard FileManager.default.fileExists(atPath: path) else { throw invalid("no such results file") }
        let loaded: (rows: [ScoreRow], dropped: Int, needsHeader: Bool)
        do {
            loaded = try load(path: path, repair: false)
        } catch {
            throw invalid(error.reason)
        }
        if loaded.needsHeader {
            throw invalid("empty results file (no complete line): a results file starts with the header line \(ScoreRow.header)")
        }
        return loaded.rows
    }

    /// Parses text of a results file: rows of complete lines; a last line without newline is torn.
    public static func parse(_ text: String) -> (rows: [ScoreRow], dropped: Int, headerOK: Bool, tornTail: Int) {
        var rows: [ScoreRow] = []
        var dropped = 0
        // Lines split on the newline byte: "\r\n" is one Character in Swift, so splitting the
        // String on "\n" would see a CRLF file as one torn line (and repair would cut it all).
        let endsWithNewline = text.utf8.last == UInt8(ascii: "\n")
        let segments = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var lines = segments.map { segment -> String in
            let line = String(decoding: segment, as: UTF8.self)
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        if endsWithNewline, lines.last == "" { lines.removeLast() }
        var tornTail = 0
        if !endsWithNewline, let last = segments.last {
            tornTail = last.count
            lines.removeLast()
            if !last.isEmpty { dropped += 1 }
        }
        var headerOK = true
        for (index, line) in lines.enumerated() {
            if index == 0 {
                headerOK = line.trimmingCharacters(in: .whitespacesAndNewlines) == ScoreRow.header
                if headerOK { continue }
            }
            if let row = ScoreRow(csvLine: line) { rows.append(row) } else if !line.isEmpty { dropped += 1 }
        }
        return (rows, dropped, headerOK, tornTail)
    }

    private static func load(path: String, repair: Bool) throws(Failure) -> (rows: [ScoreRow], dropped: Int, needsHeader: Bool) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], 0, true) }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(path: path, reason: "cannot read") }
        if data.isEmpty { return ([], 0, true) }
        let text = String(decoding: data, as: UTF8.self)
        let parsed = parse(text)
        if !parsed.headerOK {
            throw Failure(path: path, reason: "not a results file of this version (first line is not the header \(ScoreRow.header))")
        }
        if repair, parsed.tornTail > 0 {
            // Cut the torn last line so the next append starts on a fresh line.
            if truncate(path, off_t(data.count - parsed.tornTail)) != 0 {
                throw Failure(path: path, reason: "cannot cut the torn last line: " + String(cString: strerror(errno)))
            }
        }
        return (parsed.rows, parsed.dropped, data.count - parsed.tornTail == 0)
    }

    /// Rewrites `path` atomically with `rows` in canonical order (header first), duplicates removed
    /// (the first row of each key in `rows` wins).
    public static func writeCanonical(_ rows: [ScoreRow], to path: String) throws {
        let text = ([ScoreRow.header] + canonical(rows).map(\.csvLine)).joined(separator: "\n") + "\n"
        try AtomicFile.write(text, to: path)
    }

    /// Rows deduplicated by key (first occurrence wins) and sorted canonically.
    public static func canonical(_ rows: [ScoreRow]) -> [ScoreRow] {
        var seen = Set<RowKey>()
        var unique: [ScoreRow] = []
        for row in rows where seen.insert(row.key).inserted { unique.append(row) }
        return unique.sorted(by: ScoreRow.canonicalOrder)
    }
}
