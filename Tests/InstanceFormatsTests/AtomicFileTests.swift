import Foundation
import InstanceFormats
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
}
