import Foundation
import PlacementModel
import XCTest
@testable import Migration

final class PlanReportTests: XCTestCase {
    // Swap through a spare host (see MigrationPlannerTests): three 1024 MiB idle moves, one per
    // wave, each alone on its hosts: 1024 / 128 = 8 s each → makespan 24 s, 3072 MiB, 0 downtime.
    func testSummaryOfSwapThroughSpare() throws {
        var instance = Fixtures.instance(hosts: 3, vms: [(60, 0), (40, 0), (60, 1), (40, 1)])
        for v in instance.vms.indices { instance.vms[v].memoryMiB = 1024 }
        let target = Placement(hostOfVM: [1, 0, 0, 1])
        let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: target)
        XCTAssertTrue(report.reachesTarget)
        XCTAssertEqual(report.moveCount, 3)
        XCTAssertEqual(report.waveCount, 3)
        XCTAssertEqual(report.temporaryMoves, 1)
        XCTAssertEqual(report.waveSeconds, [8, 8, 8])
        XCTAssertEqual(report.makespanSeconds, 24, accuracy: 1e-12)
        XCTAssertEqual(report.transferredMiB, 3072, accuracy: 1e-12)
        XCTAssertEqual(report.totalCost, 24, accuracy: 1e-12)
        XCTAssertEqual(report.blocked, [])
    }

    func testBlockedMovesAreReportedByIDAndEncodable() throws {
        let instance = Fixtures.instance(hosts: 2, vms: [(60, 0), (40, 0), (60, 1), (40, 1)])
        let target = Placement(hostOfVM: [1, 0, 0, 1])
        let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: target)
        XCTAssertFalse(report.reachesTarget)
        XCTAssertEqual(report.blocked.map(\.vm), ["v0", "v2"])
        XCTAssertEqual(report.blocked.map(\.to), ["h1", "h0"])
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        XCTAssertTrue(json.contains("\"blocked\""))
        XCTAssertEqual(try JSONDecoder().decode(PlanReport.self, from: Data(json.utf8)), report)
    }
}
