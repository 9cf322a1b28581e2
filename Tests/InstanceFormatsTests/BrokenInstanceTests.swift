import Foundation
import InstanceFormats
import PlacementModel
import XCTest

/// Every broken fixture is rejected with the right message, path and position — never a crash.
final class BrokenInstanceTests: XCTestCase {
    /// File name → (expected path, expected message fragment, expected line or nil).
    static let expectations: [(String, String, String, Int?)] = [
        ("missing-version.json", "version", "missing required field \"version\"", 1),
        ("wrong-version.json", "version", "unsupported version 7", 1),
        ("wrong-dimension-count.json", "vms[0].demand", "2 values given, instance has 3 dimensions (cpu, mem, net)", 3),
        ("duplicate-vm-id.json", "vms[1].id", "duplicate VM id \"v1\" (also vms[0])", 2),
        ("duplicate-host-id.json", "hosts[1].id", "duplicate host id \"h1\"", 1),
        ("unknown-current-host.json", "vms[0].currentHost", "unknown host \"h2\" (did you mean \"h1\"?)", 2),
        ("negative-demand.json", "vms[0].demand[1]", "demand must be ≥ 0, got -3", 2),
        ("string-capacity.json", "hosts[0].capacity[1]", "a number expected, found a string", 1),
        ("vm-too-large.json", "vms[0].demand", "fits no host it may use: h1 cpu 12 > 10; h2 mem 9 > 8", 2),
        ("malformed-trailing-comma.json", "", "malformed JSON: unexpected '}': a quoted key expected (trailing comma?)", 2),
        ("malformed-unterminated.json", "", "malformed JSON: unterminated string", 2),
        ("unknown-field.json", "vms[0].memoryMib", "unknown field \"memoryMib\" (did you mean \"memoryMiB\"?)", 2),
        ("bad-host-state.json", "hosts[0].state", "\"on\", \"off\" or \"maintenance\" expected, got \"sleeping\"", 1),
        ("threshold-out-of-range.json", "thresholds.overload[1]", "a fraction of capacity in (0, 1] expected, got 1.5", 2),
        ("anti-affinity-too-large.json", "antiAffinity[0]", "group spread needs 3 distinct hosts, its VMs may use only 2", 3),
        ("affinity-conflict.json", "affinity[0]", "VMs a, b must share a host (affinity together) and must not", 3),
        ("pinned-without-host.json", "vms[0].pinned", "a pinned VM needs a currentHost", 2),
        ("unknown-traffic-vm.json", "traffic[0].vms[1]", "unknown VM \"v9\"", 2),
        ("all-hosts-maintenance.json", "vms[0]", "may run on no host", 2),
        ("not-an-object.json", "", "an object expected, found an array", 1),
        ("shared-too-much.json", "sharedMemory[0].amount", "shares 3 but the smaller VM has only 2 memory", 2),
        ("bad-token.vbp", "", "item type 2 weight 3 expected (an integer), found \"x\"", 5),
        ("truncated.vbp", "", "unexpected end of file: item type 3 weight 1 expected", nil),
        ("vbp-item-too-large.vbp", "", "item type 1: VM t1 demand (11, 2) fits no host it may use: h1 d1 11 > 10", 4),
        ("count-too-large.json", "hosts[0].count", "count 1000000000 takes the instance past the limit of 1000000 hosts", 2),
        ("capacity-too-large.json", "hosts[0].capacity[0]", "capacity must be a finite number in [0, 1e15], got 1e+308", 2),
        ("bandwidth-too-small.json", "network.bandwidthMiBps", "a bandwidth in [1e-6, 1e15] MiB/s expected", 4),
        ("vbp-too-many-items.vbp", "", "item type 2 demand 600000 takes the instance past the limit of 1000000 items (600000 before this type)", 5),
        ("vbp-capacity-too-large.vbp", "", "capacity of dimension 2 must be ≤ 1e15, got 9223372036854775807", 2),
        ("directory.json", "", "cannot read file: it is a directory, a file expected", nil),
        ("not-utf8.json", "", "cannot read file: not UTF-8 text (byte 0xE9 at offset 28)", nil),
    ]

