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
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: state.assignment)
            XCTAssertEqual(violations, [], "\(name) after \(applied) moves")
            XCTAssertEqual(cost, state.cost, "\(name) after \(applied) moves")
            if !violations.isEmpty { return }
        }
        XCTAssertEqual(applied, moves, "\(name): too few feasible moves found")
    }

    func testIncrementalStateAgreesWithTheScorerOnTiny() throws { try checkIncrementalState("tiny", moves: 20) }

    func testIncrementalStateAgreesWithTheScorerOnSetA() throws {
        // a1_2 (transient, dependencies), a1_4 (balance), a2_3 (12 resources, dependencies).
        for name in ["a1_2", "a1_4", "a2_3"] { try checkIncrementalState(name, moves: 100) }
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
