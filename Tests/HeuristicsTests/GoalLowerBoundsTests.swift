import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

/// The goals' certified lower bounds never exceed the optimum (brute force over every placement)
/// and are not vacuous.
final class GoalLowerBoundsTests: XCTestCase {
    /// A tiny running cluster: 5 VMs on 3 hosts in 2 sites (a WAN link), overload thresholds that
    /// leave hot spots, explicit and estimated migration costs, traffic, memory sharing, and on
    /// some seeds a host in maintenance or pinned VMs.
    static func tinyCluster(_ seed: UInt64) -> Instance {
        var instance = RandomInstances.make(seed: seed, vms: 5, hosts: 3, dimensions: 2, capacity: 100, demandRange: 10...45,
                                            withCurrentPlacement: true, antiAffinityGroups: Int(seed % 2), affinityGroups: Int(seed % 3 == 0 ? 1 : 0))
        var random = SplitMix64(seed: seed &+ 17)
        instance.memoryDimension = 1
        instance.overloadThreshold = [0.7, 0.8]
        instance.weights = ObjectiveWeights(hosts: 1, migration: [0.002, 0.01, 0.05][Int(seed % 3)], traffic: 0.001, balance: seed % 4 == 0 ? 0.3 : 0)
        for h in instance.hosts.indices { instance.hosts[h].site = h == 2 ? "west" : "east" }
        instance.network.links = [NetworkModel.Link(siteA: "east", siteB: "west", bandwidthMiBps: 20)]
        for v in instance.vms.indices {
            instance.vms[v].memoryMiB = Double(1024 * (1 + Int(random.next() % 8)))
            instance.vms[v].dirtyRateMiBps = Double(random.next() % 60)
            if random.next() % 4 == 0 { instance.vms[v].migrationCost = Double(1 + random.next() % 40) }
        }
        instance.traffic = [VirtualMachinePair(0, 1, amount: 30), VirtualMachinePair(2, 3, amount: 12)]
        instance.sharedMemory = [VirtualMachinePair(1, 4, amount: 5)]
        if seed % 5 == 0 { instance.hosts[Int(seed / 5 % 3)].state = .maintenance }
        if seed % 7 == 0 { instance.vms[0].pinned = true }
        return instance
    }

