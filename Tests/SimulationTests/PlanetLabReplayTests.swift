import Foundation
import TestSupport
import XCTest
@testable import Simulation

/// Replays of the real PlanetLab day; skipped when ../shared/data is absent.
final class PlanetLabReplayTests: XCTestCase {
    func tracesDirectory() throws -> String {
        guard let path = SharedData.path("traces/planetlab"), SharedData.path("traces/planetlab/20110303") != nil else {
            throw XCTSkip("../shared/data PlanetLab traces absent")
        }
        return path
    }

    func testNonPowerAwareEqualsClosedForm() throws {
        var configuration = try SimulationConfiguration.cloudSimPlanetLab(tracesDirectory: try tracesDirectory(), day: "20110303", policy: "npa")
        XCTAssertEqual(configuration.traces.count, 1052)
        // 400 G4 at 117 W + 400 G5 at 135 W for 24 h.
        XCTAssertEqual(try SimulationRunner.run(configuration).energyKWh, (400 * 117 + 400 * 135) * 24 / 1000, accuracy: 1e-9)
        XCTAssertEqual(try SimulationRunner.run(configuration).energyKWh, 2419.2, accuracy: 1e-9)
        // CloudSim's clock accounts 287 intervals: its published 2410.80 kWh.
        configuration.cloudSimAccounting = true
        configuration.dropIdleVMs = true
        XCTAssertEqual(try SimulationRunner.run(configuration).energyKWh, 2410.8, accuracy: 1e-9)
    }
}

/// Bitbrains traces replayed on the CloudSim preset; skipped when ../shared/data is absent.
final class BitbrainsReplayTests: XCTestCase {
    func testBitbrainsTracesReplayThroughTheLoop() throws {
        guard let folder = SharedData.path("traces/bitbrains-rnd-day1/2013-7") else { throw XCTSkip("../shared/data Bitbrains traces absent") }
        let traces = Array(try BitbrainsTraceReader.read(directory: folder).prefix(60))
        let configuration = SimulationConfiguration(dataCenter: .cloudSimPlanetLab(hostCount: 40), traces: traces,
                                                    policy: try .named("thr-mmt-0.8"), steps: 48)
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.steps, 48)
        XCTAssertEqual(result.unplacedVMs, 0)
        // Consolidation: fewer active hosts at the end than after the full-MIPS initial placement.
        XCTAssertLessThan(result.stepRecords.last?.activeHosts ?? 0, result.stepRecords.first?.activeHosts ?? 0)
        XCTAssertGreaterThan(result.energyKWh, 0)
    }
}
