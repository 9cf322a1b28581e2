import XCTest
import PlacementModel
import TestSupport
@testable import Heuristics

final class HostLowerBoundTests: XCTestCase {
    func identical(_ demands: [[Double]], capacity: [Double]) -> Instance {
        Instance(name: "bound", dimensions: capacity.indices.map { "r\($0)" },
                 hosts: demands.indices.map { TestInstances.host("h\($0)", capacity) },
                 vms: demands.enumerated().map { TestInstances.vm("v\($0.offset)", $0.element) })
    }

    /// Fewest hosts of any packing, by exhaustive search (VM i goes to a used host or the next
    /// empty one), for tiny instances.
    func optimum(_ instance: Instance) -> Int {
        let d = instance.dimensionCount
        let capacity = instance.hosts[0].capacity.values
        var loads: [[Double]] = []
        var best = instance.vms.count
        func place(_ v: Int) {
            if loads.count >= best { return }
            if v == instance.vms.count { best = loads.count; return }
            let demand = instance.vms[v].demand.values
            for h in loads.indices where (0..<d).allSatisfy({ loads[h][$0] + demand[$0] <= capacity[$0] }) {
                for k in 0..<d { loads[h][k] += demand[k] }
                place(v + 1)
                for k in 0..<d { loads[h][k] -= demand[k] }
            }
            loads.append(demand)
            place(v + 1)
            loads.removeLast()
        }
        place(0)
        return best
    }

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
        for seed in UInt64(1)...150 {
            let small = RandomInstances.make(seed: seed, vms: 3 + Int(seed % 6), hosts: 8, dimensions: 1 + Int(seed % 3), demandRange: 10...70)
            XCTAssertLessThanOrEqual(HostLowerBound.hosts(small), optimum(small), "seed \(seed)")
            XCTAssertGreaterThanOrEqual(HostLowerBound.hosts(small), 1, "seed \(seed)")
        }
        for seed in UInt64(1)...40 {
            let instance = RandomInstances.make(seed: seed, vms: 30, hosts: 30, dimensions: 1 + Int(seed % 4), demandRange: 5...60)
            let bound = HostLowerBound.hosts(instance)
            for method in HeuristicCatalogue.packingMethods {
                let result = try method.solve(instance, goal: .place, options: SolveOptions())
                guard result.unplaced.isEmpty, let placement = result.placement else { continue }
                XCTAssertLessThanOrEqual(bound, placement.usedHosts.count, "\(method.name) seed \(seed)")
            }
        }
    }
}