    func testBoundsNeverExceedTheOptimum() {
        var compared = 0, positive = 0, tight = 0
        for seed in UInt64(1)...150 {
            let instance = Self.tinyCluster(seed)
            guard InstanceValidator.validate(instance).allSatisfy({ $0.severity != .error }) else { continue }
            for goal in [Goal.consolidate, .balance, .hotspot] {
                guard let optimum = BruteForce.optimum(instance, goal: goal)?.value else { continue }
                compared += 1
                guard let bound = GoalLowerBounds.objective(instance, goal: goal) else { continue }
                positive += 1
                XCTAssertLessThanOrEqual(bound, optimum + 1e-7 * max(1, optimum), "seed \(seed) \(goal)")
                if bound >= 0.9 * optimum { tight += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 250)
        XCTAssertGreaterThan(positive, compared / 2, "the bounds are positive on most instances")
        XCTAssertGreaterThan(tight, compared / 4, "and within 10 % of the optimum on many")
    }

    /// The hotspot bound on a hand-made case: host h0 (threshold 80 %) carries 100 and must shed
    /// 20; VMs of 5 (cost 10 each) and one of 20 (cost 15): the cheapest cover is 15.
    func testHotSpotBoundIsTheCheapestCover() {
        var vms = [TestInstances.vm("rest", [60], on: 0), TestInstances.vm("big", [20], on: 0)]
        vms += (0..<4).map { TestInstances.vm("small\($0)", [5], on: 0) }
        for v in vms.indices { vms[v].migrationCost = v == 1 ? 15 : (v == 0 ? 100 : 10) }
        let instance = Instance(name: "evict", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: vms, overloadThreshold: [0.8])
        XCTAssertEqual(HotSpotCoverBound.objective(instance), 15)
        XCTAssertEqual(CoverSearch.init(need: [20], size: [[60], [20], [5], [5], [5], [5]], cost: [100, 15, 10, 10, 10, 10],
                                        keep: 1, nodeLimit: 1000).completed, true)
    }

    /// The open-or-evict bound: two hosts of cost 1, each VM costs 0.5 to move (weight 1): closing
    /// the host with one VM saves 0.5, closing the one with three costs more than it saves.
    func testOpenOrEvictBoundWeighsHostsAgainstMigrations() throws {
        var vms = [TestInstances.vm("a", [10], on: 0)] + (0..<3).map { TestInstances.vm("b\($0)", [10], on: 1) }
        for v in vms.indices { vms[v].migrationCost = 0.5 }
        var instance = Instance(name: "evict", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: vms)
        instance.weights = ObjectiveWeights(hosts: 1, migration: 1)
        XCTAssertEqual(try XCTUnwrap(OpenOrEvictBound.objective(instance)), 1.5, accuracy: 1e-6)
        XCTAssertEqual(BruteForce.optimum(instance, goal: .consolidate)?.value ?? 0, 1.5, accuracy: 1e-9)
    }

    /// The unit floor on the maximum utilisation on hand cases: a VM of 90 may use hosts of 100
    /// and 200 (floor 0.45), only the first (0.9); an affinity pair of 50 + 40 counts as 90; the
    /// volume bound alone would say 0.3.
    func testUnitFloorOnTheMaximumUtilisation() {
        let hosts = [TestInstances.host("small", [100]), TestInstances.host("large", [200])]
        var vms = [TestInstances.vm("big", [90], on: 0)]
        var instance = Instance(name: "floor", dimensions: ["cpu"], hosts: hosts, vms: vms)
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.45, accuracy: 1e-12)
        XCTAssertEqual(GoalLowerBounds.maximumUtilisation(instance), 0.45, accuracy: 1e-12)
        instance.vms[0].allowedHosts = [0]
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.9, accuracy: 1e-12)
        instance.vms[0].allowedHosts = nil
        instance.vms[0].forbiddenHosts = [1]
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.9, accuracy: 1e-12)
        vms = [TestInstances.vm("a", [50], on: 0), TestInstances.vm("b", [40], on: 0)]
        instance = Instance(name: "pair", dimensions: ["cpu"], hosts: hosts, vms: vms)
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.25, accuracy: 1e-12)
        instance.affinity = [PlacementRule(name: "pair", vms: [0, 1])]
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.45, accuracy: 1e-12)
        instance.hosts[1].state = .maintenance
        XCTAssertEqual(UnitUtilisationBound.value(instance), 0.9, accuracy: 1e-12)
    }

    /// The unit floor never exceeds the least maximum utilisation of a feasible placement (brute
    /// force) on small instances of unequal hosts with host rules, affinity and memory sharing.
    func testUnitFloorNeverExceedsTheBestMaximumUtilisation() {
        var compared = 0, aboveVolume = 0
        for seed in UInt64(1)...200 {
            var instance = Self.tinyCluster(seed)
            instance.weights = ObjectiveWeights(hosts: 0, migration: 0, traffic: 0, balance: 0)
            instance.traffic = []
            for h in instance.hosts.indices { instance.hosts[h].capacity = ResourceVector(instance.hosts[h].capacity.values.map { $0 * [1, 1.5, 2.5][h % 3] }) }
            if seed % 4 == 1 { instance.vms[2].allowedHosts = [0] }
            if seed % 6 == 2 { instance.vms[3].forbiddenHosts = [2] }
            guard InstanceValidator.validate(instance).allSatisfy({ $0.severity != .error }),
                  let best = BruteForce.optimum(instance, goal: .balance)?.value else { continue }
            let floor = UnitUtilisationBound.value(instance)
            XCTAssertLessThanOrEqual(floor, best + 1e-12, "seed \(seed)")
            XCTAssertLessThanOrEqual(GoalLowerBounds.maximumUtilisation(instance), best + 1e-12, "seed \(seed)")
            compared += 1
            if floor > 1e-9 + (0..<instance.dimensionCount).map({ k in
                instance.vms.reduce(0.0) { $0 + $1.demand[k] } / instance.hosts.filter { $0.state != .maintenance }.reduce(0.0) { $0 + $1.capacity[k] }
            }).max()! { aboveVolume += 1 }
        }
        XCTAssertGreaterThan(compared, 100)
        XCTAssertGreaterThan(aboveVolume, 20, "the floor is above the volume bound on many instances")
    }
}
