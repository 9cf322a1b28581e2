import CBCSolver
import ExactSolver
import Formulations
import Foundation
import GLPKSolver
import LinearProgramming
import PlacementModel
import TestSupport
import XCTest

/// A clock that advances by `step` seconds at every poll: the deadline passes after a known
/// number of polls whatever the machine's speed, so "every phase stops once it has passed" is
/// tested by counting polls, not by measuring time.
final class StepClock: DeadlineClock, @unchecked Sendable {
    let step: Double
    private let lock = NSLock()
    private var time = 0.0
    private var count = 0

    init(step: Double) { self.step = step }

    func now() -> Double {
        lock.withLock {
            count += 1
            time += step
            return time
        }
    }

    /// Polls so far.
    var polls: Int { lock.withLock { count } }
}

/// The exact method under a scripted clock: once the deadline has passed, every phase (heuristic
/// start, bounds, column generation, pricing, diving, pattern MIP, model building, the compact
/// MIP, the infeasibility explanation) returns within a few polls, whichever phase the deadline
/// falls in. A phase that kept working (and polling) after the deadline would show here as
/// hundreds of polls past it; a phase that never polls could not stop at all and would make the
/// limits below unreachable for the expiry points inside it.
final class DeadlineTests: XCTestCase {
    /// Polls allowed after the one that found the deadline passed (each phase's own return
    /// path and the result's checks).
    static let pollsAfterDeadline = 40

    func testDeadlineArithmetic() {
        let clock = StepClock(step: 1)
        let deadline = Deadline.after(10, clock: clock)   // now = 1, end = 11
        XCTAssertEqual(deadline.end, 11)
        XCTAssertEqual(deadline.remaining, 9)             // now = 2
        XCTAssertFalse(deadline.isExpired)                // now = 3
        let half = deadline.fraction(0.5)                 // now = 4: end 4 + 7 / 2
        XCTAssertEqual(half.end, 7.5)
        XCTAssertEqual(deadline.capped(at: 1).end, 6)     // now = 5
        XCTAssertEqual(Deadline.none.remaining, .infinity)
        XCTAssertFalse(Deadline.none.isExpired)
    }

    /// Runs the exact method with a deadline that passes at each of `expiries` polls and checks
    /// the polls after it, the status and the checker.
    /// Returns the packing phases the runs reached. (A step of 10 µs keeps the backends' own
    /// real-time limits, which get the scripted seconds, short.)
    @discardableResult
    func assertStopsPromptly(_ instance: Instance, goal: Goal, method: ExactMethod = ExactMethod(),
                             expiries: [Int] = [1, 3, 10, 30, 100, 300, 1000, 3000],
                             file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let step = 1e-5
        var reached = Set<String>()
        for expiry in expiries {
            let clock = StepClock(step: step)
            var timed = method
            timed.clock = clock
            // The phases work to workingShare of the limit: the deadline is at `expiry` polls.
            let limit = Double(expiry) * step / 0.9
            let result = try timed.solve(instance, goal: goal, options: SolveOptions(timeLimit: limit))
            let after = clock.polls - expiry - 1
            reached.formUnion(result.statistics.keys.filter { $0.hasPrefix("phaseEnd.") }.map { String($0.dropFirst(9)) })
            XCTAssertLessThanOrEqual(after, Self.pollsAfterDeadline,
                                     "deadline at poll \(expiry): \(after) polls after it (\(result.status), \(result.notes))",
                                     file: file, line: line)
            XCTAssertNotEqual(result.status, .error, "deadline at poll \(expiry): \(result.notes)", file: file, line: line)
            if let placement = result.placement {
                let options = PlacementChecker.Options(enforceOverloadThresholds: goal == .hotspot)
                XCTAssertEqual(PlacementChecker.check(instance, placement, options: options), [],
                               "deadline at poll \(expiry)", file: file, line: line)
            }
            if let bound = result.bound, let objective = result.objective {
                XCTAssertLessThanOrEqual(bound, objective + 1e-9, "deadline at poll \(expiry)", file: file, line: line)
            }
        }
        return reached
    }

