import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

/// The reassignment engine: incremental terms and rules equal full recomputation, no goal
/// method is worse than staying put, and the bundled examples come within 1 % of exact.
final class ReassignmentEngineTests: XCTestCase {
    /// A seeded instance with every objective term: traffic and sharing pairs, two sites with a
    /// WAN link (disk copy), dirty rates, an explicit migration cost, per-host thresholds.
    static func richInstance(_ seed: UInt64) -> Instance {
        var instance = TestInstances.make(seed)
        var random = SeededGenerator(seed: seed &+ 99)
        let n = instance.vms.count, m = instance.hosts.count
        instance.traffic = (0..<n).compactMap { _ in
            let a = Int.random(in: 0..<n, using: &random), b = Int.random(in: 0..<n, using: &random)
            return a == b ? nil : VirtualMachinePair(a, b, amount: Double(Int.random(in: 1...50, using: &random)))
        }
        if let memory = instance.memoryDimension ?? (instance.dimensionCount >= 2 ? 1 : nil) {
            instance.memoryDimension = memory
            instance.sharedMemory = (0..<(n / 3)).compactMap { _ in
                let a = Int.random(in: 0..<n, using: &random), b = Int.random(in: 0..<n, using: &random)
                return a == b ? nil : VirtualMachinePair(a, b, amount: Double(Int.random(in: 1...4, using: &random)))
            }
        }
        for h in 0..<m { instance.hosts[h].site = h < m / 2 ? "east" : "west" }
        instance.hosts[0].overloadThreshold = Array(repeating: 0.6, count: instance.dimensionCount)
        instance.network.links = [NetworkModel.Link(siteA: "east", siteB: "west", bandwidthMiBps: 12)]
        for v in 0..<n {
            instance.vms[v].dirtyRateMiBps = Double(Int.random(in: 0...80, using: &random))
            instance.vms[v].diskGiB = Double(v % 3)
        }
        if n > 3 { instance.vms[3].migrationCost = 7 }
        instance.weights = ObjectiveWeights(hosts: 1, migration: 0.01, traffic: 0.002, balance: 0.5)
        instance.hosts[m - 1].openCost = 2.5
        return instance
    }

