import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class PairMatchingPackingTests: XCTestCase {
    /// Compatible pairs form a 5-cycle and no three VMs fit: the optimum is 3 hosts (two pairs
    /// and a single).
    func testOptimalOnFiveCycle() throws {
        let demands: [[Double]] = [[51, 1, 1, 51, 1], [1, 51, 1, 1, 51], [51, 1, 51, 1, 1], [1, 51, 1, 51, 1], [1, 1, 51, 1, 51]]
        let instance = Instance(name: "cycle", dimensions: (0..<5).map { "r\($0)" },
                                hosts: (0..<5).map { TestInstances.host("h\($0)", Array(repeating: 100, count: 5)) },
                                vms: demands.enumerated().map { TestInstances.vm("v\($0.offset)", $0.element) })
        let result = try PairMatchingPacking().solve(instance, goal: .place, options: SolveOptions())
        TestInstances.assertValid(result, instance, "cycle")
        XCTAssertEqual(result.placement?.usedHosts.count, 3)
        XCTAssertTrue(result.notes.contains { $0.contains("maximum matching of 2 pair(s)") }, "\(result.notes)")
    }

    /// On seeded instances where no three VMs fit together the packing uses exactly the optimum
    /// (exhaustive search) and the HostLowerBound; otherwise it is the FFD packing, noted; always
    /// valid and deterministic.
    func testOptimalWhenNoTripleFitsElseFirstFitDecreasing() throws {
        var exact = 0, fallback = 0
        for seed in UInt64(1)...120 {
            let instance = RandomInstances.make(seed: seed, vms: 3 + Int(seed % 6), hosts: 8, dimensions: 1 + Int(seed % 3), demandRange: 20...70)
            let result = try PairMatchingPacking().solve(instance, goal: .place, options: SolveOptions())
            TestInstances.assertValid(result, instance, "seed \(seed)")
            let placement = try XCTUnwrap(result.placement)
            XCTAssertEqual(try PairMatchingPacking().solve(instance, goal: .place, options: SolveOptions()).placement, placement, "seed \(seed)")
            let n = instance.vms.count, d = instance.dimensionCount
            func fit(_ vms: [Int]) -> Bool { (0..<d).allSatisfy { k in vms.reduce(0.0) { $0 + instance.vms[$1].demand[k] } <= 100 } }
            var triple = false
            for a in 0..<n { for b in (a + 1)..<n { for c in (b + 1)..<max(n, b + 1) where fit([a, b, c]) { triple = true } } }
            if triple {
                let ffd = try FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: .place, options: SolveOptions())
                XCTAssertEqual(placement, ffd.placement, "seed \(seed): fallback is FFD")
                fallback += 1
            } else {
                XCTAssertEqual(placement.usedHosts.count, TestInstances.optimumHosts(instance), "seed \(seed)")
                XCTAssertEqual(placement.usedHosts.count, HostLowerBound.hosts(instance), "seed \(seed)")
                exact += 1
            }
        }
        XCTAssertGreaterThan(exact, 20)
        XCTAssertGreaterThan(fallback, 10)
    }

    /// With rules (here anti-affinity) the method falls back to FFD and says so.
    func testFallsBackWithRules() throws {
        var instance = RandomInstances.make(seed: 7, vms: 6, hosts: 6, dimensions: 2, demandRange: 40...70)
        instance.antiAffinity = [PlacementRule(name: "apart", vms: [0, 1])]
        let result = try PairMatchingPacking().solve(instance, goal: .place, options: SolveOptions())
        TestInstances.assertValid(result, instance, "rules")
        XCTAssertTrue(result.notes.contains { $0.contains("first-fit decreasing result returned") })
    }
}
