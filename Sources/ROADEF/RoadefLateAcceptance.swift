import PlacementModel

/// Late-acceptance hill climbing (Burke & Bykov, "The late acceptance hill-climbing heuristic",
/// European Journal of Operational Research 258(1), 2017) over random shifts, swaps (of a random
/// process with its best partner among a random machine's processes: most random pairs do not fit),
/// double shifts (one candidate in 4: a process makes room for another; a short ejection chain)
/// moves off costly machines (one in 4: a process of the costliest of 4 random machines, as hill
/// climbers of the challenge did, shifted to the best of 32 random targets or swapped with the
/// best partner among the processes of a random machine), (one in 16) the best shift of a random process and (one in 64) a big-process
/// rearrangement (``RoadefBigProcessMove``: one of the biggest tenth of the processes onto a random
/// machine, whose other processes are shifted away to make room), inside the feasible region: a candidate is accepted when it is no worse than the current cost or than the
/// cost `historyLength` accepted-or-rejected feasible candidates ago. When the trajectory has not
/// reached a new low for max(5 · historyLength, 20 · P) feasible candidates, a kick (back to the worker's best, then
/// 2–9 random feasible moves whatever their cost; iterated local search, Lourenço, Martin & Stützle 2003) moves it
/// elsewhere. The schedule counts candidates, never time, so a run is the same sequence of
/// states whatever its time limit.
/// - Complexity: O(R + B + |service| + dependencies) per shift candidate (``RoadefSearchState``),
///   O((P/M)·(R + B + |service|)) on average per swap, O(M·(R + B + |service|)) for a best shift and O((P/M)·M·(R + B + |service|)) for a
///   big-process rearrangement; O(P) to record a new best.
public final class RoadefLateAcceptance: @unchecked Sendable {
    public private(set) var state: RoadefSearchState
    private var random: SplitMix64
    private var history: [Int64]
    private var step = 0
    /// Feasible candidates since the trajectory last reached a new low (since the last kick).
    private var sinceLow = 0
    private var trajectoryLow: Int64
    /// Feasible candidates without a new low before a kick: max(5 · history, 20 · processes).
    private var stallLimit: Int { max(5 * history.count, 20 * state.model.processCount) }
    /// Share of candidates that are swaps (the rest are shifts), in 1/256.
    private let swapShare: UInt64
    public private(set) var best: [Int32]
    public private(set) var bestCost: Int64
    /// Processes in decreasing size (``RoadefBigProcessMove/processesBySize(_:)``).
    private let bySize: [Int32]

    public init(state: RoadefSearchState, seed: UInt64, historyLength: Int, swapShare: Double = 0.5) {
        self.state = state
        random = SplitMix64(seed: seed)
        history = [Int64](repeating: state.total, count: max(1, historyLength))
        self.swapShare = UInt64(max(0, min(1, swapShare)) * 256)
        best = state.assignment
        bestCost = state.total
        trajectoryLow = state.total
        bySize = RoadefBigProcessMove.processesBySize(state.model)
    }

    /// Continues from `assignment` (the shared best), keeping the random stream.
    public func restart(from assignment: [Int32]) {
        state = RoadefSearchState(model: state.model, initial: state.initial, assignment: assignment)
        for k in history.indices { history[k] = state.total }
        best = assignment
        bestCost = state.total
        trajectoryLow = state.total
        sinceLow = 0
    }

    /// Runs `candidates` candidate moves; returns false (leaving a state that must be discarded)
    /// when `shouldStop` says so first (it is asked every 1 024 candidates).
    public func run(candidates: Int, shouldStop: () -> Bool) -> Bool {
        let processCount = UInt64(state.model.processCount), machineCount = UInt64(state.model.machineCount)
        if processCount == 0 || machineCount < 2 { return true }
        var current = state.total
        for k in 0..<candidates {
            if k & 1023 == 0 && shouldStop() { return false }
            let slot = step % history.count
            let threshold = max(history[slot], current)
            var accepted: Int64? = nil
            var feasible = false
            let draw = random.next()
            if draw >> 60 == 0 {
                // One in 16 candidates: the best shift of a random process over every machine.
                let p = Int(random.next() % processCount)
                if let (m, delta) = state.bestShift(p) {
                    feasible = true
                    if current + delta <= threshold {
                        state.apply(shift: p, to: m)
                        accepted = delta
                    }
                }
            } else if draw >> 58 == 4 {
                // One in 64: a big-process rearrangement — one of the biggest tenth of the
                // processes onto a random machine, that machine's others shifted away.
                let p = Int(bySize[Int(random.next() % UInt64(max(1, bySize.count / 10)))])
                let m = Int(random.next() % machineCount)
                accepted = RoadefBigProcessMove.tryMove(state, process: p, to: m, ejectionTargets: ejectionTargets(freeing: p)) { delta in
                    feasible = true
                    return current + delta <= threshold
                }
            } else if draw >> 62 == 2 {
                // One in 4: a shift of a process off the costliest of 4 random machines.
                let candidates = (0..<4).map { _ in Int(random.next() % machineCount) }
                if let p = state.processOnCostlyMachine(candidates, pick: random.next()) {
                    if random.next() & 1 == 0, let (m, delta) = bestSampledShift(p) {
                        // The best of a few random targets: on load-dominated instances (a2_*)
                        // one random target is rarely below its safety capacity.
                        feasible = true
                        if current + delta <= threshold {
                            state.apply(shift: p, to: m)
                            accepted = delta
                        }
                    } else if let p2 = state.bestSwap(p, withProcessesOn: Int(random.next() % machineCount))?.0 {
                        // The best swap with a process of a random machine: room is made on the
                        // target in one move, and most random partners would not fit.
                        accepted = state.trySwap(p, p2) { delta in
                            feasible = true
                            return current + delta <= threshold
                        }
                    }
                }
            } else if draw >> 62 == 1 {
                // One in 4: a double shift (p2 makes room on p1's target by moving elsewhere).
                let p1 = Int(random.next() % processCount), p2 = Int(random.next() % processCount)
                let m3 = Int(random.next() % machineCount)
                accepted = tryDoubleShift(p1, p2, m3) { delta in
                    feasible = true
                    return current + delta <= threshold
                }
            } else if draw & 255 < swapShare {
                let p1 = Int(random.next() % processCount)
                guard let p2 = state.bestSwap(p1, withProcessesOn: Int(random.next() % machineCount))?.0 else { continue }
                accepted = state.trySwap(p1, p2) { delta in
                    feasible = true
                    return current + delta <= threshold
                }
            } else {
                let p = Int(random.next() % processCount), m = Int(random.next() % machineCount)
                if let delta = state.shiftDelta(p, to: m) {
                    feasible = true
                    if current + delta <= threshold {
                        state.apply(shift: p, to: m)
                        accepted = delta
                    }
                }
            }
            if let delta = accepted { current += delta }
            guard feasible else { continue }
            if current < history[slot] { history[slot] = current }
            step += 1
            if current < bestCost {
                bestCost = current
                best = state.assignment
            }
            if current < trajectoryLow {
                trajectoryLow = current
                sinceLow = 0
            } else {
                sinceLow += 1
                if sinceLow > stallLimit { current = kick() }
            }
        }
        return true
    }

