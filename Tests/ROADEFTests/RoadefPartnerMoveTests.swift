import PlacementModel
import ROADEF
import XCTest

/// The best-partner double shift and the complementary LNS machines, against brute force.
extension RoadefSearchTests {
    /// For p onto m: the scorer's lowest total change over m's processes q, each moved to its
    /// scorer-best of the targets, then p onto m (nil when no pair is feasible); the state is left
    /// as it was, and the move applied realises the predicted change.
    func checkBestDoubleShift(_ name: String, trials: Int, feasibleAtLeast minimum: Int) throws {
        let (model, initial, state) = try start(name)
        var random = SplitMix64(seed: 23)
        var found = 0
        for k in 0..<trials {
            let p = Int(random.next() % UInt64(model.processCount)), m = Int(random.next() % UInt64(model.machineCount))
            let targets = (0..<8).map { _ in Int(random.next() % UInt64(model.machineCount)) }
            let (assignment, total) = (state.assignment, state.total)
            let best = RoadefBestDoubleShift.best(state, process: p, onto: m, targets: targets)
            XCTAssertEqual(state.assignment, assignment, "\(name) trial \(k): state changed")
            XCTAssertEqual(state.total, total, "\(name) trial \(k): state changed")
            XCTAssertEqual(best?.2, lowestDoubleShift(model, initial, assignment, total, p, m, targets), "\(name) trial \(k)")
            guard let (q, target, delta) = best else { continue }
            found += 1
            state.apply(shift: q, to: target)
            state.apply(shift: p, to: m)
            XCTAssertEqual(state.total, total + delta, "\(name) trial \(k)")
            if !agreesWithTheScorer(state, "\(name) trial \(k)") { return }
        }
        XCTAssertGreaterThanOrEqual(found, minimum, "\(name): too few feasible double shifts to test")
    }

    /// Brute force with the independent scorer.
    func lowestDoubleShift(_ model: RoadefModel, _ initial: [Int32], _ assignment: [Int32], _ total: Int64,
                           _ p: Int, _ m: Int, _ targets: [Int]) -> Int64? {
        if Int(assignment[p]) == m { return nil }
        func feasibleTotal(_ solution: [Int32]) -> Int64? {
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: solution)
            return violations.isEmpty ? cost.total : nil
        }
        var lowest: Int64? = nil
        for q in 0..<model.processCount where Int(assignment[q]) == m {
            var bestTarget: (Int, Int64)? = nil
            for t in targets where t != m {
                var moved = assignment
                moved[q] = Int32(t)
                if let cost = feasibleTotal(moved), bestTarget.map({ cost < $0.1 }) ?? true { bestTarget = (t, cost) }
            }
            guard let (t, _) = bestTarget else { continue }
            var pair = assignment
            pair[q] = Int32(t)
            pair[p] = Int32(m)
            if let cost = feasibleTotal(pair) { lowest = min(lowest ?? .max, cost - total) }
        }
        return lowest
    }

    func testBestDoubleShiftIsTheScorersLowestOnSetA() throws {
        // a1_2: transient resources and dependencies; a2_3: 12 tightly packed resources.
        try checkBestDoubleShift("a1_2", trials: 20, feasibleAtLeast: 1)
        try checkBestDoubleShift("a2_3", trials: 25, feasibleAtLeast: 1)
    }

    /// The partner is the candidate covering most weighted excess (recomputed here from the
    /// model's requirements), nil when none covers any; choose returns distinct sorted machines.
    func testComplementaryPartnerCoversMostExcess() throws {
        let (model, _, state) = try start("a2_2")
        var usage = [Int64](repeating: 0, count: model.machineCount * model.resourceCount)
        for p in 0..<model.processCount {
            for r in 0..<model.resourceCount { usage[Int(state.assignment[p]) * model.resourceCount + r] += model.requirement(p, r) }
        }
        func room(_ m: Int, _ r: Int) -> Int64 { max(0, model.safetyCapacity(m, r) - usage[m * model.resourceCount + r]) }
        var random = SplitMix64(seed: 29)
        var partners = 0
        for k in 0..<200 {
            let costly = Int(random.next() % UInt64(model.machineCount))
            let excess = RoadefComplementaryMachines.excess(state, machine: costly)
            XCTAssertEqual(excess, (0..<model.resourceCount).map { max(0, usage[costly * model.resourceCount + $0] - model.safetyCapacity(costly, $0)) })
            let candidates = (0..<8).map { _ in Int(random.next() % UInt64(model.machineCount)) }
            let cover = candidates.map { m in (0..<model.resourceCount).reduce(Int64(0)) { $0 + model.loadCostWeight[$1] * min(excess[$1], room(m, $1)) } }
            let expected = cover.max().flatMap { top in top > 0 ? candidates[cover.firstIndex(of: top)!] : nil }
            let partner = RoadefComplementaryMachines.partner(state, covering: excess, among: candidates)
            XCTAssertEqual(partner, expected, "trial \(k)")
            if partner != nil { partners += 1 }
            let chosen = RoadefComplementaryMachines.choose(state, count: 3, random: &random)
            XCTAssertEqual(chosen, Array(Set(chosen)).sorted(), "trial \(k): not distinct and sorted")
            XCTAssertEqual(chosen.count, 3)
        }
        XCTAssertGreaterThan(partners, 0, "no candidate ever had room: the test tests nothing")
        XCTAssertEqual(RoadefComplementaryMachines.choose(state, count: model.machineCount + 5, random: &random), Array(0..<model.machineCount))
    }
}
