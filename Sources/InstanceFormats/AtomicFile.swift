import Foundation

/// Writes files atomically: the data goes to a temporary file in the same directory, is flushed,
/// then renamed over the destination, so a killed run never leaves a torn file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `text` to `path`. A destination that exists and is not a regular file (a device
    /// such as `/dev/null` or `/dev/stdout`, a FIFO) is written in place, never replaced; a
    /// directory or an empty path is an error. A symbolic link is followed (the link stays).
    public static func write(_ text: String, to path: String) throws(WriteError) {
        if path.isEmpty { throw WriteError(path: path, reason: "empty path") }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw WriteError(path: path, reason: "it is a directory")
            default: try writeInPlace(text, to: path); return
            }
        }
        // A symbolic link is followed: its target is replaced, the link stays.
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
                throw WriteError(path: path, reason: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw WriteError(path: path, reason: reason)
            }
        } catch let error as WriteError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: describeFileError(error))
        }
    }

    /// Writes to an existing special file (device, FIFO) without replacing it.
    private static func writeInPlace(_ text: String, to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY)
        if descriptor < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}
