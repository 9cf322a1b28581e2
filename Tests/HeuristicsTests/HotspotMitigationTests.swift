import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class HotspotMitigationTests: XCTestCase {
    /// The methods that relieve hot spots (`current`, the staying-put baseline, never moves).
    let variants = HeuristicCatalogue.goalMethods.filter { $0.goals.contains(.hotspot) && $0.name != "current" }

    /// Host 0 at 95 % CPU, threshold 80 %: moving one VM suffices.
    func hotInstance() -> Instance {
        Instance(name: "hot", dimensions: ["cpu", "mem"], hosts: (0..<3).map { TestInstances.host("h\($0)", [100, 1000]) },
                 vms: [TestInstances.vm("big-mem", [20, 600], on: 0), TestInstances.vm("small-mem", [20, 100], on: 0),
                       TestInstances.vm("rest", [55, 100], on: 0), TestInstances.vm("other", [50, 100], on: 1)],
                 overloadThreshold: [0.8, 0.8])
    }

    func testSandpiperMovesHighestVolumeToSizeRatioToLeastLoadedHost() throws {
        let instance = hotInstance()
        let result = try XCTUnwrap(HeuristicCatalogue.method(named: "sandpiper")).solve(instance, goal: .hotspot, options: SolveOptions())
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(result.status, .feasible)
        // VSR = volume / memory: big-mem 3.125/600, small-mem 1.389/100, rest 2.469/100 — "rest"
        // has the most volume per MiB; least loaded host by volume is h2 (empty).
        XCTAssertEqual(placement.movedVMs(from: instance.currentPlacement), [2])
        XCTAssertEqual(placement[2], 2)
        XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: true)), [])
    }

    func testMinCostPrefersCheapestRelievingMove() throws {
        var instance = hotInstance()
        instance.vms[1].migrationCost = 50
        instance.vms[0].migrationCost = 5
        instance.vms[2].migrationCost = 100
        let result = try XCTUnwrap(HeuristicCatalogue.method(named: "hotspot-mincost")).solve(instance, goal: .hotspot, options: SolveOptions())
        XCTAssertEqual(try XCTUnwrap(result.placement).movedVMs(from: instance.currentPlacement), [0])
        XCTAssertEqual(result.objective, 5)
    }

    func testSwapWhenNoSingleMoveFits() throws {
        // Host 0: 50 + 40 = 90 > 80. Host 1: 30 + 25 = 55. Neither 50 nor 40 fits host 1 under 80
        // alone (105, 95), but a swap does (e.g. 50 ↔ 30: 70 and 75).
        let instance = Instance(name: "swap", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: [TestInstances.vm("a", [50], on: 0), TestInstances.vm("b", [40], on: 0),
                                      TestInstances.vm("c", [30], on: 1), TestInstances.vm("d", [25], on: 1)],
                                overloadThreshold: [0.8])
        let result = try XCTUnwrap(HeuristicCatalogue.method(named: "sandpiper")).solve(instance, goal: .hotspot, options: SolveOptions())
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(result.status, .feasible)
        XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: true)), [])
        let moved = placement.movedVMs(from: instance.currentPlacement)
        XCTAssertEqual(moved.count, 2)
        XCTAssertEqual(Set(moved.map { instance.vms[$0].currentHost! }), [0, 1])
    }

    /// Host 0 at 95 % CPU (nine VMs of 10 and one of 5), threshold 80 %: two moves of a 10 are
    /// needed. A budget of one voluntary migration allows one: the host stays hot, the status
    /// is infeasible and the note names the budget; with two, or none, it is relieved.
    func testMigrationBudgetCapsTheMoves() throws {
        let instance = Instance(name: "budget", dimensions: ["cpu"], hosts: (0..<3).map { TestInstances.host("h\($0)", [100]) },
                                vms: (0..<9).map { TestInstances.vm("v\($0)", [10], on: 0) } + [TestInstances.vm("small", [5], on: 0)],
                                overloadThreshold: [0.8])
        for method in variants {
            let capped = try method.solve(instance, goal: .hotspot, options: SolveOptions(migrationBudget: 1))
            let placement = try XCTUnwrap(capped.placement, method.name)
            XCTAssertLessThanOrEqual(placement.movedVMs(from: instance.currentPlacement).count, 1, method.name)
            XCTAssertEqual(capped.status, .infeasible, method.name)
            XCTAssertTrue(capped.notes.contains { $0.contains("migration budget") }, "\(method.name): \(capped.notes)")
            XCTAssertEqual(PlacementChecker.check(instance, placement), [], method.name)
            for budget in [2, nil] as [Int?] {
                let result = try method.solve(instance, goal: .hotspot, options: SolveOptions(migrationBudget: budget))
                let relieved = try XCTUnwrap(result.placement, method.name)
                XCTAssertEqual(result.status, .feasible, "\(method.name), budget \(String(describing: budget))")
                XCTAssertEqual(relieved.movedVMs(from: instance.currentPlacement).count, 2, method.name)
                XCTAssertEqual(PlacementChecker.check(instance, relieved, options: .init(enforceOverloadThresholds: true)), [], method.name)
            }
        }
    }

    /// A swap is two voluntary migrations: a budget of one turns it down.
    func testSwapNeedsTwoMigrationsOfTheBudget() throws {
        let instance = Instance(name: "swap", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: [TestInstances.vm("a", [50], on: 0), TestInstances.vm("b", [40], on: 0),
                                      TestInstances.vm("c", [30], on: 1), TestInstances.vm("d", [25], on: 1)],
                                overloadThreshold: [0.8])
        let method = try XCTUnwrap(HeuristicCatalogue.method(named: "sandpiper"))
        let capped = try method.solve(instance, goal: .hotspot, options: SolveOptions(migrationBudget: 1))
        XCTAssertEqual(capped.status, .infeasible)
        XCTAssertEqual(try XCTUnwrap(capped.placement).movedVMs(from: instance.currentPlacement), [])
        XCTAssertTrue(capped.notes.contains { $0.contains("migration budget") }, "\(capped.notes)")
        let swapped = try method.solve(instance, goal: .hotspot, options: SolveOptions(migrationBudget: 2))
        XCTAssertEqual(swapped.status, .feasible)
        XCTAssertEqual(try XCTUnwrap(swapped.placement).movedVMs(from: instance.currentPlacement).count, 2)
    }

    func testImpossibleIsReportedWithReason() throws {
        var instance = hotInstance()
        for v in 0..<3 { instance.vms[v].pinned = true }
        for method in variants {
            let result = try method.solve(instance, goal: .hotspot, options: SolveOptions())
            XCTAssertEqual(result.status, .infeasible, method.name)
            XCTAssertTrue(result.notes.contains { $0.contains("h0") && $0.contains("pinned") }, "\(method.name): \(result.notes)")
        }
    }

    /// An affinity pair of 90 CPU on hosts of 100 at 80 %: no placement relieves its host, every
    /// hotspot method (and the portfolio) says so and relieves the other hot host.
    func testUnavoidableHotSpotIsNamedAndTheRestRelieved() throws {
        let instance = Instance(name: "unavoidable", dimensions: ["cpu", "mem"], hosts: (0..<4).map { TestInstances.host("h\($0)", [100, 1000]) },
                                vms: [TestInstances.vm("a", [45, 100], on: 0), TestInstances.vm("b", [45, 100], on: 0),
                                      TestInstances.vm("c", [50, 100], on: 1), TestInstances.vm("d", [40, 100], on: 1)],
                                affinity: [PlacementRule(name: "tier", vms: [0, 1])], overloadThreshold: [0.8, 0.8])
        for method in variants + [try XCTUnwrap(HeuristicCatalogue.method(named: "portfolio"))] {
            let result = try method.solve(instance, goal: .hotspot, options: SolveOptions())
            XCTAssertEqual(result.status, .infeasible, method.name)
            let placement = try XCTUnwrap(result.placement, method.name)
            XCTAssertEqual(placement[0], placement[1], method.name)
            XCTAssertEqual(instance.hostsAboveOverloadThresholds(placement), UnavoidableHotSpots(instance).hosts(in: placement), "\(method.name): only the pair's host stays hot")
            XCTAssertTrue(result.notes.contains { $0.contains("no placement avoids it: affinity group tier (2 VMs: a, b) needs cpu 90") },
                          "\(method.name): \(result.notes)")
        }
    }

    func testPropertyValidReceiversUnderThresholdDeterministic() throws {
        for seed in UInt64(1)...120 {
            var instance = TestInstances.make(seed)
            instance.overloadThreshold = Array(repeating: 0.7, count: instance.dimensionCount)
            let hotBefore = Set(instance.hosts.indices.filter { h in
                let load = instance.hostLoads(instance.currentPlacement)[h]
                return (0..<instance.dimensionCount).contains { load[$0] > 0.7 * instance.hosts[h].capacity[$0] + 1e-9 }
            })
            for method in variants {
                let result = try method.solve(instance, goal: .hotspot, options: SolveOptions())
                TestInstances.assertValid(result, instance, "\(method.name) seed \(seed)")
                let placement = try XCTUnwrap(result.placement)
                let loads = instance.hostLoads(placement)
                // A cool host becomes hot only by taking a VM that had to move (off a host in
                // maintenance or a broken rule) or a new one, when no host could take it under.
                let forced = instance.forcedMigrations.evicted + instance.vms.indices.filter { instance.vms[$0].currentHost == nil }
                let tookForced = Set(forced.compactMap { placement[$0] })
                for h in instance.hosts.indices where !hotBefore.contains(h) && !tookForced.contains(h) {
                    for k in 0..<instance.dimensionCount {
                        XCTAssertLessThanOrEqual(loads[h][k], 0.7 * instance.hosts[h].capacity[k] + 1e-6, "\(method.name) seed \(seed): a cool host became hot")
                    }
                }
                if result.status == .feasible {
                    XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true, enforceOverloadThresholds: true)), [], "\(method.name) seed \(seed)")
                } else {
                    XCTAssertTrue(!result.unplaced.isEmpty || result.notes.contains { $0.contains("stays above") }, "\(method.name) seed \(seed)")
                }
                XCTAssertEqual(placement, try method.solve(instance, goal: .hotspot, options: SolveOptions()).placement)
            }
        }
    }
}
