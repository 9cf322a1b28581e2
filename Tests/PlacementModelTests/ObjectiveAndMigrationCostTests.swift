import PlacementModel
import XCTest

final class ObjectiveAndMigrationCostTests: XCTestCase {
    func testPreCopyMatchesHandComputation() {
        // M = 1024 MiB, D = 32 MiB/s, B = 128 MiB/s, stop at 50 MiB:
        // round 1 sends 1024 in 8 s (256 dirtied), round 2 sends 256 in 2 s (64 dirtied),
        // round 3 sends 64 in 0.5 s (16 dirtied ≤ 50): stop-and-copy 16 MiB in 0.125 s.
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 32, bandwidthMiBps: 128)
        XCTAssertEqual(e.totalSeconds, 10.625, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 0.125, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 1360, accuracy: 1e-9)
        XCTAssertEqual(e.rounds, 4)
    }

    func testPreCopyStopsWhenDirtyRateOutrunsBandwidth() {
        // D = 200 ≥ B = 100: the first round dirties all 1000 MiB again, so it stops at once.
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1000, dirtyRateMiBps: 200, bandwidthMiBps: 100)
        XCTAssertEqual(e.totalSeconds, 20, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 10, accuracy: 1e-12)
        XCTAssertEqual(e.rounds, 2)
    }

    func testSuspendAndCopyAndPostCopy() {
        let s = LiveMigrationModel.suspendAndCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 32, bandwidthMiBps: 128)
        XCTAssertEqual(s.totalSeconds, 8)
        XCTAssertEqual(s.downtimeSeconds, 8)
        let p = LiveMigrationModel.postCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 32, bandwidthMiBps: 128)
        XCTAssertEqual(p.downtimeSeconds, 1.0 / 128, accuracy: 1e-12)
        XCTAssertEqual(p.totalSeconds, 8 + 1.0 / 128, accuracy: 1e-12)
        XCTAssertEqual(p.degradationSeconds, 0.8, accuracy: 1e-12)
    }

    func instance() -> Instance {
        Instance(name: "t", dimensions: ["cpu", "mem"],
                 hosts: [Host(id: "h1", capacity: ResourceVector([10, 1024]), site: "east"),
                         Host(id: "h2", capacity: ResourceVector([10, 1024]), openCost: 2, site: "east"),
                         Host(id: "h3", capacity: ResourceVector([10, 1024]), site: "west")],
                 vms: [VirtualMachine(id: "a", demand: ResourceVector([4, 512]), dirtyRateMiBps: 0, diskGiB: 1, currentHost: 0),
                       VirtualMachine(id: "b", demand: ResourceVector([4, 256]), currentHost: 0, migrationCost: 7),
                       VirtualMachine(id: "c", demand: ResourceVector([1, 128]))],
                 traffic: [VirtualMachinePair(0, 1, amount: 3)],
                 weights: ObjectiveWeights(hosts: 1, migration: 0.5, traffic: 2),
                 network: NetworkModel(bandwidthMiBps: 128, links: [.init(siteA: "east", siteB: "west", bandwidthMiBps: 16)]))
    }

    func testCanonicalMigrationCost() {
        let i = instance()
        XCTAssertEqual(i.migrationCost(vm: 0, to: 0), 0, "not moving")
        XCTAssertEqual(i.migrationCost(vm: 2, to: 1), 0, "no current host")
        XCTAssertEqual(i.migrationCost(vm: 1, to: 2), 7, "explicit cost wins")
        // a: 512 MiB memory (its memory dimension) at 128 MiB/s, no dirtying: 4 s + 0 s downtime.
        XCTAssertEqual(i.migrationCost(vm: 0, to: 1), 4, accuracy: 1e-12)
        // Across sites without shared storage: 512/16 = 32 s of memory plus 1 GiB disk: 1024/16 = 64 s.
        XCTAssertEqual(i.migrationCost(vm: 0, to: 2), 96, accuracy: 1e-12)
        XCTAssertTrue(i.migrationCopiesDisk(from: 0, to: 2))
    }

    func testObjectivePerGoal() {
        let i = instance()
        let p = Placement(hostOfVM: [1, 0, 1])  // a moves to h2 (cost 4), b stays, c on h2; traffic split
        XCTAssertEqual(i.hostCost(p), 3)
        XCTAssertEqual(i.migrationCount(p), 1)
        XCTAssertEqual(i.totalMigrationCost(p), 4, accuracy: 1e-12)
        XCTAssertEqual(i.splitTraffic(p), 3)
        XCTAssertEqual(i.objective(of: p, goal: .consolidate), 3 + 0.5 * 4 + 2 * 3, accuracy: 1e-12)
        // h2 holds a + c: cpu 5/10, mem 640/1024 = 0.625 → max 0.625.
        XCTAssertEqual(i.maximumUtilisation(p), 0.625, accuracy: 1e-12)
        XCTAssertEqual(i.objective(of: p, goal: .balance), 0.625 + 0.5 * 4 + 2 * 3, accuracy: 1e-12)
        XCTAssertEqual(i.objective(of: p, goal: .hotspot), 4 + 2 * 3, accuracy: 1e-12)
    }

    func testValidatorFindsStructuralProblemsWithPaths() {
        var i = instance()
        i.vms[2].demand = ResourceVector([1])
        i.hosts[1].capacity[0] = .nan
        i.vms.append(VirtualMachine(id: "a", demand: ResourceVector([1, 1])))
        i.underloadThreshold = [0.5, 0.5]
        i.overloadThreshold = [0.4, 1]
        let diagnostics = InstanceValidator.validate(i).filter { $0.severity == .error }
        XCTAssertEqual(diagnostics.map(\.path), ["hosts[1].capacity[0]", "vms[2].demand", "vms[3].id", "underloadThreshold[0]"])
        XCTAssertEqual(diagnostics[1].message, "1 value given, instance has 2 dimensions (cpu, mem)")
    }

    func testUsedHostsAreTheSortedDistinctHosts() {
        var random = SplitMix64(seed: 3)
        for trial in 0..<200 {
            let n = Int(random.next() % 60)
            // Narrow spans (table), wide or overflowing spans (sort), negatives and gaps.
            let spread: [Int] = [3, 50, 1000, 1 << 40]
            let width = spread[trial % spread.count]
            var hosts: [Int?] = (0..<n).map { _ in random.next() % 4 == 0 ? nil : Int(random.next() % UInt64(width)) - width / 3 }
            if trial % 17 == 0 && n > 1 { hosts[0] = Int.min; hosts[n - 1] = Int.max }
            let placement = Placement(hostOfVM: hosts)
            XCTAssertEqual(placement.usedHosts, Array(Set(hosts.compactMap { $0 })).sorted(), "trial \(trial)")
        }
        XCTAssertEqual(Placement.empty(4).usedHosts, [])
    }
}
