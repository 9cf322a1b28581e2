import Dispatch
import PlacementModel

/// The solve loop: fixed work epochs, each run by every worker in parallel (one late-acceptance
/// climber per thread, seeds derived from the seed and the worker index), merged
/// deterministically (lowest cost, ties to the lowest worker). The sequence of bests after each
/// epoch depends only on the model, the start, the seed and the thread count — never on the time
/// limit, which only decides how many epochs complete (an epoch cut short by the deadline is
/// discarded). Hence the best after the epochs a 10 s run completes equals the 10 s snapshot of a
/// longer run that completed as many epochs.
/// - Complexity: per epoch O(threads · epochCandidates · (R + B + |service|)) work on `threads`
///   cores; a merge O(P).
public enum RoadefSolver {
    /// Improves `initial` (which must be feasible); calls `onImprovement` whenever an epoch
    /// lowers the best cost and returns the best found.
    public static func solve(_ model: RoadefModel, initial: [Int32], options: RoadefSolveOptions,
                             onImprovement: (RoadefImprovement) throws -> Void) rethrows -> RoadefImprovement {
        let clock = ContinuousClock(), start = clock.now
        let deadline = start + .milliseconds(Int64(options.timeLimit * 1000))
        let workers = (0..<options.threads).map { w in
            RoadefLateAcceptance(
                state: RoadefSearchState(model: model, initial: initial, assignment: initial),
                seed: options.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(w) &* 0xD1B5_4A32_D192_ED03,
                historyLength: historyLength(base: options.historyLength, worker: w))
        }
        var best = RoadefImprovement(assignment: initial, cost: workers[0].bestCost, epoch: 0, seconds: 0)
        var epoch = 0
        while clock.now < deadline, epoch < (options.maximumEpochs ?? Int.max) {
            let completed = runEpoch(workers, options: options, remaining: { seconds(deadline - clock.now) })
            if !completed { break }
            epoch += 1
            if let w = bestWorker(workers), workers[w].bestCost < best.cost {
                best = RoadefImprovement(assignment: workers[w].best, cost: workers[w].bestCost, epoch: epoch,
                                         seconds: seconds(clock.now - start))
                try onImprovement(best)
            }
            if epoch % options.synchronizeEvery == 0 {
                for worker in workers where worker.bestCost > best.cost { worker.restart(from: best.assignment) }
            }
        }
        return best
    }

    /// Workers differ in history length, so two threads explore differently.
    static func historyLength(base: Int, worker: Int) -> Int {
        max(1, [base, base / 4, base * 4, base / 2][worker % 4])
    }

    static func bestWorker(_ workers: [RoadefLateAcceptance]) -> Int? {
        workers.indices.min { (workers[$0].bestCost, $0) < (workers[$1].bestCost, $1) }
    }

    /// Runs one epoch on all workers in parallel; false when the deadline cut it short.
    /// A sub-MIP never runs past the deadline (its GLPK limit is cut to the time remaining).
    static func runEpoch(_ workers: [RoadefLateAcceptance], options: RoadefSolveOptions, remaining: @escaping @Sendable () -> Double) -> Bool {
        let finished = FlagArray(count: workers.count)
        let work: @Sendable (Int) -> Void = { w in
            var done = workers[w].run(candidates: options.epochCandidates, shouldStop: { remaining() <= 0 })
            if done && options.lnsPerEpoch > 0 {
                let limit = min(options.lnsTimeLimit, remaining())
                if limit > 0.01 {
                    workers[w].largeNeighbourhood(steps: options.lnsPerEpoch, machines: options.lnsMachines, timeLimit: limit)
                }
                done = remaining() > 0
            }
            finished.set(w, done)
        }
        if workers.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers.count, execute: work) }
        return finished.all
    }

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One flag per worker, each written by its own thread only.
final class FlagArray: @unchecked Sendable {
    private var flags: [Bool]
    init(count: Int) { flags = [Bool](repeating: false, count: count) }
    func set(_ index: Int, _ value: Bool) { flags.withUnsafeMutableBufferPointer { $0[index] = value } }
    var all: Bool { flags.allSatisfy { $0 } }
}
