import PlacementModel
import XCTest
@testable import Migration

final class GangMigrationTests: XCTestCase {
    /// Three idle 1024 MiB VMs on h0; v0 and v1 share 512 MiB of pages; 128 MiB/s links.
    func instance(shared: Double = 512) -> Instance {
        Instance(name: "gang", dimensions: ["cpu", "mem"],
                 hosts: (0..<3).map { Host(id: "h\($0)", capacity: ResourceVector([100, 8192])) },
                 vms: (0..<3).map { VirtualMachine(id: "v\($0)", demand: ResourceVector([10, 1024]), currentHost: 0) },
                 sharedMemory: [VirtualMachinePair(0, 1, amount: shared)],
                 network: NetworkModel(bandwidthMiBps: 128))
    }

    // v0 and v1 to h1 together: 1024 + 1024 − 512 = 1536 MiB in one idle pre-copy round:
    // 1536 / 128 = 12 s, against 8 + 8 = 16 s and 2048 MiB one by one; 512 MiB saved.
    func testSharedPagesAreSentOnce() throws {
        let gang = try GangMigration.estimate(instance: instance(), moves: [MigrationMove(vm: 0, from: 0, to: 1),
                                                                             MigrationMove(vm: 1, from: 0, to: 1)])
        XCTAssertEqual(gang.totalSeconds, 12, accuracy: 1e-12)
        XCTAssertEqual(gang.transferredMiB, 1536, accuracy: 1e-12)
        XCTAssertEqual(gang.savedMiB, 512, accuracy: 1e-12)
        XCTAssertEqual(gang.individualTotalSeconds, 16, accuracy: 1e-12)
        XCTAssertEqual(gang.individualTransferredMiB, 2048, accuracy: 1e-12)
    }

    // To different destinations nothing is deduplicated: v0 → h1 (8 s) and v1 → h2 (8 s) share
    // the source's link, 16 s in all; v2 joining v0 at h1 shares nothing with it.
    func testSharingOnlyWithinOneDestination() throws {
        let gang = try GangMigration.estimate(instance: instance(), moves: [MigrationMove(vm: 0, from: 0, to: 1),
                                                                             MigrationMove(vm: 1, from: 0, to: 2),
                                                                             MigrationMove(vm: 2, from: 0, to: 1)])
        XCTAssertEqual(gang.subGangs.map(\.destination), [1, 2])
        XCTAssertEqual(gang.savedMiB, 0)
        XCTAssertEqual(gang.totalSeconds, 24, accuracy: 1e-12)
    }

    // Pairwise shares larger than a VM cannot make the gang smaller than its largest member:
    // max(1024, 2048 − 3000) = 1024 MiB → 8 s.
    func testSavingsAreClamped() throws {
        let gang = try GangMigration.estimate(instance: instance(shared: 3000), moves: [MigrationMove(vm: 0, from: 0, to: 1),
                                                                                         MigrationMove(vm: 1, from: 0, to: 1)])
        XCTAssertEqual(gang.transferredMiB, 1024, accuracy: 1e-12)
        XCTAssertEqual(gang.totalSeconds, 8, accuracy: 1e-12)
    }

    // Aggregate pre-copy with dirtying: v0, v1 dirty 32 MiB/s each → gang dirty rate 64 MiB/s on
    // 1536 MiB: rounds 1536 (12 s) → 768 (6 s) → 384 (3 s) → 192 (1.5 s) → 96 (0.75 s) → 48 ≤ 50
    // stop-and-copy 48 / 128 = 0.375 s. total 23.625 s, downtime 0.375 s.
    func testGangPreCopyWithDirtying() throws {
        var instance = instance()
        instance.vms[0].dirtyRateMiBps = 32
        instance.vms[1].dirtyRateMiBps = 32
        let gang = try GangMigration.estimate(instance: instance, moves: [MigrationMove(vm: 0, from: 0, to: 1),
                                                                           MigrationMove(vm: 1, from: 0, to: 1)])
        XCTAssertEqual(gang.totalSeconds, 23.625, accuracy: 1e-12)
        XCTAssertEqual(gang.downtimeSeconds, 0.375, accuracy: 1e-12)
    }

    // In a plan, v0 and v1 (h0 → h1, one wave) as a gang: one transfer of 1536 MiB at the full
    // 128 MiB/s → 12 s, 1536 MiB. Without gangs they split the bandwidth: 1024 / 64 = 16 s each,
    // 2048 MiB.
    func testPlannerUsesGangsWhenAsked() throws {
        let instance = instance()
        let target = Placement(hostOfVM: [1, 1, 0])
        let separate = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        let ganged = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target,
                                               options: .init(gangMigration: true))
        XCTAssertEqual(separate.waves.count, 1)
        XCTAssertEqual(ganged.waves.count, 1)
        let separateReport = MigrationPlanner.summary(instance: instance, plan: separate)
        let gangReport = MigrationPlanner.summary(instance: instance, plan: ganged)
        XCTAssertEqual(separateReport.makespanSeconds, 16, accuracy: 1e-12)
        XCTAssertEqual(separateReport.transferredMiB, 2048, accuracy: 1e-12)
        XCTAssertEqual(gangReport.makespanSeconds, 12, accuracy: 1e-12)
        XCTAssertEqual(gangReport.transferredMiB, 1536, accuracy: 1e-12)
        XCTAssertEqual(PlacementChecker.checkPlan(instance, ganged, from: instance.currentPlacement, to: target), [])
    }

    func testBadGangsAreErrors() {
        XCTAssertThrowsError(try GangMigration.estimate(instance: instance(), moves: []))
        XCTAssertThrowsError(try GangMigration.estimate(instance: instance(), moves: [MigrationMove(vm: 0, from: 0, to: 1),
                                                                                     MigrationMove(vm: 1, from: 2, to: 1)]))
        XCTAssertThrowsError(try GangMigration.estimate(instance: instance(), moves: [MigrationMove(vm: 9, from: 0, to: 1)]))
    }
}
