import PlacementModel
import XCTest
@testable import Migration

/// The live-migration cost models of `PlacementModel/LiveMigration.swift` (Clark et al., NSDI'05)
/// against hand-computed values.
final class LiveMigrationModelTests: XCTestCase {
    // Suspend-and-copy: M = 1024 MiB over B = 128 MiB/s → 1024 / 128 = 8 s, all of it downtime.
    func testSuspendAndCopy() {
        let e = LiveMigrationModel.suspendAndCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 64, bandwidthMiBps: 128)
        XCTAssertEqual(e.totalSeconds, 8, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 8, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 1024, accuracy: 1e-12)
        XCTAssertEqual(e.rounds, 1)
    }

    // Pre-copy, M = 1024, D = 64 MiB/s, B = 128, stop threshold 50 MiB. Each round sends what
    // the previous one let dirty, D·t = half of it:
    //   round 1: 1024 MiB, 8 s    → 512 dirtied
    //   round 2:  512 MiB, 4 s    → 256
    //   round 3:  256 MiB, 2 s    → 128
    //   round 4:  128 MiB, 1 s    →  64
    //   round 5:   64 MiB, 0.5 s  →  32 ≤ 50: stop and copy 32 MiB in 0.25 s (downtime)
    // total = 8 + 4 + 2 + 1 + 0.5 + 0.25 = 15.75 s; sent = 1024+512+256+128+64+32 = 2016 MiB;
    // rounds = 5 pre-copy + 1 stop-and-copy = 6.
    func testPreCopyConverges() {
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 64, bandwidthMiBps: 128,
                                                    maxRounds: 30, stopCopyThresholdMiB: 50)
        XCTAssertEqual(e.totalSeconds, 15.75, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 0.25, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 2016, accuracy: 1e-12)
        XCTAssertEqual(e.rounds, 6)
    }

    // Round limit 2 with the same VM: 1024 MiB (8 s) then 512 MiB (4 s) leave 256 MiB dirty,
    // copied while stopped: 256 / 128 = 2 s. total 14 s, sent 1792 MiB, 3 rounds.
    func testPreCopyRoundLimit() {
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 64, bandwidthMiBps: 128,
                                                    maxRounds: 2, stopCopyThresholdMiB: 50)
        XCTAssertEqual(e.totalSeconds, 14, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 2, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 1792, accuracy: 1e-12)
        XCTAssertEqual(e.rounds, 3)
    }

    // Dirty rate 256 ≥ bandwidth 128: round 1 (8 s) dirties min(1024, 2048) = 1024 MiB, no
    // smaller than what it sent, so pre-copy gives up: stop and copy 1024 MiB (8 s downtime).
    // total 16 s, sent 2048 MiB, 2 rounds.
    func testPreCopyWritableWorkingSetTooLarge() {
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 256, bandwidthMiBps: 128)
        XCTAssertEqual(e.totalSeconds, 16, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 8, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 2048, accuracy: 1e-12)
        XCTAssertEqual(e.rounds, 2)
    }

    // Idle VM: one round of 1024 MiB (8 s), nothing dirtied, zero downtime.
    func testPreCopyIdleVM() {
        let e = LiveMigrationModel.preCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 0, bandwidthMiBps: 128)
        XCTAssertEqual(e.totalSeconds, 8, accuracy: 1e-12)
        XCTAssertEqual(e.downtimeSeconds, 0, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 1024, accuracy: 1e-12)
    }

    // Post-copy: CPU state 1 MiB → downtime 1/128 = 0.0078125 s; memory once: 8 s; total
    // 8.0078125 s; 1025 MiB sent; page-fault stalls 10 % of the 8 s transfer = 0.8 s.
    func testPostCopy() {
        let e = LiveMigrationModel.postCopy.estimate(memoryMiB: 1024, dirtyRateMiBps: 64, bandwidthMiBps: 128,
                                                     cpuStateMiB: 1, pageFaultFraction: 0.1)
        XCTAssertEqual(e.downtimeSeconds, 0.0078125, accuracy: 1e-12)
        XCTAssertEqual(e.totalSeconds, 8.0078125, accuracy: 1e-12)
        XCTAssertEqual(e.transferredMiB, 1025, accuracy: 1e-12)
        XCTAssertEqual(e.degradationSeconds, 0.8, accuracy: 1e-12)
    }

    /// Two sites A, B linked at 64 MiB/s without shared storage; a 512 MiB idle VM with a 1 GiB disk.
    func wideAreaInstance() -> Instance {
        Instance(name: "wan", dimensions: ["cpu", "mem"],
                 hosts: [Host(id: "a1", capacity: ResourceVector([100, 4096]), site: "A"),
                         Host(id: "a2", capacity: ResourceVector([100, 4096]), site: "A"),
                         Host(id: "b1", capacity: ResourceVector([100, 4096]), site: "B")],
                 vms: [VirtualMachine(id: "v", demand: ResourceVector([10, 512]), diskGiB: 1, currentHost: 0)],
                 network: NetworkModel(bandwidthMiBps: 128, links: [.init(siteA: "A", siteB: "B", bandwidthMiBps: 64)]))
    }

    // Memory comes from the memory dimension (512 MiB). Inside site A: 512 / 128 = 4 s, no disk.
    // To B: memory 512 / 64 = 8 s + disk 1024 / 64 = 16 s = 24 s, 1536 MiB. With the link
    // shared by 2 moves: 32 MiB/s → 16 + 32 = 48 s.
    func testInstanceEstimateUsesLinkAndDisk() {
        let instance = wideAreaInstance()
        XCTAssertEqual(instance.migrationEstimate(vm: 0, from: 0, to: 1).totalSeconds, 4, accuracy: 1e-12)
        let wan = instance.migrationEstimate(vm: 0, from: 0, to: 2)
        XCTAssertEqual(wan.totalSeconds, 24, accuracy: 1e-12)
        XCTAssertEqual(wan.transferredMiB, 1536, accuracy: 1e-12)
        XCTAssertEqual(instance.migrationEstimate(vm: 0, from: 0, to: 2, sharingBandwidthWith: 2).totalSeconds, 48, accuracy: 1e-12)
    }

    // THE migration cost: the estimate's time, 0 for no move, the explicit cost when given, and
    // the same for a hop from an intermediate host (b1 → a2: 24 s like a1 → b1).
    func testMigrationCostIsTheEstimateOrExplicit() {
        var instance = wideAreaInstance()
        XCTAssertEqual(instance.migrationCost(vm: 0, to: 0), 0)
        XCTAssertEqual(instance.migrationCost(vm: 0, to: 2), 24, accuracy: 1e-12)
        XCTAssertEqual(instance.migrationCost(vm: 0, from: 2, to: 1), 24, accuracy: 1e-12)
        XCTAssertEqual(instance.migrationCost(vm: 0, from: nil, to: 1), 0)
        instance.vms[0].migrationCost = 7
        XCTAssertEqual(instance.migrationCost(vm: 0, to: 2), 7)
    }
}
