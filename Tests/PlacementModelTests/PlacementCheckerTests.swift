import PlacementModel
import TestSupport
import XCTest

final class PlacementCheckerTests: XCTestCase {
    /// Two hosts (10, 10), VMs a (6, 2), b (5, 5), c (3, 3).
    func makeInstance() -> Instance {
        Instance(name: "t", dimensions: ["cpu", "mem"],
                 hosts: [Host(id: "h1", capacity: ResourceVector([10, 10])), Host(id: "h2", capacity: ResourceVector([10, 10]))],
                 vms: [VirtualMachine(id: "a", demand: ResourceVector([6, 2])),
                       VirtualMachine(id: "b", demand: ResourceVector([5, 5])),
                       VirtualMachine(id: "c", demand: ResourceVector([3, 3]))])
    }

    func testFeasiblePlacementHasNoViolation() {
        XCTAssertEqual(PlacementChecker.check(makeInstance(), Placement(hostOfVM: [0, 1, 0])), [])
    }

    func testCapacityViolationNamesHostDimensionAndLoad() {
        let violations = PlacementChecker.check(makeInstance(), Placement(hostOfVM: [0, 0, 1]))
        XCTAssertEqual(violations.map(\.description), ["capacity: host h1 cpu: load 11 exceeds capacity 10"])
    }

    func testUnplacedIsAViolationUnlessAllowed() {
        let placement = Placement(hostOfVM: [0, nil, 1])
        XCTAssertEqual(PlacementChecker.check(makeInstance(), placement).map(\.kind), [.unplaced])
        XCTAssertEqual(PlacementChecker.check(makeInstance(), placement, options: .init(allowUnplaced: true)), [])
    }

    func testRulesPinningEligibilityAndMaintenance() {
        var instance = makeInstance()
        instance.hosts.append(Host(id: "m", capacity: ResourceVector([10, 10]), state: .maintenance))
        instance.vms[0].currentHost = 0
        instance.vms[0].pinned = true
        instance.vms[1].forbiddenHosts = [1]
        instance.vms[2].allowedHosts = [0]
        instance.antiAffinity = [PlacementRule(name: "apart", vms: [1, 2])]
        let violations = PlacementChecker.check(instance, Placement(hostOfVM: [1, 1, 2]))
        // a (6) + b (5) on h2 also exceed its 10 CPUs.
        XCTAssertEqual(violations.map(\.kind), [.pinned, .notEligible, .maintenance, .notEligible, .capacity])
        instance.antiAffinity = [PlacementRule(name: "apart", vms: [0, 2])]
        instance.affinity = [PlacementRule(name: "together", vms: [1, 2])]
        instance.vms[1].forbiddenHosts = []
        let ruleViolations = PlacementChecker.check(instance, Placement(hostOfVM: [0, 1, 0]))
        XCTAssertEqual(ruleViolations.map(\.kind), [.antiAffinity, .affinity])
    }

    func testSharedMemoryIsCountedOnceWhenCoLocated() {
        var instance = makeInstance()
        instance.dimensions = ["cpu", "mem"]
        instance.memoryDimension = 1
        instance.vms[1].demand = ResourceVector([4, 8])
        instance.vms[2].demand = ResourceVector([3, 4])
        // b + c = 12 memory on one host: over 10 unless they share ≥ 2.
        XCTAssertEqual(PlacementChecker.check(instance, Placement(hostOfVM: [0, 1, 1])).map(\.kind), [.capacity])
        instance.sharedMemory = [VirtualMachinePair(1, 2, amount: 2)]
        XCTAssertEqual(PlacementChecker.check(instance, Placement(hostOfVM: [0, 1, 1])), [])
        XCTAssertEqual(instance.hostLoads(Placement(hostOfVM: [0, 1, 1]))[1], ResourceVector([7, 10]))
    }

