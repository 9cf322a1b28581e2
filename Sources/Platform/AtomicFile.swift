import Foundation
import SystemPackage

/// Writes files atomically: the data goes to a temporary file in the destination's folder, is
/// flushed to disk, then renamed over the destination and the folder flushed, so a killed run or a
/// power cut never leaves a torn file.
///
/// What is written, and what is refused (each with a message naming the path and why):
/// * a regular file, or a path that does not exist in an existing folder: replaced atomically;
/// * a symbolic link: followed, link after link, to the file it names, which is replaced — the
///   link stays a link. A dangling link, a loop, and a target that is not writable are refused;
/// * a device or FIFO (`/dev/stdout`, `/dev/null`, a pipe): written in place, never replaced;
/// * a directory, an empty path, a missing or non-folder parent: refused — no folder is created.
///
/// Every system call is retried on `EINTR`.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// At most this many symbolic links are followed (Linux's own limit); more is a loop.
    public static let maximumLinks = 40

    /// Writes `text` to `path` (see the type's description for what is refused).
    public static func write(_ text: String, to path: String) throws(WriteError) {
        if path.isEmpty { throw WriteError(path: path, reason: "empty path") }
        let destination = try resolveLinks(path)
        var status = stat()
        if stat(destination, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                if access(destination, W_OK) != 0 { throw WriteError(path: path, reason: describe(destination, path, "is not writable", errno)) }
            case S_IFDIR: throw WriteError(path: path, reason: "it is a directory")
            default: try writeInPlace(text, to: destination, reporting: path); return
            }
        } else {
            try checkFolder(of: destination, reporting: path)
        }
        try replace(destination, with: text, mode: status.st_mode & S_IFMT == S_IFREG ? mode_t(status.st_mode & 0o7777) : 0o666,
                    reporting: path)
    }

    /// The path that `path` names after following symbolic links (the last component; the
    /// kernel resolves the folders). Throws for a loop and for a link to nothing.
    static func resolveLinks(_ path: String) throws(WriteError) -> String {
        var current = path
        for _ in 0...maximumLinks {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                if current == path { return path }  // a new file: the folder is checked next
                throw WriteError(path: path, reason: "it is a symbolic link to \(current), which does not exist (a dangling link; create the target or remove the link)")
            }
            guard status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw WriteError(path: path, reason: "cannot read the symbolic link \(current): \(Errno(rawValue: errno))") }
            let target = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : FilePath(current).removingLastComponent().appending(target).string
        }
        throw WriteError(path: path, reason: "a loop of symbolic links (more than \(maximumLinks) links followed)")
    }

    /// A new file needs an existing folder: say which one is missing rather than create it.
    private static func checkFolder(of destination: String, reporting path: String) throws(WriteError) {
        let folder = FilePath(destination).removingLastComponent()
        let folderText = folder.isEmpty ? "." : folder.string
        var status = stat()
        guard stat(folderText, &status) == 0 else {
            throw WriteError(path: path, reason: describe(folderText, path, "the folder \(folderText) does not exist (create it first)", errno, folder: true))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw WriteError(path: path, reason: "\(folderText) is not a folder") }
    }

    /// Writes a temporary file next to `destination`, flushes it, renames it over `destination`
    /// and flushes the folder. The temporary file is removed on any failure.
    private static func replace(_ destination: String, with text: String, mode: mode_t, reporting path: String) throws(WriteError) {
        let target = FilePath(destination)
        let folder = target.removingLastComponent().isEmpty ? FilePath(".") : target.removingLastComponent()
        let name = target.lastComponent?.string ?? "output"
        let temporary = folder.appending(".\(name).tmp-\(getpid())")
        _ = unlink(temporary.string)  // left by a killed run with the same process id
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .truncate],
                                                 permissions: FilePermissions(rawValue: mode))
        } catch {
            throw WriteError(path: path, reason: "cannot create a temporary file in \(folder): \(error)")
        }
        var failure: String? = nil
        do {
            _ = try descriptor.writeAll(text.utf8)
        } catch {
            failure = "cannot write \(temporary): \(error)"
        }
        if failure == nil, let error = retryingOnInterrupt({ fsync(descriptor.rawValue) }) { failure = "cannot flush \(temporary): \(error)" }
        if (try? descriptor.close()) == nil, failure == nil { failure = "cannot close \(temporary): \(Errno(rawValue: errno))" }
        if failure == nil, rename(temporary.string, destination) != 0 {
            failure = "cannot rename the temporary file over \(destination): \(Errno(rawValue: errno))"
        }
        if let failure {
            _ = unlink(temporary.string)
            throw WriteError(path: path, reason: failure)
        }
        try syncFolder(folder, reporting: path)
    }

    /// Flushes a folder's entries (the rename) to disk. File systems that cannot sync a folder
    /// (`EINVAL`) are accepted: the rename is as durable as they make it.
    private static func syncFolder(_ folder: FilePath, reporting path: String) throws(WriteError) {
        let descriptor = open(folder.string, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "written, but the folder \(folder) could not be opened to flush it: \(Errno(rawValue: errno))")
        }
        defer { _ = close(descriptor) }
        if let error = retryingOnInterrupt({ fsync(descriptor) }), error != .invalidArgument {
            throw WriteError(path: path, reason: "written, but the folder \(folder) could not be flushed: \(error)")
        }
    }

    /// Runs a system call until it is not interrupted; its `errno` when it fails, else nil.
    private static func retryingOnInterrupt(_ call: () -> Int32) -> Errno? {
        while call() != 0 {
            let error = Errno(rawValue: errno)
            if error != .interrupted { return error }
        }
        return nil
    }

    /// A reason naming `subject` when it is not the path the user gave (a link's target).
    private static func describe(_ subject: String, _ path: String, _ what: String, _ code: Int32, folder: Bool = false) -> String {
        let cause = Errno(rawValue: code)
        if folder { return cause == .noSuchFileOrDirectory ? what : "the folder \(subject): \(cause)" }
        return subject == path ? "\(what) (\(cause))" : "its target \(subject) \(what) (\(cause))"
    }

    /// Writes to an existing special file (device, FIFO) without replacing it.
    private static func writeInPlace(_ text: String, to destination: String, reporting path: String) throws(WriteError) {
        do {
            let descriptor = try FileDescriptor.open(destination, .writeOnly)
            defer { try? descriptor.close() }
            _ = try descriptor.writeAll(text.utf8)
        } catch {
            throw WriteError(path: path, reason: "\(error)")
        }
    }
}
