import Foundation
import InstanceFormats
import PlacementModel
import TestSupport
import XCTest

final class RoundTripTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testBundledVBPRoundTripsThroughJSON() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("Instances/vbp")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vbp") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for file in files {
            let original = try VBPFormat.read(path: folder.appendingPathComponent(file).path)
            let json = InstanceJSON.encode(original)
            let (decoded, warnings) = try InstanceJSON.decode(json, file: file)
            XCTAssertEqual(decoded, original, file)
            XCTAssertEqual(warnings, [])
            let (vbp, dropped) = try VBPFormat.encode(decoded)
            XCTAssertEqual(dropped, [])
            // Item types with equal weights merge on export: compare the multiset of demands.
            let again = try VBPFormat.decode(vbp, name: original.name)
            XCTAssertEqual(again.hosts, original.hosts, file)
            XCTAssertEqual(again.vms.map(\.demand.values).sorted { $0.lexicographicallyPrecedes($1) },
                           original.vms.map(\.demand.values).sorted { $0.lexicographicallyPrecedes($1) }, file)
            // Item types: the count of distinct demand vectors, total multiplicity = VMs.
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let numbers = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).compactMap { Int($0) }
            XCTAssertEqual(original.dimensionCount, numbers[0])
        }
    }

    func testVBPExportIsByteIdenticalForDistinctTypes() throws {
        let text = "2\n100 50\n3\n10 20 2\n30 5 1\n7 7 3\n"
        let instance = try VBPFormat.decode(text, name: "x")
        XCTAssertEqual(instance.vms.map(\.id), ["t1-1", "t1-2", "t2", "t3-1", "t3-2", "t3-3"])
        XCTAssertEqual(instance.hosts.count, 6)
        XCTAssertEqual(try VBPFormat.encode(instance).text, text)
    }

    func testVBPExportRejectsWhatTheFormatCannotHold() {
        var instance = RandomInstances.make(seed: 3, vms: 4, hosts: 2)
        instance.hosts[1].capacity = ResourceVector([50, 50])
        instance.vms[0].demand[0] = 1.5
        XCTAssertThrowsError(try VBPFormat.encode(instance)) { error in
            let paths = (error as! InvalidInput).diagnostics.map(\.path)
            XCTAssertEqual(paths, ["hosts[1].capacity", "vms[0].demand[0]"])
        }
    }

    func testRichInstanceRoundTrips() throws {
        let url = Self.repositoryRoot.appendingPathComponent("Instances/examples/small-cluster.json")
        let (instance, _) = try InstanceJSON.read(path: url.path)
        XCTAssertEqual(instance.hosts.map(\.id), ["a1", "a2", "a3", "b-1", "b-2", "m1"])
        XCTAssertEqual(instance.vms.count, 12)
        XCTAssertEqual(instance.hosts[1].capacity, instance.hosts[0].capacity, "object form of a vector")
        XCTAssertEqual(instance.vms.first { $0.id == "batch-2" }?.forbiddenHosts, [3])
        XCTAssertEqual(instance.sharedMemory.count, 2)
        XCTAssertEqual(instance.network.links.first?.bandwidthMiBps, 12.5)
        let (decoded, _) = try InstanceJSON.decode(InstanceJSON.encode(instance))
        XCTAssertEqual(decoded, instance)
        XCTAssertEqual(InstanceJSON.encode(decoded), InstanceJSON.encode(instance), "same data, same bytes")
    }

    func testRandomInstancesRoundTrip() throws {
        for seed in 1...50 as ClosedRange<UInt64> {
            let instance = RandomInstances.make(seed: seed, vms: 12, hosts: 6, dimensions: 3, withCurrentPlacement: true,
                                                antiAffinityGroups: 2, affinityGroups: 1)
            let (decoded, _) = try InstanceJSON.decode(InstanceJSON.encode(instance))
            XCTAssertEqual(decoded, instance, "seed \(seed)")
        }
    }

    func testSolutionWithUnknownIDsIsRejected() {
        let instance = RandomInstances.make(seed: 9, vms: 2, hosts: 2)
        XCTAssertThrowsError(try SolutionJSON.decodePlacement("{\"placement\": {\"v1\": \"h9\", \"vx\": \"h1\"}}", instance: instance, file: "s.json")) { error in
            let messages = (error as! InvalidInput).diagnostics.map(\.message)
            XCTAssertEqual(messages, ["unknown host \"h9\"", "unknown VM \"vx\"", "1 VM(s) missing from the placement: v2 (give null for an unplaced VM)"])
        }
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-atomic-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)  // AtomicFile creates none
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.json").path
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["out.json"], "no temporary file left")
    }
}
