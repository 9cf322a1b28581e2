import PlacementModel
import XCTest
@testable import Migration

final class WideAreaMigrationTests: XCTestCase {
    /// Sites A, B (link: no shared storage, other subnet), C (link to A: shared storage, same
    /// subnet), D (no declared link); one host per site plus a second in A and one without site.
    func instance() -> Instance {
        Instance(name: "wan", dimensions: ["cpu", "mem"],
                 hosts: [Host(id: "a1", capacity: ResourceVector([100, 4096]), site: "A"),
                         Host(id: "a2", capacity: ResourceVector([100, 4096]), site: "A"),
                         Host(id: "b1", capacity: ResourceVector([100, 4096]), site: "B"),
                         Host(id: "c1", capacity: ResourceVector([100, 4096]), site: "C"),
                         Host(id: "d1", capacity: ResourceVector([100, 4096]), site: "D"),
                         Host(id: "x", capacity: ResourceVector([100, 4096]))],
                 vms: [VirtualMachine(id: "v", demand: ResourceVector([10, 512]), diskGiB: 2, currentHost: 0)],
                 network: NetworkModel(links: [.init(siteA: "A", siteB: "B", bandwidthMiBps: 64),
                                               .init(siteA: "C", siteB: "A", bandwidthMiBps: 64, sharedStorage: true, sameSubnet: true)]))
    }

    func testPerMoveNeeds() {
        let instance = instance()
        let local = WideAreaMigration.assess(instance: instance, vm: 0, from: 0, to: 1)
        XCTAssertFalse(local.crossesSites || local.copiesDisk || local.needsIPReconfiguration)
        let toB = WideAreaMigration.assess(instance: instance, vm: 0, from: 0, to: 2)
        XCTAssertTrue(toB.crossesSites && toB.copiesDisk && toB.needsIPReconfiguration)
        XCTAssertEqual(toB.diskMiB, 2048)
        let toC = WideAreaMigration.assess(instance: instance, vm: 0, from: 0, to: 3)
        XCTAssertTrue(toC.crossesSites)
        XCTAssertFalse(toC.copiesDisk || toC.needsIPReconfiguration)
        XCTAssertEqual(toC.diskMiB, 0)
        let toD = WideAreaMigration.assess(instance: instance, vm: 0, from: 0, to: 4)
        XCTAssertTrue(toD.copiesDisk && toD.needsIPReconfiguration, "no declared link: nothing shared")
        let toUnsited = WideAreaMigration.assess(instance: instance, vm: 0, from: 0, to: 5)
        XCTAssertFalse(toUnsited.crossesSites || toUnsited.copiesDisk || toUnsited.needsIPReconfiguration)
    }

    // The plan report counts the WAN needs of each move: v → b1 copies 2 GiB and needs a new IP.
    // Time: memory 512 / 64 = 8 s + disk 2048 / 64 = 32 s = 40 s.
    func testPlanReportCountsWideAreaMoves() throws {
        let instance = instance()
        let target = Placement(hostOfVM: [2])
        let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: target)
        XCTAssertEqual(report.diskCopyMoves, 1)
        XCTAssertEqual(report.ipReconfigurationMoves, 1)
        XCTAssertEqual(report.makespanSeconds, 40, accuracy: 1e-12)
        XCTAssertEqual(report.transferredMiB, 512 + 2048, accuracy: 1e-12)
        XCTAssertEqual(report.moves.first?.to, "b1")
    }
}
