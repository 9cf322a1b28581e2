import Foundation
import PlacementModel
import ROADEF
import TestSupport
import XCTest

/// The incremental state agrees with the independent scorer; the solver stays feasible and is
/// deterministic for a seed and a thread count.
final class RoadefSearchTests: XCTestCase {
    func load(_ name: String) throws -> (RoadefModel, [Int32]) {
        if name == "tiny" {
            let model = try RoadefReader.readModel(path: SharedData.instances("roadef/model_tiny.txt"))
            return (model, try RoadefReader.readAssignment(path: SharedData.instances("roadef/assignment_tiny.txt"), model: model))
        }
        guard let folder = SharedData.path("roadef2012/A") else { throw XCTSkip("../shared/data/roadef2012 is absent") }
        let model = try RoadefReader.readModel(path: "\(folder)/model_\(name).txt")
        return (model, try RoadefReader.readAssignment(path: "\(folder)/assignment_\(name).txt", model: model))
    }

    /// The instance and a search state at its initial assignment.
    func start(_ name: String) throws -> (RoadefModel, [Int32], RoadefSearchState) {
        let (model, initial) = try load(name)
        return (model, initial, RoadefSearchState(model: model, initial: initial, assignment: initial))
    }

    /// Whether the independent scorer finds the state's assignment feasible at the state's cost
    /// (asserted, with `label`).
    func agreesWithTheScorer(_ state: RoadefSearchState, _ label: String) -> Bool {
        let (cost, violations) = RoadefScore.evaluate(state.model, initial: state.initial, solution: state.assignment)
        XCTAssertEqual(violations, [], label)
        XCTAssertEqual(cost, state.cost, label)
        return violations.isEmpty && cost == state.cost
    }

    /// Random feasible shifts and swaps: after each, the kept total equals a full rescoring and
    /// no constraint is violated; a shift's predicted delta is the realised one.
    func checkIncrementalState(_ name: String, moves: Int) throws {
        let (model, initial) = try load(name)
        let state = RoadefSearchState(model: model, initial: initial, assignment: initial)
        var random = SplitMix64(seed: 7)
        var applied = 0
        for _ in 0..<(moves * 200) where applied < moves {
            let before = state.total
            if random.next() & 1 == 0 {
                let p = Int(random.next() % UInt64(model.processCount)), m = Int(random.next() % UInt64(model.machineCount))
                guard let delta = state.shiftDelta(p, to: m) else { continue }
                state.apply(shift: p, to: m)
                XCTAssertEqual(state.total, before + delta, "\(name) shift")
            } else {
                let p1 = Int(random.next() % UInt64(model.processCount)), p2 = Int(random.next() % UInt64(model.processCount))
                guard let delta = state.trySwap(p1, p2, accept: { _ in true }) else { continue }
                XCTAssertEqual(state.total, before + delta, "\(name) swap")
            }
            applied += 1
            if !agreesWithTheScorer(state, "\(name) after \(applied) moves") { return }
        }
        XCTAssertEqual(applied, moves, "\(name): too few feasible moves found")
    }

    func testIncrementalStateAgreesWithTheScorerOnTiny() throws { try checkIncrementalState("tiny", moves: 20) }

    func testIncrementalStateAgreesWithTheScorerOnSetA() throws {
        // a1_2 (transient, dependencies), a1_4 (balance), a2_3 (12 resources, dependencies).
        for name in ["a1_2", "a1_4", "a2_3"] { try checkIncrementalState(name, moves: 100) }
    }