    /// Runs `steps` machine LNS steps (``RoadefMachineLNS``) on `machines` random machines each.
    public func largeNeighbourhood(steps: Int, machines: Int, timeLimit: Double) {
        let machineCount = state.model.machineCount
        let k = min(machines, machineCount)
        if k < 2 { return }
        for _ in 0..<steps {
            var chosen = [Int]()
            while chosen.count < k {
                let m = Int(random.next() % UInt64(machineCount))
                if !chosen.contains(m) { chosen.append(m) }
            }
            let delta = RoadefMachineLNS.improve(state, machines: chosen.sorted(), timeLimit: timeLimit)
            if delta < 0 && state.total < bestCost {
                bestCost = state.total
                best = state.assignment
            }
        }
        trajectoryLow = min(trajectoryLow, state.total)
    }

    /// Moves p2 to m3, then p1 to p2's former machine, when both shifts are feasible in turn and
    /// `accept` approves the sum; otherwise leaves the state as it was.
    private func tryDoubleShift(_ p1: Int, _ p2: Int, _ m3: Int, accept: (Int64) -> Bool) -> Int64? {
        let m2 = Int(state.assignment[p2])
        if p1 == p2 || Int(state.assignment[p1]) == m2 { return nil }
        guard let first = state.shiftDelta(p2, to: m3) else { return nil }
        state.apply(shift: p2, to: m3)
        if let second = state.shiftDelta(p1, to: m2), accept(first + second) {
            state.apply(shift: p1, to: m2)
            return first + second
        }
        state.apply(shift: p2, to: m2)
        return nil
    }

    /// Machines a big-process move may eject to: all (nil) up to ``ejectionTargetLimit``
    /// machines, otherwise the big process's own machine (which it frees) and random others, so
    /// that one move stays O(P/M · limit) on set-B sizes.
    private func ejectionTargets(freeing p: Int) -> [Int]? {
        let machineCount = state.model.machineCount
        if machineCount <= Self.ejectionTargetLimit { return nil }
        return [Int(state.assignment[p])] + (1..<Self.ejectionTargetLimit).map { _ in Int(random.next() % UInt64(machineCount)) }
    }

    /// Ejection targets of a big-process move on models with more machines (set A has ≤ 100).
    static let ejectionTargetLimit = 128

    /// Targets sampled by ``bestSampledShift(_:)``.
    static let sampledTargets = 32

    /// The lowest feasible shift delta for p over ``sampledTargets`` random machines (ties to
    /// the first drawn); O(sampledTargets · (R + B + |service|)) whatever the machine count.
    private func bestSampledShift(_ p: Int) -> (Int, Int64)? {
        let machineCount = UInt64(state.model.machineCount)
        var best: (Int, Int64)? = nil
        for _ in 0..<Self.sampledTargets {
            let m = Int(random.next() % machineCount)
            if let delta = state.shiftDelta(p, to: m), best.map({ delta < $0.1 }) ?? true { best = (m, delta) }
        }
        return best
    }

    /// Goes back to the worker's best, applies 2–9 random feasible moves whatever their cost
    /// and restarts the history there;
    /// returns the new current cost.
    private func kick() -> Int64 {
        if bestCost < state.total { state = RoadefSearchState(model: state.model, initial: state.initial, assignment: best) }
        let processCount = UInt64(state.model.processCount), machineCount = UInt64(state.model.machineCount)
        let moves = 2 + Int(random.next() % 8)
        var done = 0
        for _ in 0..<(moves * 1000) where done < moves {
            if random.next() & 1 == 0 {
                let p1 = Int(random.next() % processCount), p2 = Int(random.next() % processCount)
                if state.trySwap(p1, p2, accept: { _ in true }) != nil { done += 1 }
            } else {
                let p = Int(random.next() % processCount), m = Int(random.next() % machineCount)
                if state.shiftDelta(p, to: m) != nil { state.apply(shift: p, to: m); done += 1 }
            }
        }
        let current = state.total
        for k in history.indices { history[k] = current }
        trajectoryLow = current
        sinceLow = 0
        return current
    }
}
