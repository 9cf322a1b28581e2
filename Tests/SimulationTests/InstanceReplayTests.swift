import Foundation
import PlacementModel
import XCTest
@testable import Simulation

final class InstanceReplayTests: XCTestCase {
    /// Hosts of 10 CPU and 16 memory, 100 → 200 W, 62.5 MiB/s for migrations.
    func cluster(hosts: Int, vms: [(String, [Double], Int?)], antiAffinity: [[Int]] = [], sharedMemory: [VirtualMachinePair] = []) -> Instance {
        Instance(name: "t", dimensions: ["cpu", "mem"],
                 hosts: (0..<hosts).map { Host(id: "h\($0)", capacity: ResourceVector([10, 16]), idleWatts: 100, peakWatts: 200) },
                 vms: vms.map { VirtualMachine(id: $0.0, demand: ResourceVector($0.1), memoryMiB: 625, currentHost: $0.2) },
                 antiAffinity: antiAffinity.enumerated().map { PlacementRule(name: "r\($0.offset)", vms: $0.element) },
                 sharedMemory: sharedMemory, network: NetworkModel(bandwidthMiBps: 62.5))
    }

    func configuration(_ instance: Instance, _ traces: [UtilisationTrace], policy: String) throws -> SimulationConfiguration {
        var configuration = SimulationConfiguration(dataCenter: .cloudSimPlanetLab(hostCount: 1), traces: traces, policy: try .named(policy))
        configuration.instance = instance
        return configuration
    }

    func watts(_ u: Double) -> Double { 100 + 100 * u }

    func testUntracedVMsKeepTheirStaticDemandAndPowerIsTheInstances() throws {
        let instance = cluster(hosts: 2, vms: [("a", [4, 2], 0), ("b", [5, 2], 0)])
        let traces = [UtilisationTrace(name: "a.csv", cpu: [0.5, 1])]
        let result = try SimulationRunner.run(configuration(instance, traces, policy: "dvfs"))
        XCTAssertEqual(result.vms, 2)
        XCTAssertEqual(result.steps, 2)
        let expected = ((watts(0.7) + watts(0.9)) / 2 * 300 + watts(0.9) * 300) / 3.6e6
        XCTAssertEqual(result.energyKWh, expected, accuracy: 1e-12)
        XCTAssertEqual(result.stepRecords.map(\.activeHosts), [1, 1])
        XCTAssertTrue(result.warnings.contains { $0.contains("1 VM(s) without a trace") }, "\(result.warnings)")
    }

    func testATraceMatchingNoVMIsReportedAndNoMatchAtAllIsAnError() throws {
        let instance = cluster(hosts: 1, vms: [("a", [4, 2], 0)])
        let result = try SimulationRunner.run(configuration(instance, [UtilisationTrace(name: "a", cpu: [0.5]), UtilisationTrace(name: "zz", cpu: [0.5])], policy: "dvfs"))
        XCTAssertTrue(result.warnings.contains { $0.contains("zz matches no VM") })
        XCTAssertThrowsError(try SimulationRunner.run(configuration(instance, [UtilisationTrace(name: "zz", cpu: [0.5])], policy: "dvfs")))
    }

    func testMemoryOverloadIsAnSLAViolation() throws {
        let instance = cluster(hosts: 1, vms: [("a", [2, 8], 0), ("b", [2, 8], 0)])
        let quiet = [UtilisationTrace(name: "a", cpu: [0.5, 0.5], dimensionFractions: ["mem": [1, 1]])]
        XCTAssertEqual(try SimulationRunner.run(configuration(instance, quiet, policy: "dvfs")).slatah, 0)
        let swelling = [UtilisationTrace(name: "a", cpu: [0.5, 0.5], dimensionFractions: ["mem": [1, 1.5]])]
        XCTAssertEqual(try SimulationRunner.run(configuration(instance, swelling, policy: "dvfs")).slatah, 0.5, accuracy: 1e-12)
    }

    func testAntiAffinityOfTheInstanceConstrainsTheLoop() throws {
        // a and c on h0 overload it at step 1 (0.9 > 0.8); h1 holds b. MMT picks a (lowest index).
        let vms: [(String, [Double], Int?)] = [("a", [5, 2], 0), ("b", [1, 2], 1), ("c", [4, 2], 0)]
        let traces = [UtilisationTrace(name: "a", cpu: [0.2, 1, 1]), UtilisationTrace(name: "c", cpu: [0.2, 1, 1])]
        let free = try SimulationRunner.run(configuration(cluster(hosts: 2, vms: vms), traces, policy: "thr-mmt-0.8/first-fit"))
        XCTAssertGreaterThan(free.migrations, 0)
        // With a and c kept apart from b, nothing may move to h1: no migration at all.
        let ruled = cluster(hosts: 2, vms: vms, antiAffinity: [[0, 1], [2, 1]])
        var run = try configuration(ruled, traces, policy: "thr-mmt-0.8/first-fit")
        run.underloadThreshold = 0
        XCTAssertEqual(try SimulationRunner.run(run).migrations, 0)
    }