    func testPackingPipelineStopsAtTheDeadline() throws {
        // 40 VMs of 20–45 % of a host in 2 dimensions: bounds alone do not close the gap, so
        // column generation, diving and the MIPs all run when there is time.
        let instance = RandomInstances.make(seed: 11, vms: 40, hosts: 40, dimensions: 2, demandRange: 20...45)
        let reached = try assertStopsPromptly(instance, goal: .place,
                                              expiries: [1, 100, 300, 700, 1000, 1600, 3000, 6000, 12000, 25000, 50000])
        // The sweep put the deadline through every phase this instance needs: since the dives run
        // after an unconverged column generation (issue 19), they prove it optimal, so the
        // pattern MIPs and the tree are not reached here (their deadlines: BranchAndPriceTests).
        XCTAssertTrue(reached.isSuperset(of: ["heuristicStart", "bounds", "columnGeneration", "diving"]),
                      "phases reached: \(reached.sorted())")
        try assertStopsPromptly(instance, goal: .place, method: ExactMethod(solver: CBCSolver()), expiries: [10, 1000])
    }

    /// Wall-clock limits swept from 0.5 s to 12 s on an instance whose dives do not find the
    /// optimum (40 VMs in 3 dimensions, seed 34: the first pattern MIP proves it, ≈ 3 s in a debug
    /// build): the deadline falls in column generation, the dives and the pattern MIP, and every
    /// run returns within 10 % + 0.5 s of its limit with a checked placement (issue 19). (The
    /// tree's own deadline: BranchAndPriceTests; a seed search over 120 such instances found none
    /// that reaches the tree within seconds.)
    func testWallClockLimitHeldThroughThePatternMIP() throws {
        let instance = RandomInstances.make(seed: 34, vms: 40, hosts: 40, dimensions: 3, demandRange: 20...45)
        var reached = Set<String>()
        for limit in [0.5, 1.5, 3, 6, 12] {
            let start = Date()
            let result = try ExactMethod().solve(instance, goal: .place, options: SolveOptions(timeLimit: limit))
            let wall = Date().timeIntervalSince(start)
            XCTAssertLessThanOrEqual(wall, 1.1 * limit + 0.5, "limit \(limit) s: \(result.notes)")
            XCTAssertEqual(PlacementChecker.check(instance, try XCTUnwrap(result.placement)), [], "limit \(limit) s")
            if let bound = result.bound, let objective = result.objective { XCTAssertLessThanOrEqual(bound, objective + 1e-9) }
            reached.formUnion(result.statistics.keys.filter { $0.hasPrefix("phaseEnd.") }.map { String($0.dropFirst(9)) })
        }
        XCTAssertTrue(reached.isSuperset(of: ["columnGeneration", "diving", "firstPatternMIP"]), "phases reached: \(reached.sorted())")
    }

    func testCompactModelStopsAtTheDeadline() throws {
        // Anti-affinity and a current placement: the compact model (building, the MIP) solves.
        let instance = RandomInstances.make(seed: 5, vms: 30, hosts: 12, dimensions: 2, demandRange: 10...40,
                                            withCurrentPlacement: true, antiAffinityGroups: 4)
        try assertStopsPromptly(instance, goal: .consolidate)
        try assertStopsPromptly(instance, goal: .balance, expiries: [3, 100])
    }

    func testInfeasibilityExplanationStopsAtTheDeadline() throws {
        // Three VMs that each need more than half a host, two hosts: each fits alone (validation
        // passes), no packing exists, the MIP proves it and the deletion filter explains it.
        let instance = RandomInstances.make(seed: 1, vms: 3, hosts: 2, dimensions: 1, demandRange: 60...60)
        XCTAssertTrue(InstanceValidator.validate(instance).allSatisfy { $0.severity != .error })
        let untimed = try ExactMethod().solve(instance, goal: .place, options: SolveOptions(timeLimit: 60))
        XCTAssertEqual(untimed.status, .infeasible)
        XCTAssertTrue(untimed.notes.contains { $0.hasPrefix("infeasible core") }, "\(untimed.notes)")
        try assertStopsPromptly(instance, goal: .place, expiries: [1, 10, 30, 100, 300, 1000])
    }

    func testColumnGenerationAndKnapsackReturnAtAnExpiredDeadline() throws {
        let instance = RandomInstances.make(seed: 3, vms: 40, hosts: 40, dimensions: 2, demandRange: 20...45)
        let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
        let clock = StepClock(step: 1)
        let expired = Deadline(end: 0, clock: clock)
        let generation = ColumnGeneration(problem: problem, solver: GLPKSolver())
        let result = try generation.run(demand: problem.demand, initialPatterns: [], deadline: expired)
        XCTAssertEqual(result.iterations, 0)
        XCTAssertLessThanOrEqual(clock.polls, 2)
        let knapsack = VectorKnapsack.solve(values: problem.sizes.map { _ in 1 }, sizes: problem.sizes, bounds: problem.demand,
                                            capacity: problem.capacity, deadline: expired)
        XCTAssertFalse(knapsack.complete)
        XCTAssertLessThanOrEqual(clock.polls, 4)
    }
}
