import Foundation
import PlacementModel
import XCTest
@testable import Simulation

final class CloudSimFaithfulTests: XCTestCase {
    /// Hosts of `mips` MIPS (one core), linear power idle → peak; VMs of 1 MIPS per percent point
    /// so a trace of p % demands p MIPS; migration time = memory / 62.5 MiB/s.
    func centre(_ hosts: [(mips: Double, idle: Double, peak: Double)], vmMIPS: Double = 100) -> DataCenter {
        DataCenter(hosts: hosts.map {
            SimulationHostType(name: "h\($0.mips)-\($0.peak)", mipsPerCore: $0.mips, cores: 1, ramMiB: 1_048_576, bandwidthMbps: 1000,
                               power: .linear(idleWatts: $0.idle, peakWatts: $0.peak))
        }, vmTypes: [SimulationVMType(name: "v", mips: vmMIPS, ramMiB: 625, bandwidthMbps: 1)], vmTypeAssignment: .blocks,
        intervalSeconds: 300, reservationsLimitPacking: false)
    }

    /// A hot-spot VM placed on a host that the cold-spot phase then drains moves twice in one
    /// round: CloudSim counts two migrations (its drain excludes the hosts of a still-empty list).
    func testAVMMovedTwiceInARoundCountsTwice() throws {
        // Hosts: h0, h1 1000 MIPS 100→200 W; h2 2000 MIPS 100→400 W; h3 empty. Step 0 places VMs
        // by first fit in order of power increase; instead start them with an instance.
        let hosts = (0..<4).map { i in
            Host(id: "h\(i)", capacity: ResourceVector([i == 2 ? 2000.0 : 1000.0, 1_048_576.0]), idleWatts: 100, peakWatts: i == 2 ? 400 : 200)
        }
        // a (600) and b (300) on h0: 0.9 > 0.8 at step 1; c (100) on h1; d (500) on h2.
        let vms = [("a", 600.0, 0, 300.0), ("b", 300, 0, 900), ("c", 100, 1, 900), ("d", 500, 2, 900)].map {
            VirtualMachine(id: $0.0, demand: ResourceVector([$0.1, 1]), memoryMiB: $0.3, currentHost: $0.2)
        }
        let instance = Instance(name: "t", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms, network: NetworkModel(bandwidthMiBps: 62.5))
        let traces = ["a", "b", "c", "d"].map { UtilisationTrace(name: $0, cpu: [0.5, 1, 1]) }
        var configuration = SimulationConfiguration(dataCenter: centre([]), traces: traces, policy: try .named("thr-mmt-0.8"))
        configuration.instance = instance
        configuration.cloudSimFaithful = true
        let faithful = try SimulationRunner.run(configuration)
        // a: h0 → h1 (60 W on h1 by the stale snapshot vs 90 W on h2), then h1 is drained: a and c → h2.
        XCTAssertEqual(faithful.stepRecords[1].migrations, 3)
        configuration.cloudSimFaithful = false
        let own = try SimulationRunner.run(configuration)
        XCTAssertLessThan(own.stepRecords[1].migrations, 3, "vmplace's loop counts a VM once per round")
    }

    /// The stale snapshot: a host that already took a VM this round is ranked by
    /// P(live + vm) − P(snapshot), so the next VM goes elsewhere; the live rule stacks both.
    func testStaleSnapshotSpreadsVMsOfOneRound() throws {
        // h0 and h1 (1000 MIPS) each hold three VMs of 300 (0.9 > 0.8 at step 1): MMT sends one
        // VM from each (the smallest memory). h2 and h3 hold 100 each: live ranking puts both on
        // h2 (30 W each, ties to the lower index); the stale ranking sees h2 at 60 W for the
        // second (P(0.7) − P(0.1)) and puts it on h3.
        let hosts = (0..<4).map { Host(id: "h\($0)", capacity: ResourceVector([1000.0, 1_048_576.0]), idleWatts: 100, peakWatts: 200) }
        let vms = [("a", 300.0, 0), ("b", 300, 0), ("c", 300, 0), ("d", 300, 1), ("e", 300, 1), ("f", 300, 1),
                   ("g", 100, 2), ("h", 100, 3)].enumerated().map {
            VirtualMachine(id: $0.element.0, demand: ResourceVector([$0.element.1, 1]), memoryMiB: 600 + Double($0.offset), currentHost: $0.element.2)
        }
        let instance = Instance(name: "t", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms, network: NetworkModel(bandwidthMiBps: 62.5))
        let traces = vms.map { UtilisationTrace(name: $0.id, cpu: [0.5, 1, 1]) }
        var configuration = SimulationConfiguration(dataCenter: centre([]), traces: traces, policy: try .named("thr-mmt-0.8"))
        configuration.instance = instance
        configuration.underloadThreshold = 0   // hot spots only
        configuration.cloudSimFaithful = true
        var engine = try Engine(configuration)
        let book = HostBook(hosts: 4, needs: .none, vmSeries: engine.series, vmMIPS: engine.vmMIPS, vmRAM: engine.vmRAM,
                            arrival: engine.arrival, hostMIPS: engine.hostMIPS, migrationBandwidth: [62.5, 62.5, 62.5, 62.5], interval: 300)
        engine.placeArrivals(step: 0)
        let stale = engine.optimiseCloudSim(step: 1, book: book).map(\.to)
        let live = engine.optimise(step: 1, book: book).map(\.to)
        XCTAssertEqual(live, [2, 2])
        XCTAssertEqual(stale, [2, 3])
    }

    /// Energy re-accounted at the migration's completion: the piece before it counts the VM at
    /// 90 % on its source and 10 % on its destination, the piece after on its destination.
    func testEnergyIsReaccountedAtMigrationCompletion() throws {
        let dc = centre([(1000, 100, 200), (1000, 100, 200)], vmMIPS: 500)
        // Two VMs of 500 MIPS, both on h0 from the start; at step 1 both at 90 % (0.9 > 0.8):
        // VM 0 (same memory: lowest index) leaves for h1 in 625 / 62.5 = 10 s.
        let traces = [UtilisationTrace(name: "a", cpu: [0.2, 0.9, 0.9]), UtilisationTrace(name: "b", cpu: [0.2, 0.9, 0.9])]
        var configuration = SimulationConfiguration(dataCenter: dc, traces: traces, policy: try .named("thr-mmt-0.8"))
        configuration.cloudSimFaithful = true
        configuration.underloadThreshold = 0
        let result = try SimulationRunner.run(configuration)
        XCTAssertEqual(result.stepRecords.map(\.migrations), [0, 1, 0])
        func p(_ u: Double) -> Double { 100 + 100 * u }
        // Step 1: [0, 10 s]: h0 from 0.9 (before the decision) to 0.45 + 0.9·0.45; h1 from 0 (draws nothing).
        // [10, 300]: h0 from 0.45 to 0.45; h1 from 0.45 to 0.45.
        let first = (p(0.9) + p(0.45 + 0.9 * 0.45)) / 2 * 10
        let rest = p(0.45) * 290 * 2
        XCTAssertEqual(result.stepRecords[1].energyKWh, (first + rest) / 3.6e6, accuracy: 1e-12)
    }
}