    func testMigrationModelsAndGangChangeTimeAndDegradation() throws {
        // Two VMs leave h0 for empty h1 together (both 100 % at step 1, 10 / 10 CPU).
        let vms: [(String, [Double], Int?)] = [("a", [4, 2], 0), ("b", [4, 2], 0), ("c", [1, 2], 0)]
        let traces = [UtilisationTrace(name: "a", cpu: [0.1, 1, 1]), UtilisationTrace(name: "b", cpu: [0.1, 1, 1]),
                      UtilisationTrace(name: "c", cpu: [1, 1, 1])]
        func pdm(_ model: LiveMigrationModel, gang: Bool = false, sharing: Double = 0) throws -> (Double, Int) {
            let instance = cluster(hosts: 3, vms: vms, sharedMemory: sharing > 0 ? [VirtualMachinePair(0, 1, amount: sharing)] : [])
            var run = try configuration(instance, traces, policy: "thr-mmt-0.5/first-fit")
            run.underloadThreshold = 0
            run.migrationModel = model
            run.gang = gang
            let result = try SimulationRunner.run(run)
            return (result.pdm, result.migrations)
        }
        let (preCopy, moved) = try pdm(.preCopy)
        XCTAssertGreaterThan(moved, 0)
        XCTAssertGreaterThan(preCopy, 0)
        XCTAssertEqual(try pdm(.suspendAndCopy).0, preCopy * 10, accuracy: preCopy * 1e-9)
        XCTAssertLessThan(try pdm(.postCopy).0, try pdm(.suspendAndCopy).0)
        XCTAssertEqual(try pdm(.preCopy, gang: true).0, preCopy, accuracy: 1e-15, "no shared pages: gang changes nothing")
    }

    func testEventsFileArrivalsDeparturesMaintenanceAndHostAdditions() throws {
        let text = """
        { "format": "vmplace-events", "version": 1, "events": [
          { "step": 1, "event": "arrive", "vm": "b" },
          { "step": 2, "event": "depart", "vm": "b" },
          { "step": 1, "event": "maintenance", "host": "h0", "until": 2 },
          { "step": 1, "event": "add-host", "host": "h1" } ] }
        """
        let scenario = try EventsFile.decode(text, file: "ev.json")
        XCTAssertEqual(scenario.events.map(\.action), [.arrive, .depart, .maintenance, .returnToService, .addHost])
        var run = try configuration(cluster(hosts: 2, vms: [("a", [4, 2], nil), ("b", [2, 2], nil)]),
                                    [UtilisationTrace(name: "a", cpu: [1, 1, 1]), UtilisationTrace(name: "b", cpu: [1, 1, 1])], policy: "dvfs")
        run.scenario = scenario
        let result = try SimulationRunner.run(run)
        XCTAssertEqual(result.stepRecords.map(\.vms), [1, 2, 1])
        XCTAssertEqual(result.migrations, 1, "a leaves h0 for h1, added at the same step")
        XCTAssertEqual(result.departedVMs, 1)
        for (bad, expected) in [("{\"events\": [{\"step\": -1, \"event\": \"arrive\", \"vm\": \"a\"}]}", "integer ≥ 0"),
                                ("{\"events\": [{\"step\": 1, \"event\": \"explode\", \"vm\": \"a\"}]}", "add-host"),
                                ("{\"events\": [{\"step\": 1, \"event\": \"arrive\", \"host\": \"a\"}]}", "needs \"vm\""),
                                ("{\"events\": [\n{\"step\": 3, \"event\": \"maintenance\", \"host\": \"h0\", \"until\": 2}]}", "2:"),
                                ("{\"evnts\": []}", "unknown key")] {
            XCTAssertThrowsError(try EventsFile.decode(bad, file: "ev.json"), bad) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
                XCTAssertTrue("\(error)".hasPrefix("ev.json:"), "\(error)")
            }
        }
        run.scenario = Scenario(events: [Scenario.Event(step: 1, action: .maintenance, subject: "nohost")])
        XCTAssertThrowsError(try SimulationRunner.run(run))
    }

    func testReassignPolicyConsolidatesThroughThePortfolio() throws {
        // Three hosts each with one light VM: the portfolio packs them on one host when the
        // cold-spot trigger fires; every answer passed the checker before it was applied.
        let vms: [(String, [Double], Int?)] = [("a", [2, 2], 0), ("b", [2, 2], 1), ("c", [2, 2], 2)]
        let traces = vms.map { UtilisationTrace(name: $0.0, cpu: [1, 1, 1]) }
        var run = try configuration(cluster(hosts: 3, vms: vms), traces, policy: "thr-reassign-0.8")
        run.underloadThreshold = 0.5
        let result = try SimulationRunner.run(run)
        XCTAssertEqual(result.migrations, 2)
        XCTAssertEqual(result.stepRecords.map(\.activeHosts), [3, 1, 1])
    }

    func testDecisionWindowsAndPeriodGateTheLoop() throws {
        let vms: [(String, [Double], Int?)] = [("a", [2, 2], 0), ("b", [2, 2], 1)]
        let traces = vms.map { UtilisationTrace(name: $0.0, cpu: [1, 1, 1, 1]) }
        var run = try configuration(cluster(hosts: 2, vms: vms), traces, policy: "thr-mmt-0.8")
        XCTAssertEqual(try SimulationRunner.run(run).stepRecords.map(\.migrations), [0, 1, 0, 0])
        run.periodSteps = 3
        XCTAssertEqual(try SimulationRunner.run(run).stepRecords.map(\.migrations), [0, 0, 0, 1])
        run.periodSteps = nil
        run.decisionWindows = [DecisionWindow(start: 600, end: 900)]
        XCTAssertEqual(try SimulationRunner.run(run).stepRecords.map(\.migrations), [0, 0, 1, 0])
    }
}
