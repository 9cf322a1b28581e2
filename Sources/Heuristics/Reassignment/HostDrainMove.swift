/// Host drain with ejection chains: every unit of one host leaves, each to the candidate host
/// where the score is best; a unit that fits nowhere ejects a unit of a candidate host to a
/// third host first (a chain of length two). The compound move is kept only when the whole
/// drain improves the score — it saves the host's open cost, which no single shift can.
/// Glover, "Ejection chains, reference structures and alternating path methods for traveling
/// salesman problems" (Discrete Applied Math. 1996); Yagiura et al. (INFORMS J. Computing 2004).
/// - Complexity: O(v·c·(d + partners + log m)) for v units on the host and c candidates, plus
///   at most `ejections`² evaluations per unit that needs a chain.
extension ReassignmentState {
    /// Empties host `a` into `candidates` when that improves the score; returns whether it did.
    mutating func drain(host a: Int, candidates: [Int], ejections: Int = 6) -> Bool {
        let onHost = units(on: a, limit: Int.max)
        guard !onHost.isEmpty, members[a].allSatisfy({ model.movable[model.unitOf[$0]] }) else { return false }
        let before = score
        let start = mark
        let receivers = candidates.filter { $0 != a && count[$0] > 0 }
        let order = onHost.sorted { (size(unit: $0), $1) > (size(unit: $1), $0) }
        for u in order {
            var best: ReassignmentScore? = nil
            var target = -1
            for h in receivers where mayHold(unit: u, on: h) {
                let after = scoreOfShift(unit: u, to: h)
                if after.violations == 0, best == nil || after < best! { best = after; target = h }
            }
            if target >= 0 { move(unit: u, to: target); continue }
            if !eject(into: u, avoiding: a, receivers: receivers, limit: ejections) { rollback(to: start); return false }
        }
        if score < before { return true }
        rollback(to: start)
        return false
    }

    /// Moves unit `u` to a receiver after moving one of the receiver's units to a third host
    /// (neither `a` nor the receiver); returns whether a feasible chain was found.
    mutating func eject(into u: Int, avoiding a: Int, receivers: [Int], limit: Int) -> Bool {
        for g in receivers.prefix(limit) where model.units[u].allSatisfy({ model.isEligible($0, g) }) {
            for w in units(on: g, limit: limit) {
                let mark = self.mark
                move(unit: u, to: g)
                move(unit: w, to: -1)
                for t in receivers.prefix(4 * limit) where t != g && t != a && mayHold(unit: w, on: t) {
                    let inner = self.mark
                    move(unit: w, to: t)
                    evaluations += 1
                    if violations == 0 { return true }
                    rollback(to: inner)
                }
                rollback(to: mark)
            }
        }
        return false
    }

    /// Σ of the unit's demands normalised by the largest capacity (its packing size).
    func size(unit u: Int) -> Double {
        let d = model.dimensions
        var total = 0.0
        for vm in model.units[u] { for k in 0..<d { total += model.demand[vm * d + k] / max(model.largestCapacity[k], 1e-12) } }
        return total
    }
}
