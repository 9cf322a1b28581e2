/// Return home with ejection (hotspot, balance): a unit that was migrated goes back to its
/// current host and, to make room there, another unit of that host leaves to a candidate host —
/// relieving a hot spot with a cheaper VM than the one moved first. An ejection chain of length
/// two (Glover, Discrete Applied Math. 1996; Yagiura et al., INFORMS J. Computing 2004).
/// - Complexity: O(w·c·(d + partners + log m)) for w units on the home host and c candidates.
extension ReassignmentState {
    /// Applies the best improving return of unit `u` with one ejection; returns whether it did.
    mutating func returnHome(unit u: Int, candidates: [Int], perHost: Int) -> Bool {
        let vm = model.units[u][0]
        let home = model.home[vm], now = hostOf(unit: u)
        guard home >= 0, now >= 0, now != home, model.units[u].allSatisfy({ model.home[$0] == home }) else { return false }
        let before = score
        var best = before
        var chosen: (unit: Int, host: Int)? = nil
        let start = mark
        move(unit: u, to: home)
        for w in units(on: home, limit: perHost, excluding: u) {
            for t in candidates where t != home && mayHold(unit: w, on: t) {
                let inner = mark
                move(unit: w, to: t)
                evaluations += 1
                let after = score
                rollback(to: inner)
                if after < best { best = after; chosen = (w, t) }
            }
        }
        guard let (w, t) = chosen else { rollback(to: start); return false }
        move(unit: w, to: t)
        return true
    }

    /// Whether `after` is a better choice than `incumbent` for a move from a state scored
    /// `before`: while (hotspot) load is above the thresholds, the move of least objective
    /// increase per unit of excess removed; otherwise the lower score.
    func isPreferable(_ after: ReassignmentScore, to incumbent: ReassignmentScore, from before: ReassignmentScore) -> Bool {
        guard model.countsExcess, before.excess > 1e-9, after < before, incumbent < before,
              after.violations == incumbent.violations, after.unplaced == incumbent.unplaced,
              after.excess < before.excess - 1e-9, incumbent.excess < before.excess - 1e-9 else { return after < incumbent }
        let a = (after.objective - before.objective) / (before.excess - after.excess)
        let b = (incumbent.objective - before.objective) / (before.excess - incumbent.excess)
        return a < b - 1e-12
    }
}
