import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class BinCentricPackingTests: XCTestCase {
    func testPropertyValidAndDeterministic() throws {
        for seed in UInt64(1)...120 {
            let instance = TestInstances.make(seed)
            for score in BinCentricPacking.Score.allCases {
                for weighting in BinCentricPacking.Weighting.allCases where seed % 2 == 0 || weighting == .uniform {
                    let method = BinCentricPacking(score: score, weighting: weighting)
                    let result = try method.solve(instance, goal: .place, options: SolveOptions())
                    TestInstances.assertValid(result, instance, "\(method.name) seed \(seed)")
                    XCTAssertEqual(result.placement, try method.solve(instance, goal: .place, options: SolveOptions()).placement)
                }
            }
        }
    }

    func testDotProductPairsComplementaryVMs() throws {
        // Two CPU-heavy and two memory-heavy VMs; each pair (cpu-heavy + memory-heavy) fills a host.
        // FFD by sum takes them in index order of equal size and pairs like with like on
        // dimension-by-dimension fit only when it can; bin-centric dot product pairs opposites.
        let instance = Instance(name: "pairs", dimensions: ["cpu", "mem"], hosts: (0..<4).map { TestInstances.host("h\($0)", [10, 10]) },
                                vms: [TestInstances.vm("c1", [6, 4]), TestInstances.vm("c2", [6, 4]),
                                      TestInstances.vm("m1", [4, 6]), TestInstances.vm("m2", [4, 6])])
        let placement = try XCTUnwrap(BinCentricPacking(score: .dot).solve(instance, goal: .place, options: SolveOptions()).placement)
        XCTAssertEqual(placement.usedHosts.count, 2)
        XCTAssertNotEqual(placement[0], placement[1])
        XCTAssertNotEqual(placement[2], placement[3])
    }
}

final class MultiBinPackingTests: XCTestCase {
    func testPropertyValidAndDeterministic() throws {
        for seed in UInt64(1)...120 {
            let instance = TestInstances.make(seed)
            for method in [MultiBinPacking(rule: .pairing), MultiBinPacking(rule: .wfd), MultiBinPacking(rule: .wfd, averageWeights: true)] {
                let result = try method.solve(instance, goal: .place, options: SolveOptions())
                TestInstances.assertValid(result, instance, "\(method.name) seed \(seed)")
                XCTAssertEqual(result.placement, try method.solve(instance, goal: .place, options: SolveOptions()).placement)
            }
        }
    }

    func testReachesLowerBoundOnPerfectTriplets() throws {
        // Three VM shapes summing exactly to the capacity, four of each: LB = 4 hosts.
        var vms: [VirtualMachine] = []
        for i in 0..<4 {
            vms.append(TestInstances.vm("a\(i)", [50, 20]))
            vms.append(TestInstances.vm("b\(i)", [30, 30]))
            vms.append(TestInstances.vm("c\(i)", [20, 50]))
        }
        let instance = Instance(name: "triplets", dimensions: ["cpu", "mem"], hosts: (0..<12).map { TestInstances.host("h\($0)", [100, 100]) }, vms: vms)
        for method in [MultiBinPacking(rule: .pairing), MultiBinPacking(rule: .wfd)] {
            let placement = try XCTUnwrap(method.solve(instance, goal: .place, options: SolveOptions()).placement)
            XCTAssertEqual(placement.usedHosts.count, 4, method.name)
            XCTAssertEqual(PlacementChecker.check(instance, placement), [])
        }
    }
}
