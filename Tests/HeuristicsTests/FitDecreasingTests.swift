import PlacementModel
import TestSupport
import XCTest
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
        // Every measure: the fast path computes sizes (and weighted-sum weights) from its own flat arrays.
        for seed in UInt64(1)...60 {
            var instance = RandomInstances.make(seed: seed, vms: 60, hosts: 40, dimensions: 3, demandRange: 5...60)
            let measure = SizeMeasure.allCases[Int(seed) % SizeMeasure.allCases.count]
            let fast = try FitDecreasing(measure: measure).solve(instance, goal: .place, options: SolveOptions())
            instance.antiAffinity = [PlacementRule(name: "none", vms: [0])]
            let general = try FitDecreasing(measure: measure).solve(instance, goal: .place, options: SolveOptions())
            XCTAssertEqual(fast.placement, general.placement, "seed \(seed) \(measure)")
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

    func testDecreasingOrderIsTheClosureSortOrder() {
        // Many ties (keys from a small set), ±0, infinities, negatives; sizes on both sides of the
        // radix sort's threshold; a NaN key falls back to the closure sort.
        var random = SplitMix64(seed: 7)
        let values: [Double] = [0, -0.0, 1, 0.5, 0.25, 3, .infinity, -.infinity, -2, 1e-300, 7.5e12, 0.1 + 0.2, 0.3]
        for n in [0, 1, 2, 17, 255, 256, 300, 1000, 5000] {
            for trial in 0..<3 {
                var key = (0..<n).map { _ in trial == 0 ? values[Int(random.next() % UInt64(values.count))] : Double(random.next() % 1000) / 7 }
                if trial == 2 && n > 3 { key[n / 2] = .nan }
                let expected = (0..<n).sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
                XCTAssertEqual(PackingSupport.decreasingOrder(key), expected, "n \(n) trial \(trial)")
            }
        }
    }

    func testCheckReportsEveryProblemInOrder() {
        var hosts = [TestInstances.host("h0", [10, 10]), TestInstances.host("h1", [10]), TestInstances.host("h2", [10, -1]),
                     TestInstances.host("h3", [.infinity, 1])]
        hosts[0].overloadThreshold = [0.9]
        var vms = [TestInstances.vm("a", [1, 1], on: 4), TestInstances.vm("b", [1, .nan]), TestInstances.vm("c", [1, 2, 3])]
        vms[0].allowedHosts = [0, 9]
        vms[1].forbiddenHosts = [-1]
        vms[2].allowedHosts = [1]
        vms[2].forbiddenHosts = [3]
        var instance = Instance(name: "bad", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
        instance.affinity = [PlacementRule(name: "r", vms: [0, 5])]
        instance.traffic = [VirtualMachinePair(1, 3, amount: 1)]
        instance.memoryDimension = 2
        XCTAssertThrowsError(try PackingSupport.check(instance)) { error in
            XCTAssertEqual((error as? InvalidInput)?.diagnostics.map { "\($0.path): \($0.message)" }, [
                "hosts[1].capacity: 1 values, 2 dimensions expected",
                "hosts[2].capacity: finite values ≥ 0 expected",
                "hosts[3].capacity: finite values ≥ 0 expected",
                "vms[0].currentHost: host index 4 out of range 0..<4",
                "vms[0].allowedHosts: host index out of range 0..<4",
                "vms[1].demand: finite values ≥ 0 expected",
                "vms[1].forbiddenHosts: host index out of range 0..<4",
                "vms[2].demand: 3 values, 2 dimensions expected",
                "affinity[0].vms: VM index out of range 0..<3",
                "traffic[0]: VM index out of range 0..<3",
                "hosts[0].overloadThreshold: 2 values expected",
                "memoryDimension: index 2 out of range",
            ])
        }
        XCTAssertNoThrow(try PackingSupport.check(Instance(name: "ok", dimensions: ["cpu"], hosts: [TestInstances.host("h", [0])],
                                                           vms: [TestInstances.vm("v", [-0.0], on: 0)])))
    }

    func testDemandTypesNumberEqualVectorsInOrderOfFirstAppearance() {
        var random = SplitMix64(seed: 11)
        for (n, d) in [(0, 2), (1, 1), (40, 1), (500, 3), (700, 5)] {
            // Few distinct values so that vectors repeat; −0 equals +0.
            let values: [Double] = [0, -0.0, 1, 2.5]
            let demand = (0..<(n * d)).map { _ in values[Int(random.next() % 4)] }
            var expected: [Int] = [], count = 0
            for v in 0..<n {
                if let w = (0..<v).first(where: { w in (0..<d).allSatisfy { demand[w * d + $0] == demand[v * d + $0] } }) {
                    expected.append(expected[w])
                } else {
                    expected.append(count)
                    count += 1
                }
            }
            let (typeOf, typeCount) = PackingSupport.demandTypes(demand, count: n, dimensions: d)
            XCTAssertEqual(typeOf, expected, "n \(n) d \(d)")
            XCTAssertEqual(typeCount, count, "n \(n) d \(d)")
        }
    }
}