    func testOverloadThresholdsOnlyWhenAsked() {
        var instance = makeInstance()
        instance.overloadThreshold = [0.8, 1]
        let placement = Placement(hostOfVM: [0, 1, 1])  // h2 cpu 8 = 0.8: at the threshold, allowed
        XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: true)), [])
        instance.hosts[1].overloadThreshold = [0.7, 1]
        XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: true)).map(\.kind), [.overloadThreshold])
        XCTAssertEqual(PlacementChecker.check(instance, placement), [])
    }

    func testPlanSwapThroughSpareHostIsSafeButDirectSwapIsNot() {
        // h1 holds a (6, 2), h2 holds b (5, 5); target swaps them; h3 is spare.
        var instance = makeInstance()
        instance.vms.removeLast()
        instance.hosts.append(Host(id: "h3", capacity: ResourceVector([10, 10])))
        instance.vms[0].currentHost = 0
        instance.vms[1].currentHost = 1
        let target = Placement(hostOfVM: [1, 0])
        let direct = MigrationPlan(waves: [[MigrationMove(vm: 0, from: 0, to: 1), MigrationMove(vm: 1, from: 1, to: 0)]])
        let directViolations = PlacementChecker.checkPlan(instance, direct, from: instance.currentPlacement, to: target)
        XCTAssertEqual(directViolations.map(\.kind), [.planStep, .planStep], "both hosts overloaded in flight")
        let viaSpare = MigrationPlan(waves: [[MigrationMove(vm: 0, from: 0, to: 2)], [MigrationMove(vm: 1, from: 1, to: 0)],
                                             [MigrationMove(vm: 0, from: 2, to: 1)]])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, viaSpare, from: instance.currentPlacement, to: target), [])
        let incomplete = MigrationPlan(waves: [[MigrationMove(vm: 0, from: 0, to: 2)]])
        XCTAssertEqual(PlacementChecker.checkPlan(instance, incomplete, from: instance.currentPlacement, to: target).map(\.kind), [.planTarget])
        let wrongSource = MigrationPlan(waves: [[MigrationMove(vm: 0, from: 1, to: 2)]])
        XCTAssertTrue(PlacementChecker.checkPlan(instance, wrongSource, from: instance.currentPlacement, to: target).contains { $0.message.contains("moves from h2 but is on h1") })
    }

    func testPlanConcurrencyLimit() {
        let instance = RandomInstances.make(seed: 1, vms: 6, hosts: 6, capacity: 1000, withCurrentPlacement: true)
        let current = instance.currentPlacement
        var target = current
        let moves = (0..<3).map { vm in MigrationMove(vm: vm, from: current[vm]!, to: 5) }
        for move in moves { target[move.vm] = 5 }
        let plan = MigrationPlan(waves: [moves.filter { $0.from != 5 }])
        let violations = PlacementChecker.checkPlan(instance, plan, from: current, to: target, maxConcurrentPerHost: 2)
        XCTAssertTrue(violations.contains { $0.message.contains("host h6 takes part in") }, "\(violations)")
    }

    func testCheckerAgreesWithBruteForceOnRandomPlacements() {
        var random = SeededGenerator(seed: 42)
        for seed in 0..<200 as Range<UInt64> {
            let instance = RandomInstances.make(seed: seed, vms: 8, hosts: 3, dimensions: 3, antiAffinityGroups: 1)
            let placement = Placement(hostOfVM: instance.vms.indices.map { _ in Int.random(in: 0..<3, using: &random) })
            var overloaded = false
            for h in 0..<3 {
                for k in 0..<3 {
                    let load = instance.vms.indices.filter { placement[$0] == h }.reduce(0.0) { $0 + instance.vms[$1].demand[k] }
                    if load > 100 { overloaded = true }
                }
            }
            let capacityViolations = PlacementChecker.check(instance, placement).filter { $0.kind == .capacity }
            XCTAssertEqual(!capacityViolations.isEmpty, overloaded, "seed \(seed)")
        }
    }
}
