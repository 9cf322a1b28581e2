import Heuristics
import PlacementModel
import TestSupport
import XCTest
@testable import Migration

/// Hundreds of seeded random (current, target) pairs, each feasible: the plan is checker-clean
/// (never an overloaded receiving host, never more concurrent migrations than allowed, never a
/// new rule violation between waves) and either reaches the target or names every blocked VM.
final class MigrationPlannerPropertyTests: XCTestCase {
    /// A random feasible reassignment: VMs in random order are taken off their host and put on a
    /// random host where they fit (`PackingState.canPlace`), or back where they were.
    func randomTarget(_ instance: Instance, _ current: Placement, random: inout SeededGenerator) -> Placement {
        var state = PackingState(instance: instance, startingFrom: current)
        for vm in instance.vms.indices.shuffled(using: &random) {
            guard let here = state.placement[vm], Bool.random(using: &random) else { continue }
            state.remove(vm: vm)
            let start = Int.random(in: 0..<instance.hosts.count, using: &random)
            let order = (0..<instance.hosts.count).map { (start + $0) % instance.hosts.count }
            state.place(vm: vm, on: order.first { state.canPlace(vm: vm, on: $0) } ?? here)
        }
        return state.placement
    }

    /// FFD from scratch (current hosts forgotten): a consolidating target with many moves.
    func consolidatedTarget(_ instance: Instance, _ current: Placement) throws -> Placement? {
        var fresh = instance
        for v in fresh.vms.indices { fresh.vms[v].currentHost = nil }
        let result = try FirstFitDecreasing().solve(fresh, goal: .consolidate, options: SolveOptions())
        guard var placement = result.placement else { return nil }
        // VMs not running now are not migrated: keep them out of the target too. A target that
        // drops a running VM is not a complete reassignment: not used.
        for v in placement.hostOfVM.indices where current[v] == nil { placement[v] = nil }
        if placement.hostOfVM.indices.contains(where: { current[$0] != nil && placement[$0] == nil }) { return nil }
        return placement
    }

    func testRandomPlansAreSafeOrExplained() throws {
        var checked = 0
        var reached = 0
        var blockedPlans = 0
        var temporaryHops = 0
        for seed in UInt64(1)...300 {
            var random = SeededGenerator(seed: seed &* 7919)
            let hosts = Int.random(in: 3...6, using: &random)
            var instance = RandomInstances.make(seed: seed, vms: Int.random(in: 6...16, using: &random), hosts: hosts,
                                                demandRange: 10...45, withCurrentPlacement: true,
                                                antiAffinityGroups: 2, affinityGroups: seed % 3 == 0 ? 1 : 0)
            instance.migration.maxConcurrentPerHost = Int.random(in: 1...3, using: &random)
            let current = instance.currentPlacement
            let relaxed = PlacementChecker.Options(allowUnplaced: true)
            guard PlacementChecker.check(instance, current, options: relaxed).isEmpty else { continue }
            let consolidated = seed % 2 == 0 ? nil : try consolidatedTarget(instance, current)
            let target = consolidated ?? randomTarget(instance, current, random: &random)
            guard PlacementChecker.check(instance, target, options: relaxed).isEmpty else { continue }
            checked += 1
            // Other option sets must be just as safe (no hops, lenient anti-affinity, one at a time).
            for options in [MigrationPlanner.Options(maxConcurrentPerHost: 1, maxExtraHops: 0),
                            MigrationPlanner.Options(maxExtraHops: 3, antiAffinityInFlight: false)] {
                let other = try MigrationPlanner.plan(instance: instance, from: current, to: target, options: options)
                XCTAssertEqual(PlacementChecker.checkPlan(instance, other, from: current, to: target,
                                                          maxConcurrentPerHost: options.maxConcurrentPerHost), [],
                               "seed \(seed), options \(options)")
            }
            let plan = try MigrationPlanner.plan(instance: instance, from: current, to: target)
            let violations = PlacementChecker.checkPlan(instance, plan, from: current, to: target)
            XCTAssertEqual(violations, [], "seed \(seed)")
            if plan.reachesTarget {
                reached += 1
            } else {
                blockedPlans += 1
                if ProcessInfo.processInfo.environment["MIGRATION_DEBUG"] != nil {
                    print("seed \(seed) limit \(instance.migration.maxConcurrentPerHost) blocked: \(plan.blocked.map { "\($0.vm): \($0.reason)" })")
                    print("  moves \(plan.waves.map { $0.map { "v\($0.vm):\($0.from)->\($0.to)" } })")
                    print("  current \(current.hostOfVM) target \(target.hostOfVM)")
                    print("  loads now \(instance.hostLoads(current).map(\.description)) target \(instance.hostLoads(target).map(\.description))")
                }
                for blocked in plan.blocked {
                    XCTAssertFalse(blocked.reason.isEmpty, "seed \(seed)")
                    XCTAssertNotEqual(target[blocked.vm], nil, "seed \(seed): blocked VM \(blocked.vm) has no target")
                    XCTAssertEqual(blocked.to, target[blocked.vm], "seed \(seed)")
                }
                // Replaying the plan leaves exactly the blocked VMs away from their targets.
                var state = current
                for move in plan.moves { state[move.vm] = move.to }
                let away = Set(state.hostOfVM.indices.filter { state[$0] != nil && target[$0] != nil && state[$0] != target[$0] })
                XCTAssertEqual(away, Set(plan.blocked.map(\.vm)), "seed \(seed)")
            }
            temporaryHops += plan.moves.filter { target[$0.vm] != $0.to }.count
            XCTAssertEqual(plan, try MigrationPlanner.plan(instance: instance, from: current, to: target), "seed \(seed): not deterministic")
        }
        XCTAssertGreaterThan(checked, 150, "too few feasible random pairs were generated")
        XCTAssertGreaterThan(reached, checked / 2, "most random feasible targets should be reachable")
        print("MigrationPlannerPropertyTests: \(checked) pairs, \(reached) reached, \(blockedPlans) with named deadlocks, \(temporaryHops) temporary hops")
    }
}
