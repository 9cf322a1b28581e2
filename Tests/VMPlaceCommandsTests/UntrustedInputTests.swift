import Foundation
import XCTest

/// Issue 18 at the command line: outputs never written behind the user's back, documented options
/// that work, and a first `make` that shows no error.
final class UntrustedInputTests: XCTestCase {
    let example = "Instances/examples/small-cluster.json"

    func testOutputThroughADanglingLinkFailsAndKeepsTheLink() throws {
        let directory = try CommandRunner.temporaryDirectory("dangling")
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("s.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "nowhere/s.json")
        let result = try CommandRunner.run(["solve", example, "--method", "ffd", "--output", link])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("dangling link"), result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "nowhere/s.json", "the link is still the link")
    }

    func testOutputIntoAMissingFolderNamesItAndCreatesNothing() throws {
        let directory = try CommandRunner.temporaryDirectory("missing-folder")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("new/s.json").path
        let result = try CommandRunner.run(["solve", example, "--method", "ffd", "--output", path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("the folder \(directory.path)/new does not exist"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("new").path))
    }

    /// The documented spelling is accepted (it used to be "did you mean '--drop-idle-v-ms'").
    func testDropIdleVMsIsTheOptionsName() throws {
        let directory = try CommandRunner.temporaryDirectory("drop-idle")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace.csv")
        try "a,b\n10,20\n0,30\n0,40\n".write(to: trace, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["simulate", "--format", "csv", "--traces", trace.path, "--policy", "npa", "--drop-idle-vms"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("did you mean"), result.stderr)
        let help = try CommandRunner.run(["simulate", "--help"])
        XCTAssertTrue(help.stdout.contains("--drop-idle-vms"), help.stdout)
        XCTAssertFalse(help.stdout.contains("--drop-idle-v-ms"), help.stdout)
    }

    /// `make deps` on a fresh image (lists folder with only `auxfiles`): the lists are fetched
    /// before the first install, so "Unable to locate package" is never printed.
    func testMakeDepsUpdatesThePackageListsFirstOnAFreshImage() throws {
        guard getuid() == 0 else { throw XCTSkip("make deps installs only as root") }
        let directory = try CommandRunner.temporaryDirectory("make-deps")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = directory.appendingPathComponent("lists"), bin = directory.appendingPathComponent("bin")
        for folder in [lists.appendingPathComponent("auxfiles"), lists.appendingPathComponent("partial"), bin] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let log = directory.appendingPathComponent("apt.log").path
        // A stand-in apt-get: logs its arguments; `install` fails until `update` has run.
        let fake = bin.appendingPathComponent("apt-get").path
        try """
        #!/bin/sh
        echo "$@" >> \(log)
        case "$1" in
          update) touch \(lists.path)/deb_main_binary-amd64_Packages.lz4 ;;
          install) ls \(lists.path)/*_Packages* >/dev/null 2>&1 || { echo "E: Unable to locate package libglpk-dev" >&2; exit 100; } ;;
        esac
        """.write(toFile: fake, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(fake, 0o755), 0)
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["make", "-s", "-C", CommandRunner.repositoryRoot.path, "deps",
                          "APT_LISTS=\(lists.path)", "GLPK_HEADER=\(directory.path)/no-glpk.h"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        make.environment = environment
        let errors = Pipe()
        make.standardError = errors
        try make.run()
        make.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(make.terminationStatus, 0, stderr)
        XCTAssertFalse(stderr.contains("Unable to locate"), stderr)
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").first ?? "" }
        XCTAssertEqual(calls, ["update", "install"], "lists fetched once, before the one install")
    }

    /// "infeasible" alone left the user guessing: the summary names the threshold at fault.
    func testInfeasibleHotspotSummaryNamesTheThreshold() throws {
        let directory = try CommandRunner.temporaryDirectory("hot")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("hot.json").path
        try """
        {"version": 1, "dimensions": ["cpu", "mem"], "hosts": [{"id": "h", "count": 2, "capacity": [10, 10]}],
         "vms": [{"id": "a", "demand": [9, 2], "currentHost": "h-1"}, {"id": "b", "demand": [1, 2], "currentHost": "h-1"}],
         "thresholds": {"overload": [0.8, 0.9]}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        for method in ["exact", "sandpiper"] {
            let result = try CommandRunner.run(["solve", path, "--goal", "hotspot", "--method", method])
            XCTAssertEqual(result.status, 4, result.stderr)
            XCTAssertTrue(result.stderr.contains("infeasible") && result.stderr.contains("VM a: cpu demand 9 is above the overload threshold (thresholds.overload) 0.8 × capacity 10 = 8"), "\(method): \(result.stderr)")
        }
    }
}
