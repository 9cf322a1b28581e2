import Foundation
import Platform
import XCTest

/// Output paths that are not plain files: written in place or refused, never replaced.
final class AtomicFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-atomic-special-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// `-o /dev/stdout`, `-o /dev/null` or a FIFO: the text goes through the special file, which
    /// stays what it is (a rename over it, as root, used to replace the device node by a file).
    func testSpecialFileIsWrittenInPlace() throws {
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try AtomicFile.write("through the pipe\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 100)
        let count = read(reader, &buffer, buffer.count)
        XCTAssertEqual(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self), "through the pipe\n")
        var status = stat()
        XCTAssertEqual(stat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["pipe"], "no temporary file left")
    }

    func testDirectoryAndEmptyPathAreErrors() {
        XCTAssertThrowsError(try AtomicFile.write("x", to: directory.path)) { error in
            XCTAssertTrue("\(error)".contains("it is a directory"), "\(error)")
        }
        XCTAssertThrowsError(try AtomicFile.write("x", to: "")) { error in
            XCTAssertTrue("\(error)".contains("empty path"), "\(error)")
        }
    }

    /// A symbolic link is followed: the file it points to gets the text, the link remains a link.
    func testSymbolicLinkIsFollowed() throws {
        let target = directory.appendingPathComponent("target.json").path
        let link = directory.appendingPathComponent("link.json").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try AtomicFile.write("new\n", to: link)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target)
    }

    // Issue 18: links that lead nowhere, loops, unwritable targets and missing folders are refused,
    // the link stays a link and no folder appears.

    private func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    func testDanglingLinkIsRefusedAndKept() throws {
        let link = directory.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "missing/target.json")
        XCTAssertThrowsError(try AtomicFile.write("x", to: link)) { error in
            XCTAssertTrue("\(error)".contains("does not exist (a dangling link"), "\(error)")
        }
        XCTAssertTrue(isLink(link), "the link was replaced by a file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing").path), "a folder was created")
    }

    func testLinkLoopIsRefusedAndKept() throws {
        let a = directory.appendingPathComponent("a.json").path, b = directory.appendingPathComponent("b.json").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: "b.json")
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: "a.json")
        XCTAssertThrowsError(try AtomicFile.write("x", to: a)) { error in
            XCTAssertTrue("\(error)".contains("a loop of symbolic links"), "\(error)")
        }
        XCTAssertTrue(isLink(a) && isLink(b))
    }

    func testLinkToAFileThatCannotBeReplacedIsRefusedAndKept() throws {
        // /proc/version is a regular file in a folder where no file can be created.
        let link = directory.appendingPathComponent("proc.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/version")
        XCTAssertThrowsError(try AtomicFile.write("x", to: link)) { error in
            XCTAssertTrue("\(error)".contains("/proc"), "\(error)")
        }
        XCTAssertTrue(isLink(link))
    }

    func testRelativeLinkChainIsFollowedToTheFile() throws {
        let sub = directory.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        try "old".write(toFile: sub.appendingPathComponent("real.json").path, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("inner.json").path, withDestinationPath: "real.json")
        let outer = directory.appendingPathComponent("outer.json").path
        try FileManager.default.createSymbolicLink(atPath: outer, withDestinationPath: "sub/inner.json")
        try AtomicFile.write("new", to: outer)
        XCTAssertEqual(try String(contentsOfFile: sub.appendingPathComponent("real.json").path, encoding: .utf8), "new")
        XCTAssertTrue(isLink(outer) && isLink(sub.appendingPathComponent("inner.json").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sub.path).sorted(), ["inner.json", "real.json"], "no temporary file left")
    }

    func testMissingFolderIsNamedNotCreated() {
        let path = directory.appendingPathComponent("no/such/folder/out.json").path
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            XCTAssertTrue("\(error)".contains("the folder \(self.directory.path)/no/such/folder does not exist"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("no").path))
    }

    func testReplacedFileKeepsItsPermissions() throws {
        let path = directory.appendingPathComponent("kept.json").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try AtomicFile.write("new", to: path)
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o640)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
    }
}
