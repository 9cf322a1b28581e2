import Foundation
import TestSupport
import XCTest
@testable import Simulation

final class SimulationRunnerTests: XCTestCase {
    /// Hosts of 2 × 450 MIPS, linear 100 → 200 W, 1000 Mbit/s (migration at 62.5 MiB/s);
    /// one VM type of 400 MIPS and 625 MiB (10 s to migrate).
    func smallCentre(hosts: Int) -> DataCenter {
        let host = SimulationHostType(name: "h", mipsPerCore: 450, cores: 2, ramMiB: 4096, bandwidthMbps: 1000,
                                      power: .linear(idleWatts: 100, peakWatts: 200))
        let vm = SimulationVMType(name: "v", mips: 400, ramMiB: 625, bandwidthMbps: 100)
        return DataCenter(hosts: Array(repeating: host, count: hosts), vmTypes: [vm], intervalSeconds: 300)
    }

    func traces(_ percents: [[Double]]) -> [UtilisationTrace] {
        percents.enumerated().map { UtilisationTrace(name: "vm\($0.offset)", cpu: $0.element.map { $0 / 100 }) }
    }

    func power(_ u: Double) -> Double { 100 + 100 * min(1, u) }

    func testNonPowerAwareIsAllHostsAtPeakAllTheTime() throws {
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 3), traces: traces([[10, 0, 30, 0]]),
                                                    policy: try .named("npa"))
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.energyKWh, 3 * 200 * 4 * 300 / 3.6e6, accuracy: 1e-12)
        var cloudSim = configuration
        cloudSim.cloudSimAccounting = true
        XCTAssertEqual(try SimulationRunner.run(cloudSim).energyKWh, 3 * 200 * 3 * 300 / 3.6e6, accuracy: 1e-12)
        XCTAssertEqual(result.migrations, 0)
    }

    func testDVFSTrapezoidEnergyAndSLATAH() throws {
        // Two VMs on one host (first fit with full MIPS: 800 <= 900); second interval overloaded.
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 2), traces: traces([[50, 100], [25, 100]]),
                                                    policy: try .named("dvfs"))
        let result = try SimulationRunner.run(configuration)
        let u0 = (200.0 + 100) / 900, u1 = 800.0 / 900
        let expected = ((power(u0) + power(u1)) / 2 * 300 + power(u1) * 300) / 3.6e6
        XCTAssertEqual(result.energyKWh, expected, accuracy: 1e-12)
        XCTAssertEqual(result.stepRecords.map(\.activeHosts), [1, 1])
        XCTAssertEqual(result.slatah, 0, accuracy: 1e-12)   // 800 <= 900: never above capacity
        // Three VMs: 1200 MIPS demanded on 900 in the second interval (third VM did not fit: second host).
        let crowded = SimulationConfiguration(dataCenter: smallCentre(hosts: 1), traces: traces([[10, 100], [10, 100]]),
                                              policy: try .named("dvfs"))
        XCTAssertEqual(try SimulationRunner.run(crowded).slatah, 0, accuracy: 1e-12)
    }

    func testThresholdPolicyMigratesAndAccountsPDM() throws {
        // Both VMs start on host 0 (800 MIPS at creation fits 900). At step 2 both run at 100 %:
        // 800/900 = 0.89 > 0.8 -> VM 0 (MMT tie -> lowest index) moves to host 1 (10 s).
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 2),
                                                    traces: traces([[50, 50, 100], [50, 50, 100]]),
                                                    policy: try .named("thr-mmt-0.8"))
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.migrations, 1)
        XCTAssertEqual(result.stepRecords.map(\.migrations), [0, 0, 1])
        XCTAssertEqual(result.stepRecords.map(\.activeHosts), [1, 1, 2])
        let requested = (400.0 + 400 + 800) * 300
        XCTAssertEqual(result.pdm, 0.1 * 400 * 10 / requested, accuracy: 1e-15)
        XCTAssertEqual(result.slatah, 0, accuracy: 1e-15)
        XCTAssertEqual(result.slav, 0, accuracy: 1e-15)
        let u = 400.0 / 900
        let expected = ((power(u) + power(u)) / 2 * 300      // interval 0: host 0 at 400/900 then 400/900
            + (power(u) + power(2 * u)) / 2 * 300             // interval 1: then both at 100 %
            + 2 * power(u) * 300) / 3.6e6                     // interval 2: one VM per host
        XCTAssertEqual(result.energyKWh, expected, accuracy: 1e-12)
        // With CloudSim's accounting the destination violates the SLA during the 10 s migration.
        var cloudSim = configuration
        cloudSim.cloudSimAccounting = true
        let accounted = try SimulationRunner.run(cloudSim)
        // Accounted intervals 0 and 1 only: no migration in them.
        XCTAssertEqual(accounted.slatah, 0, accuracy: 1e-15)
        var longer = configuration
        longer.traces = traces([[50, 50, 100, 100], [50, 50, 100, 100]])
        longer.cloudSimAccounting = true
        let withMigration = try SimulationRunner.run(longer)
        // Active host-time: 1 + 1 + 2 hosts over 3 intervals; violation: 10 s on the destination.
        XCTAssertEqual(withMigration.slatah, 10.0 / (4 * 300), accuracy: 1e-12)
        XCTAssertEqual(withMigration.slav, withMigration.slatah * withMigration.pdm, accuracy: 1e-18)
        XCTAssertEqual(withMigration.esv, withMigration.energyKWh * withMigration.slav, accuracy: 1e-18)
    }

    func testUnderloadedHostIsDrained() throws {
        // Creation puts VM 0 and 1 on host 0 and VM 2 on host 1 (full MIPS 1200 > 900).
        // At step 1 host 1 (10 %) is the least loaded and its VM fits on host 0 below 0.8.
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 2),
                                                    traces: traces([[20, 20], [20, 20], [10, 10]]),
                                                    policy: try .named("thr-mmt-0.8"))
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.stepRecords.map(\.activeHosts), [2, 1])
        XCTAssertEqual(result.migrations, 1)
    }

    func testIdleVMsStayUnlessCloudSimRule() throws {
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 2), traces: traces([[50, 0, 0, 20], [50, 50, 50, 50]]),
                                                    policy: try .named("dvfs"))
        XCTAssertEqual(try SimulationRunner.run(configuration).departedVMs, 0)
        var cloudSim = configuration
        cloudSim.dropIdleVMs = true
        let dropped = try SimulationRunner.run(cloudSim)
        XCTAssertEqual(dropped.departedVMs, 1)
        XCTAssertEqual(dropped.stepRecords.map(\.vms), [2, 1, 1, 1])
    }

    func testSeededRandomSelectionIsReproducible() throws {
        var generator = SeededGenerator(seed: 42)
        let percents = (0..<30).map { _ in (0..<40).map { _ in Double(generator.next() % 100) } }
        var configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 20), traces: traces(percents),
                                                    policy: try .named("thr-rs-0.8"), seed: 7)
        let first = try SimulationRunner.run(configuration)
        let second = try SimulationRunner.run(configuration)
        XCTAssertGreaterThan(first.migrations, 0)
        XCTAssertEqual(first.summaryJSON(), second.summaryJSON())
        configuration.seed = 8
        let other = try SimulationRunner.run(configuration)
        XCTAssertNotEqual(first.stepRecords.map(\.migrations), other.stepRecords.map(\.migrations))
    }

    func testCooldownPreventsImmediateReturn() throws {
        var generator = SeededGenerator(seed: 3)
        let percents = (0..<30).map { _ in (0..<60).map { _ in Double(generator.next() % 100) } }
        var configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 20), traces: traces(percents),
                                                    policy: try .named("thr-mmt-0.8"), pingPongWindow: 2)
        let plain = try SimulationRunner.run(configuration)
        configuration.cooldownSteps = 2
        let cooled = try SimulationRunner.run(configuration)
        XCTAssertGreaterThan(plain.pingPongMigrations, 0)
        // A VM cannot move again within 2 steps, so no return within the 2-step window.
        XCTAssertEqual(cooled.pingPongMigrations, 0)
        XCTAssertLessThan(cooled.migrations, plain.migrations)
    }

    func testScenarioMaintenanceAndArrival() throws {
        let scenario = try Scenario.parse("2 maintenance 0\n1 arrive vm1\n")
        let configuration = SimulationConfiguration(dataCenter: smallCentre(hosts: 3), traces: traces([[10, 10, 10, 10], [10, 10, 10, 10]]),
                                                    policy: try .named("thr-mmt-0.8"), scenario: scenario)
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.stepRecords.map(\.vms), [1, 2, 2, 2])
        XCTAssertGreaterThanOrEqual(result.migrations, 1)
        XCTAssertThrowsError(try SimulationRunner.run(SimulationConfiguration(
            dataCenter: smallCentre(hosts: 1), traces: traces([[1]]), policy: try .named("npa"),
            scenario: try Scenario.parse("0 depart nobody\n"))))
    }

    func testPolicyNamesAndSummaryKeyOrder() throws {
        for name in SimulationPolicy.examples { XCTAssertNoThrow(try SimulationPolicy.named(name), name) }
        XCTAssertThrowsError(try SimulationPolicy.named("thr-xyz-0.8"))
        XCTAssertThrowsError(try SimulationPolicy.named("foo"))
        // A doubled dash is not read as a positive parameter; thresholds are fractions in (0, 1].
        XCTAssertThrowsError(try SimulationPolicy.named("iqr-mmt--1"))
        for name in ["thr-mmt-0", "thr-mmt-80", "kofn-mmt-1.5", "ewma-mmt-0"] {
            XCTAssertThrowsError(try SimulationPolicy.named(name), name) { error in
                XCTAssertTrue("\(error)".contains("(0, 1]"), "\(error)")
            }
        }
        XCTAssertNoThrow(try SimulationPolicy.named("thr-mmt-1"))
        let result = try SimulationRunner.run(SimulationConfiguration(dataCenter: smallCentre(hosts: 1), traces: traces([[10, 20]]),
                                                                      policy: try .named("dvfs"), day: "d"))
        let json = result.summaryJSON()
        let keys = ["\"energyKWh\"", "\"migrations\"", "\"slatah\"", "\"pdm\"", "\"slav\"", "\"esv\""]
        let positions = keys.compactMap { json.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions.count, keys.count)
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        XCTAssertEqual(result.perStepCSV().split(separator: "\n").count, 3)
        XCTAssertTrue(result.activeHostsSVG().hasPrefix("<svg"))
    }
}

