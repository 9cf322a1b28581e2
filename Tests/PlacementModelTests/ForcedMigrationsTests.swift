import PlacementModel
import TestSupport
import XCTest
import struct PlacementModel.Host

/// The migration budget rule: which moves are forced (exempt) and which voluntary.
final class ForcedMigrationsTests: XCTestCase {
    func host(_ id: String, _ capacity: Double = 10, state: HostState = .on) -> Host {
        Host(id: id, capacity: ResourceVector([capacity]), state: state)
    }

    func vm(_ id: String, _ demand: Double, on host: Int?, memory: Double? = nil, pinned: Bool = false) -> VirtualMachine {
        VirtualMachine(id: id, demand: ResourceVector([demand]), memoryMiB: memory, currentHost: host, pinned: pinned)
    }

    func testMaintenanceAndHostRestrictionsForceAMove() {
        var instance = Instance(name: "m", dimensions: ["cpu"], hosts: [host("a", state: .maintenance), host("b"), host("c")],
                                vms: [vm("x", 1, on: 0), vm("y", 1, on: 1), vm("z", 1, on: 2), vm("new", 1, on: nil)])
        instance.vms[2].forbiddenHosts = [2]
        let forced = instance.forcedMigrations
        XCTAssertEqual(forced.evicted, [0, 2])
        XCTAssertEqual((0..<4).map { forced.contains($0) }, [true, false, true, false])
        // x and z move (forced), y moves (voluntary), the new VM is placed (no migration).
        let placement = Placement(hostOfVM: [1, 2, 1, 0])
        XCTAssertEqual(forced.count(instance, placement).forced, 2)
        XCTAssertEqual(forced.count(instance, placement).voluntary, 1)
        XCTAssertEqual(instance.voluntaryMigrationCount(placement), 1)
        XCTAssertEqual(instance.migrationCount(placement), 3)
    }

    func testAntiAffinityEvictsAllButTheFirstMemberPinnedFirst() {
        var instance = Instance(name: "anti", dimensions: ["cpu"], hosts: [host("a"), host("b")],
                                vms: [vm("p", 1, on: 0), vm("q", 1, on: 0), vm("r", 1, on: 0)],
                                antiAffinity: [PlacementRule(name: "spread", vms: [0, 1, 2])])
        XCTAssertEqual(instance.forcedMigrations.evicted, [1, 2])
        instance.vms[2].pinned = true
        XCTAssertEqual(instance.forcedMigrations.evicted, [0, 1], "the pinned member keeps the host")
    }

    func testAffinityPartnersOfAnEvictedVMMoveForced() {
        // c1 on a, c2 on the maintenance host m: c2 is evicted; c1 may have to move with it.
        let instance = Instance(name: "aff", dimensions: ["cpu"], hosts: [host("a"), host("m", state: .maintenance), host("b")],
                                vms: [vm("c1", 9, on: 0), vm("c2", 2, on: 1), vm("other", 1, on: 2)],
                                affinity: [PlacementRule(name: "pair", vms: [0, 1])])
        let forced = instance.forcedMigrations
        XCTAssertEqual(forced.evicted, [1])
        XCTAssertTrue(forced.contains(0), "the group's other member moves forced")
        XCTAssertFalse(forced.contains(2))
        XCTAssertEqual(instance.voluntaryMigrationCount(Placement(hostOfVM: [2, 2, 0])), 1, "only other's move counts")
        // A split group without an evicted member: the members off the group's host are evicted.
        let split = Instance(name: "split", dimensions: ["cpu"], hosts: [host("a"), host("b")],
                             vms: [vm("x", 1, on: 0), vm("y", 1, on: 1), vm("z", 1, on: 1)],
                             affinity: [PlacementRule(name: "trio", vms: [0, 1, 2])])
        XCTAssertEqual(split.forcedMigrations.evicted, [0])
    }

    func testCapacityEvictsLeastMemoryFirstUnlessExcluded() {
        let instance = Instance(name: "cap", dimensions: ["cpu"], hosts: [host("a"), host("b")],
                                vms: [vm("big", 6, on: 0, memory: 4096), vm("small", 3, on: 0, memory: 512), vm("mid", 3, on: 0, memory: 1024)])
        XCTAssertEqual(instance.forcedMigrations.evicted, [1])
        XCTAssertEqual(ForcedMigrations(instance, includingCapacity: false).evicted, [])
    }

    func testAValidCurrentPlacementForcesNothing() {
        for seed in UInt64(0)..<50 {
            let instance = RandomInstances.make(seed: seed, vms: 12, hosts: 5, withCurrentPlacement: true)
            guard PlacementChecker.check(instance, instance.currentPlacement, options: .init(allowUnplaced: true)).isEmpty else { continue }
            XCTAssertEqual(instance.forcedMigrations.evicted, [], "seed \(seed)")
            let moved = Placement(hostOfVM: instance.currentPlacement.hostOfVM.map { $0.map { ($0 + 1) % 5 } })
            XCTAssertEqual(instance.voluntaryMigrationCount(moved), instance.migrationCount(moved), "seed \(seed)")
        }
    }
}
