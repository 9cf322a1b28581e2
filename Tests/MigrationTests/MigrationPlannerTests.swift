import PlacementModel
import XCTest
@testable import Migration

/// Adversarial sequencing cases: every plan must pass `PlacementChecker.checkPlan`, and a plan
/// that does not reach the target must name the deadlocked VMs.
final class MigrationPlannerTests: XCTestCase {
    func planChecked(_ instance: Instance, to target: [Int?], options: MigrationPlanner.Options = .init()) throws -> (MigrationPlan, [Violation]) {
        let targetPlacement = Placement(hostOfVM: target)
        let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: targetPlacement, options: options)
        let violations = PlacementChecker.checkPlan(instance, plan, from: instance.currentPlacement, to: targetPlacement,
                                                    maxConcurrentPerHost: options.maxConcurrentPerHost)
        return (plan, violations)
    }

    // Two full hosts (60 + 40 = 100 each) swap their 60-VMs. Without a third host no order is
    // safe: each destination has 0 free and the VM to leave it waits for the other.
    func testSwapBetweenFullHostsWithoutSpareIsNamedDeadlock() throws {
        let instance = Fixtures.instance(hosts: 2, vms: [(60, 0), (40, 0), (60, 1), (40, 1)])
        let (plan, violations) = try planChecked(instance, to: [1, 0, 0, 1])
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.moves.isEmpty)
        XCTAssertEqual(plan.blocked.map(\.vm), [0, 2])
        for blocked in plan.blocked {
            XCTAssertTrue(blocked.reason.contains("deadlock"), blocked.reason)
            XCTAssertTrue(blocked.reason.contains("v0") && blocked.reason.contains("v2"), blocked.reason)
        }
    }

    // Same swap with an empty third host: v0 hops to h2 (h2 gets 60 ≤ 100), then v2 → h0
    // (h0 holds 40 after v0 left, +60 = 100), then v0 → h1 (40 + 60 = 100): three waves.
    func testSwapBetweenFullHostsWithSpareHostTakesTemporaryHop() throws {
        let instance = Fixtures.instance(hosts: 3, vms: [(60, 0), (40, 0), (60, 1), (40, 1)])
        let target: [Int?] = [1, 0, 0, 1]
        let (plan, violations) = try planChecked(instance, to: target)
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        XCTAssertEqual(plan.moves.count, 3)
        XCTAssertEqual(plan.waves.count, 3)
        XCTAssertEqual(plan.moves.filter { $0.to == 2 }.count, 1, "one temporary hop through the spare host")
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: Placement(hostOfVM: target))
        XCTAssertEqual(report.temporaryMoves, 1)
    }

    // A 3-cycle v0: h0→h1, v2: h1→h2, v4: h2→h0 between full hosts; without a spare it deadlocks
    // and each reason names the cycle; with an empty fourth host it completes in 4 moves.
    func testThreeCycle() throws {
        let vms: [(size: Double, host: Int?)] = [(70, 0), (30, 0), (70, 1), (30, 1), (70, 2), (30, 2)]
        let target: [Int?] = [1, 0, 2, 1, 0, 2]
        let (blockedPlan, blockedViolations) = try planChecked(Fixtures.instance(hosts: 3, vms: vms), to: target)
        XCTAssertEqual(blockedViolations, [])
        XCTAssertEqual(blockedPlan.blocked.map(\.vm), [0, 2, 4])
        for blocked in blockedPlan.blocked {
            XCTAssertTrue(blocked.reason.contains("wait-for cycle"), blocked.reason)
            for name in ["v0", "v2", "v4"] { XCTAssertTrue(blocked.reason.contains(name), blocked.reason) }
        }
        let (plan, violations) = try planChecked(Fixtures.instance(hosts: 4, vms: vms), to: target)
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        XCTAssertEqual(plan.moves.count, 4)
    }

    // Long chain: v_i (60) on h_i must go to h_{i+1}; each host also keeps a 40. Only the last
    // host is empty, so the moves run back to front, one per wave, with no temporary hop.
    func testLongChainRunsBackToFront() throws {
        let length = 6
        var vms: [(size: Double, host: Int?)] = []
        var target: [Int?] = []
        for i in 0..<length {
            vms.append((60, i)); target.append(i + 1)
            vms.append((40, i)); target.append(i)
        }
        let instance = Fixtures.instance(hosts: length + 1, vms: vms)
        let (plan, violations) = try planChecked(instance, to: target)
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        XCTAssertEqual(plan.moves.count, length)
        XCTAssertEqual(plan.waves.count, length)
        XCTAssertEqual(plan.waves.first?.first?.vm, 2 * (length - 1), "the last VM of the chain moves first")
    }

    // Already-full hosts with no move that helps: v0 (50) wants h1, which is full with VMs that
    // stay. Blocked, naming the missing resource.
    func testFullDestinationWithStayingVMsIsBlockedWithReason() throws {
        let instance = Fixtures.instance(hosts: 3, vms: [(50, 0), (100, 1), (100, 2)])
        let (plan, violations) = try planChecked(instance, to: [1, 1, 2])
        XCTAssertEqual(violations.filter { $0.kind != .planTarget }, [])
        XCTAssertEqual(plan.blocked.count, 1)
        XCTAssertTrue(plan.blocked[0].reason.contains("lacks cpu"), plan.blocked[0].reason)
    }

    // Anti-affinity partners v0 (h0) and v1 (h1) swap hosts. Flying v0 to h1 while v1 is still
    // there is refused, so with a spare host the plan detours; with two hosts only it is blocked
    // by the rule; without the in-flight rule they swap in one wave.
    func testAntiAffinityDuringTheMove() throws {
        let vms: [(size: Double, host: Int?)] = [(10, 0), (10, 1)]
        let target: [Int?] = [1, 0]
        let (plan, violations) = try planChecked(Fixtures.instance(hosts: 3, vms: vms, antiAffinity: [[0, 1]]), to: target)
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        var position = [0, 1]
        for wave in plan.waves {
            for move in wave {
                let partner = 1 - move.vm
                XCTAssertNotEqual(position[partner], move.to, "VM \(move.vm) flies to its partner's host")
            }
            for move in wave { position[move.vm] = move.to }
        }
        let (twoHosts, twoViolations) = try planChecked(Fixtures.instance(hosts: 2, vms: vms, antiAffinity: [[0, 1]]), to: target)
        XCTAssertEqual(twoViolations, [])
        XCTAssertEqual(twoHosts.blocked.count, 2)
        XCTAssertTrue(twoHosts.blocked[0].reason.contains("anti-affinity"), twoHosts.blocked[0].reason)
        let (lenient, lenientViolations) = try planChecked(Fixtures.instance(hosts: 2, vms: vms, antiAffinity: [[0, 1]]), to: target,
                                                    options: .init(antiAffinityInFlight: false))
        XCTAssertEqual(lenientViolations, [])
        XCTAssertEqual(lenient.waves.count, 1)
    }

    // A hot spot (h0 at 130 of 100) gives away v0 (50); v2 (30) wants to enter h0 afterwards:
    // it may only fly in once h0 is at 80 (80 + 30 > 100 still!) — so it must wait until v1 (40)
    // has also left: 40 + 30 = 70.
    func testHotSpotReceivesOnlyWhenRelieved() throws {
        let instance = Fixtures.instance(hosts: 3, vms: [(50, 0), (40, 0), (30, 1), (40, 0)])
        let target: [Int?] = [2, 1, 0, 0]
        let (plan, violations) = try planChecked(instance, to: target)
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        let waveOf = Dictionary(uniqueKeysWithValues: plan.waves.enumerated().flatMap { w, moves in moves.map { ($0.vm, w) } })
        XCTAssertGreaterThan(waveOf[2] ?? -1, waveOf[1] ?? Int.max)
    }

    // Four VMs leave h0 for four different hosts with a limit of 2 migrations per host: at least
    // two waves, and the checker (same limit) accepts it.
    func testConcurrencyLimitSplitsWaves() throws {
        let instance = Fixtures.instance(hosts: 5, vms: [(10, 0), (10, 0), (10, 0), (10, 0)], maxConcurrentPerHost: 2)
        let (plan, violations) = try planChecked(instance, to: [1, 2, 3, 4])
        XCTAssertEqual(violations, [])
        XCTAssertEqual(plan.waves.map(\.count), [2, 2])
        let (single, singleViolations) = try planChecked(instance, to: [1, 2, 3, 4], options: .init(maxConcurrentPerHost: 1))
        XCTAssertEqual(singleViolations, [])
        XCTAssertEqual(single.waves.count, 4)
    }

    // An affinity pair moves in one wave; a group of three cannot under a limit of 2.
    func testAffinityGroupsMoveTogether() throws {
        let pair = Fixtures.instance(hosts: 2, vms: [(10, 0), (10, 0), (10, 0)], affinity: [[0, 1]])
        let (plan, violations) = try planChecked(pair, to: [1, 1, 0])
        XCTAssertEqual(violations, [])
        XCTAssertEqual(plan.waves.count, 1)
        XCTAssertEqual(Set(plan.waves[0].map(\.vm)), [0, 1])
        let triple = Fixtures.instance(hosts: 2, vms: [(10, 0), (10, 0), (10, 0)], affinity: [[0, 1, 2]])
        let (blocked, blockedViolations) = try planChecked(triple, to: [1, 1, 1])
        XCTAssertEqual(blockedViolations, [])
        XCTAssertEqual(blocked.blocked.count, 3)
        XCTAssertTrue(blocked.blocked[0].reason.contains("migrations at once"), blocked.blocked[0].reason)
    }

    func testZeroConcurrencyBlocksEverythingWithReason() throws {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, 0), (10, 0)])
        let (plan, violations) = try planChecked(instance, to: [1, 1], options: .init(maxConcurrentPerHost: 0))
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.moves.isEmpty)
        XCTAssertEqual(plan.blocked.count, 2)
        XCTAssertTrue(plan.blocked[0].reason.contains("limit 0"), plan.blocked[0].reason)
    }

    func testPinnedVMIsBlockedAndOthersProceed() throws {
        var instance = Fixtures.instance(hosts: 2, vms: [(10, 0), (10, 0)])
        instance.vms[0].pinned = true
        let (plan, violations) = try planChecked(instance, to: [1, 1])
        XCTAssertEqual(violations, [])
        XCTAssertEqual(plan.blocked.map(\.vm), [0])
        XCTAssertTrue(plan.blocked[0].reason.contains("may not run"), plan.blocked[0].reason)
        XCTAssertEqual(plan.moves.map(\.vm), [1])
    }

    func testVMsStartedOrStoppedAreNotMigrated() throws {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, nil), (10, 0), (10, 0)])
        let (plan, violations) = try planChecked(instance, to: [1, nil, 1])
        XCTAssertEqual(violations, [])
        XCTAssertTrue(plan.reachesTarget)
        XCTAssertEqual(plan.moves.map(\.vm), [2])
    }

    func testBadInputIsAnError() {
        let instance = Fixtures.instance(hosts: 2, vms: [(10, 0)])
        XCTAssertThrowsError(try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: Placement(hostOfVM: [])))
        XCTAssertThrowsError(try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: Placement(hostOfVM: [5]))) { error in
            XCTAssertTrue("\(error)".contains("v0"), "\(error)")
        }
    }

    // Two 1024 MiB VMs (no dirtying) leave h0 in one wave over a 128 MiB/s link: h0 takes part
    // in 2 moves, so each gets 64 MiB/s → 1024 / 64 = 16 s; the wave (and makespan) is 16 s,
    // bytes 2 × 1024. Without sharing each takes 1024 / 128 = 8 s.
    func testMakespanSharesBandwidthWithinAWave() throws {
        var instance = Fixtures.instance(hosts: 3, vms: [(10, 0), (10, 0)])
        for v in instance.vms.indices { instance.vms[v].memoryMiB = 1024 }
        let target = Placement(hostOfVM: [1, 2])
        let plan = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        XCTAssertEqual(plan.waves.count, 1)
        let report = MigrationPlanner.summary(instance: instance, plan: plan, target: target)
        XCTAssertEqual(report.makespanSeconds, 16, accuracy: 1e-9)
        XCTAssertEqual(report.transferredMiB, 2048, accuracy: 1e-9)
        XCTAssertEqual(report.totalDowntimeSeconds, 0, accuracy: 1e-9)
        let alone = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target,
                                              options: .init(shareBandwidth: false))
        XCTAssertEqual(MigrationPlanner.summary(instance: instance, plan: alone).makespanSeconds, 8, accuracy: 1e-9)
    }

    func testDeterministic() throws {
        let instance = Fixtures.instance(hosts: 4, vms: [(70, 0), (30, 0), (70, 1), (30, 1), (70, 2), (30, 2)])
        let target = Placement(hostOfVM: [1, 0, 2, 1, 0, 2])
        let a = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        let b = try MigrationPlanner.plan(instance: instance, from: instance.currentPlacement, to: target)
        XCTAssertEqual(a, b)
    }
}