final class SimulationTriggerOptionTests: XCTestCase {
    func testPeriodicTriggerAndColdSpotThreshold() throws {
        let host = SimulationHostType(name: "h", mipsPerCore: 450, cores: 2, ramMiB: 4096, bandwidthMbps: 1000,
                                      power: .linear(idleWatts: 100, peakWatts: 200))
        let centre = DataCenter(hosts: Array(repeating: host, count: 2),
                                vmTypes: [SimulationVMType(name: "v", mips: 400, ramMiB: 625, bandwidthMbps: 100)])
        // As in testUnderloadedHostIsDrained, the drain is possible from step 1 on.
        let traces = [[20.0, 20, 20, 20], [20, 20, 20, 20], [10, 10, 10, 10]].enumerated().map {
            UtilisationTrace(name: "vm\($0.offset)", cpu: $0.element.map { $0 / 100 })
        }
        var configuration = SimulationConfiguration(dataCenter: centre, traces: traces, policy: try .named("thr-mmt-0.8"))
        XCTAssertEqual(try SimulationRunner.run(configuration).stepRecords.map(\.migrations), [0, 1, 0, 0])
        configuration.periodSteps = 3          // decisions at step 3 only
        XCTAssertEqual(try SimulationRunner.run(configuration).stepRecords.map(\.migrations), [0, 0, 0, 1])
        configuration.periodSteps = nil
        configuration.underloadThreshold = 0.05  // host 1 at 400·0.1/900 = 4.4 % is a cold spot
        XCTAssertEqual(try SimulationRunner.run(configuration).migrations, 1)
        configuration.underloadThreshold = 0.04  // no host below 4 %: nothing drained
        XCTAssertEqual(try SimulationRunner.run(configuration).migrations, 0)
        XCTAssertThrowsError(try SimulationConfiguration.preset(named: "nope", tracesDirectory: "/nonexistent", day: "x", policy: "npa"))
    }
}
