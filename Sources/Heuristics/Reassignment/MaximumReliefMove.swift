/// Maximum relief (balance): repeatedly move one unit off the host of highest utilisation to a
/// host that stays below it, the move of best score first; the sequence is cut at its best
/// point and kept when that improves the score. Several hosts tied at the maximum all have to be
/// relieved before the maximum falls — a plateau single shifts cannot cross. The greedy
/// max-to-min step of VectorDot (Singh et al., SC'08) and Sandpiper (Wood et al., NSDI'07),
/// as an ejection-chain move of the local search.
/// - Complexity: O(steps · v · c · (d + partners + log m)) for v units on the hottest host.
extension ReassignmentState {
    /// Returns whether the score improved.
    mutating func relieveMaximum(candidates: [Int], steps: Int, perHost: Int) -> Bool {
        let before = score
        let start = mark
        var best = before
        var bestMark = start
        for _ in 0..<steps {
            let hot = utilisation.argument
            guard hot >= 0, count[hot] > 0 else { break }
            let level = utilisation(of: hot)
            var chosen: (score: ReassignmentScore, unit: Int, host: Int)? = nil
            for u in units(on: hot, limit: perHost) {
                for h in candidates where h != hot && mayHold(unit: u, on: h) {
                    let mark = self.mark
                    move(unit: u, to: h)
                    evaluations += 1
                    let relieved = utilisation(of: hot) < level - 1e-12 && utilisation(of: h) < level - 1e-12
                    let after = score
                    rollback(to: mark)
                    if relieved, after.violations == 0, chosen == nil || after < chosen!.score { chosen = (after, u, h) }
                }
            }
            guard let move = chosen else { break }
            self.move(unit: move.unit, to: move.host)
            if move.score < best { best = move.score; bestMark = mark }
        }
        rollback(to: bestMark)
        return bestMark != start
    }
}
