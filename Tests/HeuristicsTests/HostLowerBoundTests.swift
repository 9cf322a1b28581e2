import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class HostLowerBoundTests: XCTestCase {
    func identical(_ demands: [[Double]], capacity: [Double]) -> Instance {
        Instance(name: "bound", dimensions: capacity.indices.map { "r\($0)" },
                 hosts: demands.indices.map { TestInstances.host("h\($0)", capacity) },
                 vms: demands.enumerated().map { TestInstances.vm("v\($0.offset)", $0.element) })
    }

    func optimum(_ instance: Instance) -> Int { TestInstances.optimumHosts(instance) }

    func testContinuousBound() {
        // Σ = 250 in the first dimension: at least 3 hosts of 100.
        let instance = identical([[50, 1], [50, 1], [50, 1], [50, 1], [50, 1]], capacity: [100, 100])
        XCTAssertEqual(HostLowerBound.hosts(instance), 3)
    }

    func testCardinalityBound() {
        // No three VMs of 34 fit in 100 (102 > 100): 5 VMs need 3 hosts, though Σ = 170 < 200.
        let instance = identical(Array(repeating: [34, 1], count: 5), capacity: [100, 100])
        XCTAssertEqual(HostLowerBound.hosts(instance), 3)
        XCTAssertEqual(optimum(instance), 3)
    }

    /// Compatible pairs form a 5-cycle (VM i fits with i ± 1 only) and no three VMs fit: a
    /// maximum matching has 2 pairs, so 5 − 2 = 3 hosts, more than L1 (2), the cardinality bound
    /// (3 VMs per host by the smallest demands) and any clique of conflicts (2).
    func testMatchingBound() {
        // Each non-adjacent pair shares a dimension where both need 51.
        let demands: [[Double]] = [[51, 1, 1, 51, 1], [1, 51, 1, 1, 51], [51, 1, 51, 1, 1], [1, 51, 1, 51, 1], [1, 1, 51, 1, 51]]
        let instance = identical(demands, capacity: [100, 100, 100, 100, 100])
        XCTAssertEqual(optimum(instance), 3)
        XCTAssertEqual(HostLowerBound.hosts(instance), 3)
    }

    func testCliqueBound() {
        // Every pair conflicts in some dimension: 3 hosts, though L1 = 2 and two VMs fit by
        // the smallest demands of each dimension.
        let instance = identical([[70, 10], [40, 65], [35, 40]], capacity: [100, 100])
        XCTAssertEqual(HostLowerBound.hosts(instance), 3)
        XCTAssertEqual(optimum(instance), 3)
    }

    func testNoBoundForMixedHostsSharingOrMaintenance() {
        var mixed = identical([[50], [50], [50]], capacity: [100])
        XCTAssertEqual(HostLowerBound.hosts(mixed), 2)
        mixed.hosts[0].capacity = ResourceVector([200])
        XCTAssertEqual(HostLowerBound.hosts(mixed), 0)
        var maintenance = identical([[50], [50], [50]], capacity: [100])
        maintenance.hosts[2].state = .maintenance
        XCTAssertEqual(HostLowerBound.hosts(maintenance), 0)
        var sharing = identical([[50, 50], [50, 50], [50, 50]], capacity: [100, 100])
        sharing.sharedMemory = [VirtualMachinePair(0, 1, amount: 40)]
        XCTAssertEqual(HostLowerBound.hosts(sharing), 0)
    }

    /// The bound never exceeds the optimum (tiny seeded instances, exhaustive search) nor the
    /// hosts of any complete packing found by a heuristic (larger ones).
    func testNeverAboveOptimumOrAnyPacking() throws {
        var exact = 0
        for seed in UInt64(1)...150 {
            let small = RandomInstances.make(seed: seed, vms: 3 + Int(seed % 6), hosts: 8, dimensions: 1 + Int(seed % 3), demandRange: 10...70)
            let bound = HostLowerBound.hosts(small), best = optimum(small)
            XCTAssertLessThanOrEqual(bound, best, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(bound, 1, "seed \(seed)")
            // When no three VMs fit one host, the matching bound is exact.
            let n = small.vms.count, d = small.dimensionCount
            func fit(_ vms: [Int]) -> Bool { (0..<d).allSatisfy { k in vms.reduce(0.0) { $0 + small.vms[$1].demand[k] } <= 100 } }
            var triple = false
            for a in 0..<n { for b in (a + 1)..<n { for c in (b + 1)..<max(n, b + 1) where fit([a, b, c]) { triple = true } } }
            if !triple {
                XCTAssertEqual(bound, best, "seed \(seed): no triple fits, the matching bound is exact")
                exact += 1
            }
        }
        XCTAssertGreaterThan(exact, 20, "too few instances exercise the matching bound")
        var compared = 0
        for seed in UInt64(1)...40 {
            let instance = RandomInstances.make(seed: seed, vms: 30, hosts: 30, dimensions: 1 + Int(seed % 4), demandRange: 5...60)
            let bound = HostLowerBound.hosts(instance)
            for method in HeuristicCatalogue.packingMethods {
                let result = try method.solve(instance, goal: .place, options: SolveOptions())
                guard result.unplaced.isEmpty, let placement = result.placement else { continue }
                compared += 1
                XCTAssertLessThanOrEqual(bound, placement.usedHosts.count, "\(method.name) seed \(seed)")
            }
        }
        XCTAssertGreaterThan(compared, 30 * HeuristicCatalogue.packingMethods.count, "most packings are complete and compared")
    }
}
