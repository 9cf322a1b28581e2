/// Swap: two units on different hosts exchange hosts — the second neighbourhood of assignment
/// local search, which reaches placements no single shift can when both hosts are full
/// (Yagiura, Ibaraki, Glover, INFORMS J. Computing 2004).
/// - Complexity: O(c·w·(d + partners + log m)) for c candidate hosts and w units tried on each.
extension ReassignmentState {
    /// Up to `limit` distinct movable units on host `h` other than `excluded`, in list order.
    func units(on h: Int, limit: Int, excluding excluded: Int = -1) -> [Int] {
        var found: [Int] = []
        for vm in members[h] {
            let u = model.unitOf[vm]
            if u != excluded, model.movable[u], !found.contains(u) {
                found.append(u)
                if found.count == limit { break }
            }
        }
        return found
    }

    /// Applies the best swap of unit `u` with a unit on one of `candidates` (at most `perHost`
    /// units tried on each) when it improves the score. Returns whether a swap was made.
    mutating func bestSwap(unit u: Int, candidates: [Int], perHost: Int) -> Bool {
        let a = hostOf(unit: u)
        guard a >= 0 else { return false }
        let single = model.units[u].count == 1 ? model.units[u][0] : -1
        let before = score
        var best = before
        var chosen: (host: Int, unit: Int)? = nil
        for b in candidates where b != a && count[b] > 0 && model.units[u].allSatisfy({ model.isEligible($0, b) }) {
            for w in units(on: b, limit: perHost, excluding: u) where model.units[w].allSatisfy({ model.isEligible($0, a) }) {
                if single >= 0, model.units[w].count == 1 {
                    let other = model.units[w][0]
                    guard mayHold(single, on: b, leaving: other), mayHold(other, on: a, leaving: single) else { continue }
                }
                let mark = self.mark
                move(unit: u, to: b)
                move(unit: w, to: a)
                evaluations += 1
                let after = score
                rollback(to: mark)
                if after < before, chosen == nil || isPreferable(after, to: best, from: before) { best = after; chosen = (b, w) }
            }
        }
        guard let (b, w) = chosen else { return false }
        move(unit: u, to: b)
        move(unit: w, to: a)
        return true
    }
}
