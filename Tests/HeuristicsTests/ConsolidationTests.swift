import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class ConsolidationTests: XCTestCase {
    let variants = HeuristicCatalogue.goalMethods.filter { $0.name.hasPrefix("consolidate-") }

    func testEmptiesLightHostsIntoLoadedOne() throws {
        let instance = Instance(name: "c", dimensions: ["cpu", "mem"], hosts: (0..<4).map { TestInstances.host("h\($0)", [100, 100]) },
                                vms: [TestInstances.vm("big", [60, 60], on: 0), TestInstances.vm("s1", [10, 10], on: 1),
                                      TestInstances.vm("s2", [10, 10], on: 2), TestInstances.vm("s3", [10, 10], on: 3)])
        for method in variants {
            let result = try method.solve(instance, goal: .consolidate, options: SolveOptions())
            let placement = try XCTUnwrap(result.placement)
            XCTAssertEqual(placement.usedHosts, [0], method.name)
            XCTAssertEqual(instance.migrationCount(placement), 3, method.name)
        }
    }

    func testNeverAboveThresholdAndPinnedStays() throws {
        var instance = Instance(name: "c", dimensions: ["cpu"], hosts: (0..<3).map { TestInstances.host("h\($0)", [100]) },
                                vms: [TestInstances.vm("a", [50], on: 0), TestInstances.vm("b", [30], on: 1), TestInstances.vm("p", [5], on: 2)],
                                overloadThreshold: [0.7])
        instance.vms[2].pinned = true
        let result = try Consolidation(variant: "ffd", selection: SizeMeasureSelection(measure: .sum), destination: FirstFitDestination())
            .solve(instance, goal: .consolidate, options: SolveOptions())
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(placement[2], 2)                 // pinned
        XCTAssertNotEqual(placement[0], placement[1])   // 50 + 30 > 70: a and b never share a host
        XCTAssertEqual(placement.usedHosts.count, 2)    // one of them joins p (≤ 70), the other stays
        for (h, load) in instance.hostLoads(placement).enumerated() { XCTAssertLessThanOrEqual(load[0], 70 + 1e-9, "host \(h)") }
    }

    func testPropertyValidNoMoreHostsWithinBudgetDeterministic() throws {
        for seed in UInt64(1)...120 {
            let instance = TestInstances.make(seed)
            let before = instance.currentPlacement.usedHosts.count
            let newcomers = instance.vms.filter { $0.currentHost == nil }.count
            let budget: Int? = seed % 4 == 0 ? 2 : nil
            for method in variants {
                let result = try method.solve(instance, goal: .consolidate, options: SolveOptions(migrationBudget: budget))
                TestInstances.assertValid(result, instance, "\(method.name) seed \(seed)")
                let placement = try XCTUnwrap(result.placement)
                if newcomers == 0 { XCTAssertLessThanOrEqual(placement.usedHosts.count, before, "\(method.name) seed \(seed)") }
                if let budget { XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(placement), budget, "\(method.name) seed \(seed)") }
                // Receivers stay under their thresholds.
                let loads = instance.hostLoads(placement)
                for vm in placement.movedVMs(from: instance.currentPlacement) {
                    let h = placement[vm]!
                    for k in 0..<instance.dimensionCount {
                        XCTAssertLessThanOrEqual(loads[h][k], instance.overloadThreshold(host: h, dimension: k) * instance.hosts[h].capacity[k] + 1e-6,
                                                 "\(method.name) seed \(seed)")
                    }
                }
                XCTAssertEqual(placement, try method.solve(instance, goal: .consolidate, options: SolveOptions(migrationBudget: budget)).placement)
            }
        }
    }
}
