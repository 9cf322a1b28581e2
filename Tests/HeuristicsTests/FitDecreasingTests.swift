import XCTest
import PlacementModel
import TestSupport
@testable import Heuristics

final class FitDecreasingTests: XCTestCase {
    let methods: [FitDecreasing] = FitDecreasing.Fit.allCases.flatMap { fit in SizeMeasure.allCases.map { FitDecreasing(measure: $0, fit: fit) } }

    func testPropertyNeverOverloadsOrBreaksRulesAndIsDeterministic() throws {
        for seed in UInt64(1)...150 {
            let instance = TestInstances.make(seed)
            for method in methods where seed % 3 == 0 || method.measure == .sum || method.measure == .volume {
                let result = try method.solve(instance, goal: .place, options: SolveOptions())
                TestInstances.assertValid(result, instance, "\(method.name) seed \(seed)")
                let again = try method.solve(instance, goal: .place, options: SolveOptions())
                XCTAssertEqual(result.placement, again.placement, "\(method.name) seed \(seed) deterministic")
            }
        }
    }

    func testFastPathMatchesGeneralPath() throws {
        // A one-VM anti-affinity group constrains nothing but disables the rule-free fast path.
        for seed in UInt64(1)...60 {
            var instance = RandomInstances.make(seed: seed, vms: 60, hosts: 40, dimensions: 3, demandRange: 5...60)
            let fast = try FitDecreasing(measure: .l2).solve(instance, goal: .place, options: SolveOptions())
            instance.antiAffinity = [PlacementRule(name: "none", vms: [0])]
            let general = try FitDecreasing(measure: .l2).solve(instance, goal: .place, options: SolveOptions())
            XCTAssertEqual(fast.placement, general.placement, "seed \(seed)")
        }
    }

    func testClassicOneDimensionalFirstFitDecreasing() throws {
        // Sizes 5,7,5,2,4,2,5,1,6 into bins of 10: FFD packs 7+2+1, 6+4, 5+5, 5+2 → 4 bins.
        let sizes: [Double] = [5, 7, 5, 2, 4, 2, 5, 1, 6]
        let instance = Instance(name: "ffd", dimensions: ["cpu"], hosts: (0..<9).map { TestInstances.host("h\($0)", [10]) },
                                vms: sizes.enumerated().map { TestInstances.vm("v\($0.offset)", [$0.element]) })
        let result = try FitDecreasing(measure: .sum).solve(instance, goal: .place, options: SolveOptions())
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(placement.usedHosts.count, 4)
        XCTAssertEqual(placement[1], 0)   // 7 first, host 0
        XCTAssertEqual(placement[8], 1)   // 6 next, host 1
        XCTAssertEqual(placement[7], 0)   // 1 fills host 0 (7+2+1)
        XCTAssertEqual(try FirstFitDecreasing().solve(instance, goal: .place, options: SolveOptions()).placement, placement)
    }

    func testBestFitPrefersTightestHost() throws {
        // Hosts of 10: after 6 and 5 open two hosts, a 4 goes where it leaves least room (with the 6).
        let instance = Instance(name: "bf", dimensions: ["cpu"], hosts: (0..<3).map { TestInstances.host("h\($0)", [10]) },
                                vms: [TestInstances.vm("a", [5]), TestInstances.vm("b", [6]), TestInstances.vm("c", [4])])
        let best = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .best).solve(instance, goal: .place, options: SolveOptions()).placement)
        XCTAssertEqual(best[2], best[1])
        let first = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
        XCTAssertEqual(first[2], first[1])   // first fit also puts it on host 0 (the 6)
        let worst = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .worst).solve(instance, goal: .place, options: SolveOptions()).placement)
        XCTAssertEqual(worst[2], worst[0])   // worst fit: with the 5
    }

    func testUnplaceableVMIsReportedWithReason() throws {
        let instance = Instance(name: "big", dimensions: ["cpu", "mem"], hosts: [TestInstances.host("h", [10, 10])],
                                vms: [TestInstances.vm("ok", [5, 5]), TestInstances.vm("huge", [20, 1])])
        let result = try FitDecreasing(measure: .max).solve(instance, goal: .place, options: SolveOptions())
        XCTAssertEqual(result.status, .infeasible)
        XCTAssertEqual(result.unplaced.map(\.vm), [1])
        XCTAssertTrue(result.unplaced[0].reason.contains("exceeds the capacity"))
    }

    func testBadInputThrowsNamedError() {
        let instance = Instance(name: "bad", dimensions: ["cpu", "mem"], hosts: [TestInstances.host("h", [10, 10])],
                                vms: [TestInstances.vm("short", [5])])
        XCTAssertThrowsError(try FitDecreasing(measure: .sum).solve(instance, goal: .place, options: SolveOptions())) { error in
            XCTAssertTrue("\(error)".contains("vms[0].demand"))
        }
    }
}