    /// Every random shift and swap from a state kept feasible: the state calls it feasible
    /// exactly when the independent scorer does, and its delta is the scorer's difference.
    func checkDeltasAndFeasibilityAgainstTheScorer(_ name: String, moves: Int) throws {
        let (model, initial, state) = try start(name)
        var random = SplitMix64(seed: 11)
        var feasibleSeen = 0
        for k in 0..<moves {
            let p = Int(random.next() % UInt64(model.processCount))
            let other = Int(random.next() % UInt64(k & 1 == 0 ? model.machineCount : model.processCount))
            var candidate = state.assignment
            var predicted: Int64? = nil
            if k & 1 == 0 {
                if other == Int(state.assignment[p]) { continue }
                candidate[p] = Int32(other)
                predicted = state.shiftDelta(p, to: other)
            } else {
                if state.assignment[p] == state.assignment[other] { continue }
                candidate.swapAt(p, other)
                _ = state.trySwap(p, other) { delta in predicted = delta; return false }
            }
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: candidate)
            XCTAssertEqual(predicted != nil, violations.isEmpty, "\(name) move \(k): state and scorer disagree on feasibility")
            guard let predicted, violations.isEmpty else { continue }
            XCTAssertEqual(state.total + predicted, cost.total, "\(name) move \(k)")
            feasibleSeen += 1
            // Walk on: every other feasible candidate is applied.
            if feasibleSeen & 1 == 0 {
                if k & 1 == 0 { state.apply(shift: p, to: other) } else { _ = state.trySwap(p, other, accept: { _ in true }) }
                XCTAssertEqual(state.assignment, candidate)
                XCTAssertEqual(state.total, cost.total)
            }
        }
        XCTAssertGreaterThan(feasibleSeen, moves / 50, "\(name): too few feasible candidates to test")
    }

    func testShiftAndSwapAgreeWithTheScorerOnTiny() throws { try checkDeltasAndFeasibilityAgainstTheScorer("tiny", moves: 4_000) }

    func testShiftAndSwapAgreeWithTheScorerOnSetA() throws {
        for name in ["a1_2", "a2_1", "a2_3"] { try checkDeltasAndFeasibilityAgainstTheScorer(name, moves: 500) }
    }

    /// The best swap of p with a machine's processes has the lowest delta of the scorer's over
    /// every feasible exchange with them (nil when there is none) and leaves the state as it was.
    func checkBestSwap(_ name: String, trials: Int, feasibleAtLeast minimum: Int = 1) throws {
        let (model, initial, state) = try start(name)
        var random = SplitMix64(seed: 19)
        var found = 0
        for k in 0..<trials {
            let p = Int(random.next() % UInt64(model.processCount)), m = Int(random.next() % UInt64(model.machineCount))
            let (assignment, total) = (state.assignment, state.total)
            let best = state.bestSwap(p, withProcessesOn: m)
            XCTAssertEqual(state.assignment, assignment, "\(name) trial \(k): state changed")
            XCTAssertEqual(state.total, total, "\(name) trial \(k): state changed")
            var lowest: Int64? = nil
            for q in 0..<model.processCount where Int(state.assignment[q]) == m && state.assignment[p] != Int32(m) {
                var candidate = state.assignment
                candidate.swapAt(p, q)
                let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: candidate)
                if violations.isEmpty { lowest = min(lowest ?? .max, cost.total - total) }
            }
            XCTAssertEqual(best?.1, lowest, "\(name) trial \(k)")
            guard let (q, delta) = best else { continue }
            found += 1
            // Walk on: apply it; the realised change is the predicted one.
            XCTAssertEqual(state.trySwap(p, q, accept: { _ in true }), delta)
            if !agreesWithTheScorer(state, "\(name) trial \(k)") { return }
        }
        XCTAssertGreaterThanOrEqual(found, minimum, "\(name): too few feasible swaps to test")
    }

    /// Tiny's four processes admit no feasible swap: every answer must be nil.
    func testBestSwapIsTheScorersLowestOnTiny() throws { try checkBestSwap("tiny", trials: 200, feasibleAtLeast: 0) }

    func testBestSwapIsTheScorersLowestOnSetA() throws {
        // a1_2 (transient, dependencies), a2_3 (12 resources, dependencies: swaps of linked services).
        for name in ["a1_2", "a2_3"] { try checkBestSwap(name, trials: 100, feasibleAtLeast: 5) }
    }

    /// Random big-process rearrangements, each accepted: the kept total is the scorer's and no
    /// constraint breaks; a refused or impossible one leaves the state exactly as it was.
    func checkBigProcessMoves(_ name: String, moves: Int) throws {
        let (model, _, state) = try start(name)
        var random = SplitMix64(seed: 13)
        var applied = 0
        for k in 0..<moves {
            let p = Int(random.next() % UInt64(model.processCount)), m = Int(random.next() % UInt64(model.machineCount))
            let (assignment, total) = (state.assignment, state.total)
            let accept = k % 3 != 0
            if let delta = RoadefBigProcessMove.tryMove(state, process: p, to: m, accept: { _ in accept }) {
                XCTAssertTrue(accept)
                XCTAssertEqual(state.total, total + delta, "\(name) move \(k)")
                if !agreesWithTheScorer(state, "\(name) move \(k)") { return }
                applied += 1
            } else {
                XCTAssertEqual(state.assignment, assignment, "\(name) move \(k): not undone")
                XCTAssertEqual(state.total, total, "\(name) move \(k): not undone")
            }
        }
        XCTAssertGreaterThan(applied, 0, "\(name): no big-process move was feasible")
    }

    func testBigProcessMovesStayFeasibleAndExactOnTiny() throws { try checkBigProcessMoves("tiny", moves: 2_000) }

    func testBigProcessMovesStayFeasibleAndExactOnSetA() throws {
        // a2_1: its huge processes only move with room made; a1_2: transient resources and
        // dependencies; a1_4: balance costs and 50 neighbourhoods.
        for name in ["a2_1", "a1_2", "a1_4"] { try checkBigProcessMoves(name, moves: 300) }
    }

    /// With a list of ejection targets, every process the move sends away lands on one of them.
    func testBigProcessMovesEjectOnlyToTheGivenTargets() throws {
        let (model, _, state) = try start("a2_1")
        var random = SplitMix64(seed: 17)
        let targets = Array(0..<20)
        var applied = 0
        for _ in 0..<300 {
            let p = Int(random.next() % UInt64(model.processCount)), m = 20 + Int(random.next() % UInt64(model.machineCount - 20))
            let before = state.assignment
            guard RoadefBigProcessMove.tryMove(state, process: p, to: m, ejectionTargets: targets, accept: { _ in true }) != nil else { continue }
            for q in 0..<model.processCount where q != p && state.assignment[q] != before[q] {
                XCTAssertTrue(targets.contains(Int(state.assignment[q])), "process \(q) ejected to machine \(state.assignment[q])")
            }
            XCTAssertTrue(agreesWithTheScorer(state, "move of \(p) to \(m)"))
            applied += 1
        }
        XCTAssertGreaterThan(applied, 0)
    }

    func testProcessesBySizeAreInDecreasingSize() throws {
        let (model, _) = try load("tiny")
        let order = RoadefBigProcessMove.processesBySize(model)
        XCTAssertEqual(Set(order), Set((0..<Int32(model.processCount))))
        // Mean capacities r0 32/3, r1 20: sizes p2 (5, 4) 0.67, p3 (2, 6) 0.49, p0 (4, 2) 0.48, p1 (3, 3) 0.43.
        XCTAssertEqual(order, [2, 3, 0, 1])
    }

    func testSolverIsFeasibleAndDeterministicForSeedAndThreads() throws {
        let (model, initial) = try load("a1_2")
        func run(threads: Int) -> RoadefImprovement {
            var options = RoadefSolveOptions(timeLimit: 60, seed: 5, threads: threads, epochCandidates: 5_000, maximumEpochs: 4)
            options.lnsMachines = 2
            return RoadefSolver.solve(model, initial: initial, options: options) { _ in }
        }
        let first = run(threads: 2), second = run(threads: 2)
        XCTAssertEqual(first.assignment, second.assignment)
        XCTAssertEqual(first.cost, second.cost)
        let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: first.assignment)
        XCTAssertEqual(violations, [])
        XCTAssertEqual(cost.total, first.cost)
        XCTAssertLessThan(first.cost, RoadefScore.evaluate(model, initial: initial, solution: initial).cost.total)
    }

    /// The schedule does not depend on the run length: the best after 2 epochs of a 4-epoch run
    /// is the result of a 2-epoch run (what makes a long run's snapshots equal shorter runs).
    func testShortRunEqualsTheSnapshotOfALongerRun() throws {
        let (model, initial) = try load("a1_2")
        func run(epochs: Int, record: inout [RoadefImprovement]) -> RoadefImprovement {
            let options = RoadefSolveOptions(timeLimit: 60, seed: 9, threads: 2, epochCandidates: 3_000, maximumEpochs: epochs)
            return RoadefSolver.solve(model, initial: initial, options: options) { record.append($0) }
        }
        var shortBests = [RoadefImprovement](), longBests = [RoadefImprovement]()
        let short = run(epochs: 2, record: &shortBests)
        _ = run(epochs: 4, record: &longBests)
        let snapshot = longBests.last { $0.epoch <= 2 }
        XCTAssertEqual(snapshot?.assignment, short.assignment)
        XCTAssertEqual(snapshot?.cost, short.cost)
        XCTAssertEqual(shortBests.map(\.cost), longBests.filter { $0.epoch <= 2 }.map(\.cost))
    }

    func testMachineLNSNeverWorsensNorBreaksConstraints() throws {
        let (model, initial) = try load("a1_1")
        let state = RoadefSearchState(model: model, initial: initial, assignment: initial)
        var improved = false
        for machines in [[0, 1], [1, 2], [2, 3], [0, 3]] {
            let before = state.total
            let delta = RoadefMachineLNS.improve(state, machines: machines, timeLimit: 20)
            XCTAssertLessThanOrEqual(delta, 0)
            XCTAssertEqual(state.total, before + delta)
            improved = improved || delta < 0
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: state.assignment)
            XCTAssertEqual(violations, [])
            XCTAssertEqual(cost.total, state.total)
        }
        XCTAssertTrue(improved, "no sub-MIP improved a1_1's initial assignment")
    }
}
