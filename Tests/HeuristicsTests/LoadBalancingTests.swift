import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class LoadBalancingTests: XCTestCase {
    func testSpreadsOverloadedHost() throws {
        let instance = Instance(name: "b", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: [TestInstances.vm("a", [30], on: 0), TestInstances.vm("b", [30], on: 0), TestInstances.vm("c", [20], on: 0), TestInstances.vm("d", [10], on: 1)])
        let result = try LoadBalancing().solve(instance, goal: .balance, options: SolveOptions())
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(instance.maximumUtilisation(placement), 0.5, accuracy: 1e-9)   // 90 → 50/40
        XCTAssertLessThan(instance.objective(of: placement, goal: .balance), instance.objective(of: instance.currentPlacement, goal: .balance))
        let limited = try XCTUnwrap(LoadBalancing().solve(instance, goal: .balance, options: SolveOptions(migrationBudget: 0)).placement)
        XCTAssertEqual(limited, instance.currentPlacement)
    }

    func testPropertyNeverWorseValidWithinBudget() throws {
        for seed in UInt64(1)...150 {
            let instance = TestInstances.make(seed)
            let budget: Int? = seed % 3 == 0 ? Int(seed % 5) : nil
            let result = try LoadBalancing().solve(instance, goal: .balance, options: SolveOptions(migrationBudget: budget))
            TestInstances.assertValid(result, instance, "seed \(seed)")
            let placement = try XCTUnwrap(result.placement)
            if instance.vms.allSatisfy({ $0.currentHost != nil }) {
                XCTAssertLessThanOrEqual(instance.maximumUtilisation(placement), instance.maximumUtilisation(instance.currentPlacement) + 1e-12, "seed \(seed)")
            }
            if let budget { XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(placement), budget, "seed \(seed)") }
            XCTAssertEqual(placement, try LoadBalancing().solve(instance, goal: .balance, options: SolveOptions(migrationBudget: budget)).placement)
        }
    }
}
