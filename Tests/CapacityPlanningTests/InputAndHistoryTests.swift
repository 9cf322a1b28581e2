import Foundation
import PlacementModel
import Simulation
import XCTest
@testable import CapacityPlanning

/// Trace and config reading (errors with file, line, field) and the history database.
final class InputAndHistoryTests: XCTestCase {
    func temporary(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func bitbrainsFile(_ rows: [(Int, Double)]) -> String {
        "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB]\n"
            + rows.map { "\($0.0);\t1;\t2000;\t\($0.1);\t0;\t1048576;\t524288\n" }.joined()
    }

    func testBitbrainsGridAveragesRepeatsAndFillsShortGaps() throws {
        let dir = try temporary("grid")
        let path = dir.appendingPathComponent("7.csv").path
        // Steps 0, 0 (repeated), 1, then 4: steps 2 and 3 interpolated.
        try bitbrainsFile([(86_400, 100), (86_401, 300), (86_700, 200), (87_600, 500)]).write(toFile: path, atomically: true, encoding: .utf8)
        let raw = try BitbrainsTimeGridReader.parse(file: path)
        let grid = try BitbrainsTimeGridReader.align(raw, origin: 86_400, interval: 300, steps: 5, maxGapSteps: 2)
        XCTAssertEqual(grid.cpuMHz, [200, 200, 300, 400, 500])
        XCTAssertEqual(grid.memoryMiB.first, 512)
        XCTAssertEqual(grid.provisionedMemoryMiB, 1024)
        XCTAssertThrowsError(try BitbrainsTimeGridReader.align(raw, origin: 86_400, interval: 300, steps: 5, maxGapSteps: 1)) { error in
            XCTAssertEqual((error as? TraceError)?.line, 5)
            XCTAssertTrue("\(error)".contains("gap of 2 missing steps"), "\(error)")
        }
    }

    func testBitbrainsBadFieldNamesFileLineAndField() throws {
        let dir = try temporary("bad")
        let path = dir.appendingPathComponent("1.csv").path
        try bitbrainsFile([(0, 1)]).replacingOccurrences(of: "1;\t2000;\t1.0", with: "1;\t2000;\tabc").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BitbrainsTimeGridReader.parse(file: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2: error: field CPU usage [MHZ]: 'abc' is not a number")
        }
    }

    func testConfigErrorsNameLineAndField() {
        let text = "{\n  \"sizing\": \"p90\",\n  \"horizonDays\": 2,\n  \"headroom\": { \"cpu\": 2 },\n  \"colour\": 1\n}\n"
        XCTAssertThrowsError(try PlanningConfigReader.decode(text, file: "c.json")) { error in
            let d = (error as! InvalidInput).diagnostics
            XCTAssertEqual(d.map(\.path), ["colour", "sizing", "headroom.cpu"])
            XCTAssertEqual(d.map { $0.line ?? 0 }, [5, 2, 4])
        }
        let good = try? PlanningConfigReader.decode("{ \"sizing\": \"peak\", \"whatIfs\": [ { \"name\": \"g\", \"growthPercent\": 15 } ] }")
        XCTAssertEqual(good?.sizing, .peak)
        XCTAssertEqual(good?.whatIfs.first?.growthPercent, 15)
    }

    func testRerunningADateReplacesItsRow() throws {
        let dir = try temporary("history")
        let store = try PlanHistory(path: dir.appendingPathComponent("h.sqlite").path)
        let night = NightRecord(date: "2024-03-09", vms: 6, hostsNeeded: 2, lowerBound: 2, hostsNeededPeakSizing: 3, hostsWithFailover: 3,
                                hotSpots: 1, forecastMASE: 0.5)
        try store.record(night, planJSON: "{}")
        try store.record(NightRecord(date: "2024-03-10", vms: 6, hostsNeeded: 3, lowerBound: 2, hostsNeededPeakSizing: 3, hostsWithFailover: 4,
                                     hotSpots: 0, forecastMASE: nil), planJSON: "{}")
        var changed = night
        changed.hostsNeeded = 5
        try store.record(changed, planJSON: "{}")
        let nights = try store.nights()
        XCTAssertEqual(nights.map(\.date), ["2024-03-09", "2024-03-10"])
        XCTAssertEqual(nights[0].hostsNeeded, 5)
        XCTAssertNil(nights[1].forecastMASE)
    }
}
