import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

/// The engine's minimum-cost eviction move and its covering search.
final class MinimumCostEvictionTests: XCTestCase {
    /// The covering search keeps the cheapest covers: against enumeration of every subset on
    /// seeded instances of up to 12 items in 2–3 dimensions.
    func testCoverSearchFindsTheCheapestCovers() {
        var random = SplitMix64(seed: 7)
        var compared = 0
        for _ in 0..<300 {
            let d = 2 + Int(random.next() % 2), count = 1 + Int(random.next() % 12)
            let size = (0..<count).map { _ in (0..<d).map { _ in Double(random.next() % 20) } }
            let cost = (0..<count).map { _ in Double(1 + random.next() % 30) }
            let need = (0..<d).map { _ in Double(random.next() % 40) - 5 }
            var search = CoverSearch(need: need, size: size, cost: cost, keep: 4, nodeLimit: 1 << 20)
            search.run()
            var covers: [Double] = []
            for mask in 0..<(1 << count) {
                let items = (0..<count).filter { mask & (1 << $0) != 0 }
                let covered = (0..<d).allSatisfy { k in items.reduce(0.0) { $0 + size[$1][k] } >= need[k] - 1e-9 }
                if covered { covers.append(items.reduce(0.0) { $0 + cost[$1] }) }
            }
            covers.sort()
            let found = search.best.map(\.cost)
            if need.allSatisfy({ $0 <= 1e-9 }) { XCTAssertEqual(found, [0]); continue }
            // The cheapest cover is exact; the others are the next cheapest the search records
            // (it does not extend a cover by more items, so supersets are not among them).
            XCTAssertTrue(search.completed)
            XCTAssertEqual(found.first, covers.first, "need \(need) sizes \(size) costs \(cost)")
            XCTAssertEqual(found, found.sorted())
            XCTAssertEqual(Set(search.best.map(\.items)).count, found.count, "distinct covers")
            for cover in search.best {
                XCTAssertEqual(cover.items.reduce(0.0) { $0 + cost[$1] }, cover.cost)
                XCTAssertTrue((0..<d).allSatisfy { k in cover.items.reduce(0.0) { $0 + size[$1][k] } >= need[k] - 1e-9 })
            }
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// Host h0 (threshold 80 %) carries 100: four VMs of 5 (cost 10 each) already left it, where
    /// one VM of 20 (cost 15) would have done (the VM of 60 costs 100). No single move helps (a VM coming back makes h0
    /// hot again); the eviction move brings the four home and sends the one.
    func testOneCheapMigrationReplacesFourSmallOnes() throws {
        var vms = [TestInstances.vm("rest", [60], on: 0), TestInstances.vm("big", [20], on: 0)]
        vms += (0..<4).map { TestInstances.vm("small\($0)", [5], on: 0) }
        for v in vms.indices { vms[v].migrationCost = v == 1 ? 15 : (v == 0 ? 100 : 10) }
        let instance = Instance(name: "evict", dimensions: ["cpu"], hosts: (0..<2).map { TestInstances.host("h\($0)", [100]) },
                                vms: vms, overloadThreshold: [0.8])
        var start = instance.currentPlacement
        for v in 2..<6 { start[v] = 1 }
        XCTAssertEqual(instance.objective(of: start, goal: .hotspot), 40)
        let improved = ReassignmentSearch.improve(instance, goal: .hotspot, from: start, limits: .init(moves: 10_000, kicks: 0),
                                                  migrationBudget: nil, seed: 1).placement
        XCTAssertEqual(improved.movedVMs(from: instance.currentPlacement), [1])
        XCTAssertEqual(instance.objective(of: improved, goal: .hotspot), 15)
        XCTAssertEqual(PlacementChecker.check(instance, improved, options: .init(enforceOverloadThresholds: true)), [])
    }
    /// h0 (threshold 80) carries a pinned VM of 40 and big (50): big must leave, and no host may
    /// take it (h1 would reach 110, h2 100, h3 90); swaps are ruled out by anti-affinity with the
    /// pinned VM. Room is made on h1: y (35) goes to h3 (40 → 75), then big joins x on h1 (75).
    /// Without the make-room chain the hot spot stays.
    func testRoomIsMadeOnAReceiverForABigVM() throws {
        var vms = [TestInstances.vm("a", [40], on: 0), TestInstances.vm("big", [50], on: 0),
                   TestInstances.vm("x", [25], on: 1), TestInstances.vm("y", [35], on: 1),
                   TestInstances.vm("z", [50], on: 2), TestInstances.vm("w", [40], on: 3)]
        vms[0].pinned = true
        let instance = Instance(name: "make-room", dimensions: ["cpu"], hosts: (0..<4).map { TestInstances.host("h\($0)", [100]) },
                                vms: vms, antiAffinity: [PlacementRule(name: "a-y", vms: [0, 3]), PlacementRule(name: "a-w", vms: [0, 5])],
                                overloadThreshold: [0.8])
        let improved = ReassignmentSearch.improve(instance, goal: .hotspot, from: nil, limits: .init(moves: 10_000, kicks: 0),
                                                  migrationBudget: nil, seed: 1).placement
        XCTAssertEqual(PlacementChecker.check(instance, improved, options: .init(enforceOverloadThresholds: true)), [])
        XCTAssertEqual(improved.movedVMs(from: instance.currentPlacement), [1, 3])
        XCTAssertEqual(improved[1], 1)
        XCTAssertEqual(improved[3], 3)
    }
}
