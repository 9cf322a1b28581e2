/// Big-process rearrangement, the ejection move of Gavranović, Buljubašić & Demirović's
/// variable neighbourhood search (team S41, "Variable neighborhood search for Google machine
/// reassignment problem", Electronic Notes in Discrete Mathematics 39, 2012): a big process is
/// put on a machine where it need not fit (conflict, spread and dependency must hold), then the
/// other processes of that machine are each shifted to their best feasible machine — whatever
/// the cost while the machine is over a capacity, only when it lowers the cost afterwards.
/// A move that leaves the machine over a capacity, or that `accept` refuses, is undone. It
/// makes the long chains a single shift cannot: emptying a machine for a process bigger than
/// any free space (a2_1's huge processes on machines too small for them).
/// - Complexity: O(k·T·(R + B + |service|)) for k processes on the target machine and T
///   ejection targets (all M machines, or the caller's list), plus O(k) to undo.
public enum RoadefBigProcessMove {
    /// Processes in decreasing size, size = Σ_r requirement / mean machine capacity of r.
    /// - Complexity: O(P·R + M·R + P log P).
    public static func processesBySize(_ model: RoadefModel) -> [Int32] {
        let R = model.resourceCount
        var mean = [Double](repeating: 0, count: R)
        for m in 0..<model.machineCount { for r in 0..<R { mean[r] += Double(model.capacity(m, r)) } }
        let size = (0..<model.processCount).map { p in
            (0..<R).reduce(0.0) { $0 + (mean[$1] > 0 ? Double(model.requirement(p, $1)) * Double(model.machineCount) / mean[$1] : 0) }
        }
        return (0..<model.processCount).sorted { (size[$0], $1) > (size[$1], $0) }.map { Int32($0) }
    }

    /// Moves p to `target` and shifts other processes off `target` as above, each to the best of
    /// `ejectionTargets` (every machine when nil); returns the cost change when the result is
    /// feasible and `accept` approves it, otherwise nil with the state as before.
    public static func tryMove(_ state: RoadefSearchState, process p: Int, to target: Int, ejectionTargets: [Int]? = nil,
                               accept: (Int64) -> Bool) -> Int64? {
        guard state.shiftDelta(p, to: target, checkingCapacity: false) != nil else { return nil }
        let before = state.total
        var undo: [(process: Int, from: Int)] = [(p, Int(state.assignment[p]))]
        state.apply(shift: p, to: target)
        for q in state.processes(on: target) where Int(q) != p {
            let over = !state.withinCapacity(target)
            guard let (m, delta) = state.bestShift(Int(q), among: ejectionTargets), over || delta < 0 else { continue }
            undo.append((Int(q), target))
            state.apply(shift: Int(q), to: m)
        }
        let delta = state.total - before
        if state.withinCapacity(target) && accept(delta) { return delta }
        for move in undo.reversed() { state.apply(shift: move.process, to: move.from) }
        return nil
    }
}
