import InstanceFormats
import PlacementModel
import TestSupport
import XCTest

/// Formats are chosen by extension in one place.
final class InstanceFormatRegistryTests: XCTestCase {
    func testFormatsAreFoundByExtensionCaseInsensitively() {
        XCTAssertEqual(InstanceFormatRegistry.format(forPath: "a/b.vbp")?.name, "vbp")
        XCTAssertEqual(InstanceFormatRegistry.format(forPath: "A.VBP")?.name, "vbp")
        XCTAssertEqual(InstanceFormatRegistry.format(forPath: "x.json")?.name, "json")
        XCTAssertNil(InstanceFormatRegistry.format(forPath: "x.txt"))
        XCTAssertNil(InstanceFormatRegistry.format(forPath: "folder.vbp/instance"), "a dot in a folder name is no extension")
        XCTAssertEqual(InstanceFormatRegistry.formatOrDefault(forPath: "-").name, "json")
        XCTAssertEqual(InstanceFormatRegistry.fileExtensions, ["json", "vbp"])
    }

    func testEveryFormatReadsWhatItWrites() throws {
        let instance = RandomInstances.make(seed: 5, vms: 7, hosts: 3, dimensions: 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-formats-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in InstanceFormatRegistry.formats {
            let path = folder.appendingPathComponent("i." + format.fileExtensions[0]).path
            try format.encode(instance).text.write(toFile: path, atomically: true, encoding: .utf8)
            let read = try InstanceFile.read(path: path).instance
            XCTAssertEqual(read.vms.map(\.demand), instance.vms.map(\.demand), format.name)
            XCTAssertEqual(read.hosts[0].capacity, instance.hosts[0].capacity, format.name)
        }
    }
}