    /// Every term and rule of the state against the instance's own functions and the checker.
    func assertMatches(_ state: ReassignmentState, _ instance: Instance, goal: Goal, _ label: String) {
        let placement = state.placement
        let scale = { (x: Double) in 1e-7 * max(1, abs(x)) }
        XCTAssertEqual(state.openCost, instance.hostCost(placement), accuracy: scale(state.openCost), label)
        XCTAssertEqual(state.migrationCost, instance.totalMigrationCost(placement), accuracy: scale(state.migrationCost), label)
        XCTAssertEqual(state.splitTraffic, instance.splitTraffic(placement), accuracy: scale(state.splitTraffic), label)
        XCTAssertEqual(state.maximumUtilisation, instance.maximumUtilisation(placement), accuracy: 1e-9, label)
        XCTAssertEqual(state.objective, instance.objective(of: placement, goal: goal), accuracy: scale(state.objective), label)
        let loads = instance.hostLoads(placement)
        for h in instance.hosts.indices {
            for k in 0..<instance.dimensionCount {
                XCTAssertEqual(state.load[h * instance.dimensionCount + k], loads[h][k], accuracy: 1e-7, "\(label) load")
            }
        }
        let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true))
        let overHosts = Set(instance.hosts.indices.filter { !loads[$0].fits(within: instance.hosts[$0].capacity) })
        XCTAssertEqual(state.overCapacityHosts, overHosts.count, "\(label) capacity")
        XCTAssertEqual(state.antiAffinityConflicts, violations.filter { $0.kind == .antiAffinity }.count, "\(label) anti-affinity")
        let wrongHost = placement.hostOfVM.indices.filter { v in placement[v].map { !instance.isEligible(vm: v, host: $0) } ?? false }.count
        XCTAssertEqual(state.ineligible, wrongHost, "\(label) eligibility")
        XCTAssertEqual(state.voluntary, instance.voluntaryMigrationCount(placement), "\(label) budget")
        XCTAssertEqual(state.unplaced, placement.hostOfVM.filter { $0 == nil }.count, "\(label) unplaced")
        let hot = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true, enforceOverloadThresholds: true))
            .contains { $0.kind == .overloadThreshold || $0.kind == .capacity }
        XCTAssertEqual(state.excess > 1e-12, hot, "\(label) overload")
        XCTAssertEqual(state.overloadedReceivers, Self.hotReceivers(instance, placement, goal: goal, rule: state.model.receiversUnderThreshold),
                       "\(label) hot receivers")
    }

    /// Hosts that received a VM (one not on its current host, or without one) and end above an
    /// overload threshold, when the receiver rule is on; for hotspot only hosts cool in the
    /// current placement count. Recomputed from the instance, not from the engine's counters.
    static func hotReceivers(_ instance: Instance, _ placement: Placement, goal: Goal, rule: Bool) -> Int {
        guard rule else { return 0 }
        let loads = instance.hostLoads(placement), before = instance.hostLoads(instance.currentPlacement)
        func above(_ load: ResourceVector, _ h: Int) -> Bool {
            (0..<instance.dimensionCount).contains { k in
                let limit = instance.overloadThreshold(host: h, dimension: k) * instance.hosts[h].capacity[k]
                return load[k] > limit + 1e-9 * max(1, abs(limit))
            }
        }
        var received = Set<Int>()
        for (v, h) in placement.hostOfVM.enumerated() { if let h, instance.vms[v].currentHost != h { received.insert(h) } }
        return received.filter { h in above(loads[h], h) && (goal != .hotspot || !above(before[h], h)) }.count
    }

    /// Thousands of random shifts, swaps, unplacements and rollbacks, checked after each.
    func testIncrementalTermsEqualFullRecomputation() {
        var checked = 0, hotReceiverSteps = 0
        for seed in UInt64(0)..<40 {
            let instance = Self.richInstance(seed)
            for (g, goal) in [Goal.consolidate, .balance, .hotspot].enumerated() {
                let model = ReassignmentModel(instance, goal: goal, migrationBudget: 2, receiversUnderThreshold: seed % 2 == 1)
                var state = ReassignmentState(model, placement: instance.currentPlacement)
                var random = SplitMix64(seed: seed &* 31 &+ UInt64(g))
                assertMatches(state, instance, goal: goal, "seed \(seed) start")
                for step in 0..<30 {
                    let n = instance.vms.count, m = instance.hosts.count
                    let mark = state.mark
                    let vm = Int(random.next() % UInt64(n))
                    switch random.next() % 4 {
                    case 0: state.relocate(vm, to: Int(random.next() % UInt64(m)))
                    case 1: state.move(unit: model.unitOf[vm], to: Int(random.next() % UInt64(m)))
                    case 2:
                        let other = Int(random.next() % UInt64(n))
                        let (a, b) = (state.host[vm], state.host[other])
                        state.relocate(vm, to: b)
                        state.relocate(other, to: a)
                    default: state.relocate(vm, to: -1)
                    }
                    assertMatches(state, instance, goal: goal, "seed \(seed) \(goal) step \(step)")
                    if random.next() % 3 == 0 {
                        state.rollback(to: mark)
                        assertMatches(state, instance, goal: goal, "seed \(seed) \(goal) step \(step) rollback")
                    }
                    checked += 1
                    if state.overloadedReceivers > 0 { hotReceiverSteps += 1 }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 3000)
        XCTAssertGreaterThan(hotReceiverSteps, 0, "the receiver counter was never exercised")
    }

    /// The maximum tree against a scan after random updates.
    func testMaximumTreeKeepsTheMaximum() {
        var random = SplitMix64(seed: 5)
        var values = (0..<37).map { _ in Double(random.next() % 1000) }
        var tree = MaximumTree(values)
        for _ in 0..<2000 {
            let i = Int(random.next() % 37)
            values[i] = Double(random.next() % 1000)
            tree.update(i, values[i])
            XCTAssertEqual(tree.maximum, values.max()!)
            XCTAssertEqual(tree.argument, values.firstIndex(of: values.max()!)!)
        }
    }
}

/// Staying put is always a candidate: no goal method is worse than `current`.
final class StayingPutTests: XCTestCase {
    /// Every goal method with a small engine budget (the guarantee does not depend on it).
    static let quickMethods: [any PlacementMethod] = HeuristicCatalogue.goalMethods.map { method in
        (method as? any EngineFinished).map { $0.with(engineLimits: .init(moves: 400, kicks: 2, patience: 2)) } ?? method
    }

    func testNoGoalMethodIsWorseThanCurrent() throws {
        let methods = Self.quickMethods
        var compared = 0
        for seed in UInt64(0)..<100 {
            let instance = ReassignmentEngineTests.richInstance(seed)
            for goal in [Goal.consolidate, .balance, .hotspot] {
                let baseline = try CurrentPlacementMethod().solve(instance, goal: goal, options: SolveOptions(seed: seed))
                let stay = try XCTUnwrap(baseline.placement)
                for method in methods where method.goals.contains(goal) && (seed % 10 == 0 || method.name == "reassign") {
                    // Scored by the rules the method keeps (consolidate-* and balance-greedy keep
                    // receivers under their thresholds).
                    let keeps = method.name.hasPrefix("consolidate-") || method.name == "balance-greedy"
                    let rules = ReassignmentModel(instance, goal: goal, migrationBudget: nil, receiversUnderThreshold: keeps)
                    let stayScore = ReassignmentState(rules, placement: stay).score
                    let result = try method.solve(instance, goal: goal, options: SolveOptions(seed: seed))
                    let placement = try XCTUnwrap(result.placement, "\(method.name) seed \(seed)")
                    XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true)), [], "\(method.name) seed \(seed)")
                    let score = ReassignmentState(rules, placement: placement).score
                    XCTAssertFalse(stayScore < score, "\(method.name) \(goal) seed \(seed): \(score) worse than current \(stayScore)")
                    if score.unplaced == 0, stayScore.unplaced == 0, score.excess <= 1e-9, stayScore.excess <= 1e-9,
                       score.hotReceivers == 0, stayScore.hotReceivers == 0 {
                        XCTAssertLessThanOrEqual(instance.objective(of: placement, goal: goal),
                                                 instance.objective(of: stay, goal: goal) + 1e-9, "\(method.name) \(goal) seed \(seed)")
                    }
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 300)
    }

    /// With a budget, the voluntary migrations stay within it.
    func testMigrationBudgetIsKept() throws {
        for seed in UInt64(0)..<12 {
            let instance = ReassignmentEngineTests.richInstance(seed)
            for goal in [Goal.consolidate, .balance, .hotspot] {
                let result = try ReassignmentMethod().with(engineLimits: .init(moves: 400, kicks: 2, patience: 2)).solve(instance, goal: goal, options: SolveOptions(seed: seed, migrationBudget: 1))
                let placement = try XCTUnwrap(result.placement)
                XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(placement), 1, "seed \(seed) \(goal)")
            }
        }
    }
}