    func testEveryFixtureIsRejectedWithItsMessage() throws {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        XCTAssertEqual(Set(files), Set(Self.expectations.map(\.0)), "every fixture has an expectation and vice versa")
        XCTAssertGreaterThanOrEqual(files.count, 15)
        for (file, path, message, line) in Self.expectations {
            let url = fixtures.appendingPathComponent(file)
            do {
                _ = try InstanceFile.read(path: url.path)
                XCTFail("\(file) was accepted")
            } catch {
                let errors = error.diagnostics.filter { $0.severity == .error }
                let match = errors.first { $0.path == path && $0.message.contains(message) }
                XCTAssertNotNil(match, "\(file): expected \(path): …\(message)…, got:\n\(error.description)")
                XCTAssertEqual(match?.file, url.path, file)
                if let line { XCTAssertEqual(match?.line, line, "\(file) line") }
                XCTAssertTrue(error.description.contains(url.path), "\(file): message names the file")
            }
        }
    }

    func testEveryProblemIsReportedAtOnce() {
        let text = """
        { "version": 1, "dimensions": ["cpu", "mem"],
          "hosts": [{"id": "h1", "capacity": [10]}, {"id": "h2", "capacity": [10, -1]}],
          "vms": [{"id": "v1", "demand": [1, 2, 3]}, {"id": "v2", "demand": [1, "x"]}, {"id": "v3"}] }
        """
        XCTAssertThrowsError(try InstanceJSON.decode(text, file: "many.json")) { error in
            let paths = (error as! InvalidInput).diagnostics.map(\.path)
            XCTAssertEqual(paths, ["hosts[0].capacity", "hosts[1].capacity[1]", "vms[0].demand", "vms[1].demand[1]", "vms[2].demand"])
        }
    }

    /// An entry expanded by `count` is one JSON entry: its problem is reported once, not per copy.
    func testProblemOfACountedEntryIsReportedOnce() {
        let text = """
        { "version": 1, "dimensions": ["cpu"], "hosts": [{"id": "h", "count": 50, "capacity": [2e15]}], "vms": [] }
        """
        XCTAssertThrowsError(try InstanceJSON.decode(text)) { error in
            let paths = (error as! InvalidInput).diagnostics.map(\.path)
            XCTAssertEqual(paths, ["hosts[0].capacity[0]"])
        }
    }

    /// Integers beyond 1e15 are named as too large, not as fractions.
    func testHugeIntegerIsNotCalledAFraction() {
        let text = """
        { "version": 1, "dimensions": ["cpu"], "hosts": [{"id": "h", "count": 1e18, "capacity": [2]}], "vms": [] }
        """
        XCTAssertThrowsError(try InstanceJSON.decode(text)) { error in
            let message = (error as! InvalidInput).description
            XCTAssertTrue(message.contains("hosts[0].count: an integer of magnitude below 1e15 expected, got 1e+18"), message)
        }
    }

    func testUnreadableFileIsAnError() {
        XCTAssertThrowsError(try InstanceFile.read(path: "/nonexistent/x.json")) { error in
            let text = (error as! InvalidInput).description
            XCTAssertTrue(text.contains("/nonexistent/x.json"), text)
            XCTAssertTrue(text.contains("cannot read file"), text)
        }
    }

    /// A lower entity limit (the fuzzer's) is enforced at the `count` that crosses it, for hosts
    /// and for VMs, with the default limit's message.
    func testLowerEntityLimitIsEnforcedAtTheCountThatCrossesIt() throws {
        let text = """
        {"version": 1, "dimensions": ["cpu"], "hosts": [{"id": "h", "count": 4, "capacity": [10]}],
         "vms": [{"id": "a", "count": 2, "demand": [1]}, {"id": "b", "count": 3, "demand": [1]}]}
        """
        XCTAssertEqual(try InstanceJSON.decode(text, maximumEntities: 5).instance.vms.count, 5)
        XCTAssertThrowsError(try InstanceJSON.decode(text, file: "small.json", maximumEntities: 4)) { error in
            let messages = (error as? InvalidInput)?.diagnostics.map { "\($0.path): \($0.message)" } ?? []
            XCTAssertTrue(messages.contains("vms[1].count: count 3 takes the instance past the limit of 4 VMs (2 before this entry)"), "\(messages)")
        }
        XCTAssertThrowsError(try InstanceJSON.decode(text, maximumEntities: 3)) { error in
            let messages = (error as? InvalidInput)?.diagnostics.map { "\($0.path): \($0.message)" } ?? []
            XCTAssertTrue(messages.contains("hosts[0].count: count 4 takes the instance past the limit of 3 hosts (0 before this entry)"), "\(messages)")
        }
    }
}
