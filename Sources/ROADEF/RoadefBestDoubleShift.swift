/// Double shift with the best partner (the shift-chain neighbourhood of the challenge's winners
/// S41 — Gavranović, Buljubašić & Demirović, "Variable neighborhood search for Google machine
/// reassignment problem", ENDM 39, 2012 — restricted to chains of two): p goes to machine `m`,
/// where it fits only once one of m's processes q has left; each q whose departure makes room for
/// p (capacity first, transient usage included) is tried on its best of `targets`, and the pair
/// with the lowest total change is the move. On tightly packed machines a random double shift
/// almost never fits; this one looks only at the partners that make room.
/// - Complexity: O(|m's processes| · (R + |targets| · (R + B + |service|))).
public enum RoadefBestDoubleShift {
    /// The best (q, q's target, total change) for moving p onto m, or nil when no partner on m
    /// makes a feasible pair; the state is left as it was.
    public static func best(_ state: RoadefSearchState, process p: Int, onto m: Int, targets: [Int]) -> (Int, Int, Int64)? {
        if Int(state.assignment[p]) == m { return nil }
        var best: (Int, Int, Int64)? = nil
        for q in state.processes(on: m).map(Int.init) where state.swapFitsCapacity(outgoing: q, incoming: p, on: m) {
            guard let (target, first) = state.bestShift(q, among: targets.filter { $0 != m }) else { continue }
            state.apply(shift: q, to: target)
            if let second = state.shiftDelta(p, to: m), best.map({ first + second < $0.2 }) ?? true {
                best = (q, target, first + second)
            }
            state.apply(shift: q, to: m)
        }
        return best
    }
}
