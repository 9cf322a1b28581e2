import Foundation
import InstanceFormats
import PlacementModel
import XCTest

/// Issue 18: validation that is right (memory sharing, overlapping affinity groups), complete (every
/// problem in one run) and located in the file's own terms.
final class ValidationCompletenessTests: XCTestCase {
    private func errors(_ text: String, file: String = "test.json") -> [Diagnostic] {
        do {
            _ = try InstanceJSON.decode(text, file: file)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    /// 6 + 6 memory on a host of 10 fits because 3 of it is shared (the checker subtracts it).
    func testAffinityPairThatFitsThanksToSharedMemoryIsAccepted() throws {
        let text = """
        {"version": 1, "dimensions": ["cpu", "mem"], "hosts": [{"id": "h", "count": 2, "capacity": [8, 10]}],
         "vms": [{"id": "a", "demand": [2, 6]}, {"id": "b", "demand": [2, 6]}],
         "affinity": [{"name": "pair", "vms": ["a", "b"]}], "sharedMemory": [{"vms": ["a", "b"], "amount": 3}]}
        """
        XCTAssertEqual(errors(text), [])
        let (instance, _) = try InstanceJSON.decode(text)
        XCTAssertEqual(PlacementChecker.check(instance, Placement(hostOfVM: [0, 0])), [], "the checker agrees: it fits")
        let tooLittle = text.replacingOccurrences(of: "\"amount\": 3", with: "\"amount\": 1")
        XCTAssertTrue(errors(tooLittle).contains { $0.message.contains("group pair (total demand (4, 11), shared memory counted once) fits on no host") },
                      "\(errors(tooLittle))")
    }

    /// ab and bc fit a host each, but b ties them: a, b and c must share one host, and cannot.
    func testOverlappingAffinityGroupsWhoseUnionFitsNoHostAreRejected() {
        let text = """
        {"version": 1, "dimensions": ["cpu", "mem"], "hosts": [{"id": "h", "count": 3, "capacity": [8, 10]}],
         "vms": [{"id": "a", "demand": [4, 2]}, {"id": "b", "demand": [3, 2]}, {"id": "c", "demand": [3, 2]}],
         "affinity": [{"name": "ab", "vms": ["a", "b"]}, {"name": "bc", "vms": ["b", "c"]}]}
        """
        let found = errors(text)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.path, "affinity[0]")
        XCTAssertTrue(found.first?.message.contains("groups ab, bc share VMs, so their 3 VMs must run on one host") ?? false, "\(found)")
        XCTAssertEqual(errors(text.replacingOccurrences(of: "[4, 2]", with: "[2, 2]")), [], "(8, 6) fits")
    }

    /// Field errors, structural errors and a VM that fits no host: all in one run.
    func testEveryProblemIsListedInOneRun() {
        let text = """
        {"version": 1, "dimensions": ["cpu", "mem"], "hosts": [{"id": "h", "count": 3, "capacity": [8, 10]}],
         "vms": [{"id": "a", "demand": [40, 2], "memoryMiB": -4}, {"id": "b", "demand": [3, 2], "pinned": true}],
         "weights": {"hosts": -1}, "thresholds": {"overload": [0.5, 0.9], "underload": [0.7, 0.1]}}
        """
        let paths = errors(text).map(\.path)
        XCTAssertEqual(Set(paths), ["vms[0].memoryMiB", "weights.hosts", "vms[1].pinned", "thresholds.underload[0]", "vms[0].demand"], "\(errors(text))")
        XCTAssertEqual(paths.count, 5, "each problem once: \(errors(text))")
    }

    func testVBPFitsNoHostHasTheItemTypesLineAndColumn() {
        XCTAssertThrowsError(try VBPFormat.decode("2\n10 10\n2\n 20 1 1\n3 -4 2\n", file: "bad.vbp")) { error in
            let diagnostics = (error as! InvalidInput).diagnostics
            XCTAssertEqual(diagnostics.count, 2, "the bad weight and the item that fits no host: \(diagnostics)")
            let fit = diagnostics.first { $0.message.contains("fits no host") }
            XCTAssertEqual(fit?.path, "", "no JSON path in a .vbp message")
            XCTAssertEqual(fit?.line, 4)
            XCTAssertEqual(fit?.column, 2)
            XCTAssertTrue(fit?.description.hasPrefix("bad.vbp:4:2: error: item type 1: VM t1") ?? false, fit?.description ?? "")
            XCTAssertTrue(diagnostics.contains { $0.line == 5 && $0.column == 3 && $0.message.contains("weight 2 must be ≥ 0") })
        }
    }

    func testAFileInNeitherFormatIsCalledSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-neither-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = directory.appendingPathComponent("notes.txt").path
        try "hello world\n".write(toFile: notes, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try InstanceFile.read(path: notes)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("not an instance file: neither JSON"), text)
            XCTAssertFalse(text.contains("malformed JSON"), text)
        }
        // Without the extension, each format is still recognised by its content.
        let vbp = directory.appendingPathComponent("instance").path
        try "1\n10\n1\n4 2\n".write(toFile: vbp, atomically: true, encoding: .utf8)
        XCTAssertEqual(try InstanceFile.read(path: vbp).instance.vms.count, 2)
    }

    /// Found by the fuzzer: VMs that fit no host were each explained by a scan of every host,
    /// O(n·m). The first 100 are explained, the rest counted; identical hosts are compared once.
    func testManyVMsThatFitNoHostAreCountedNotEachScannedAgainstEveryHost() {
        let text = """
        {"version": 1, "dimensions": ["cpu"], "hosts": [{"id": "h", "count": 3000, "capacity": [4]}],
         "vms": [{"id": "big", "count": 3000, "demand": [5]}]}
        """
        let found = errors(text)
        XCTAssertEqual(found.count, 101, "\(found.prefix(3))")
        XCTAssertTrue(found.last?.message.contains("2900 more VM(s) fit no host they may use (the first 100 are explained above)") ?? false,
                      found.last?.description ?? "")
    }
}
