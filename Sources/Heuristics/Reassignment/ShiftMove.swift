import PlacementModel

/// Shift: one unit (a VM, or an affinity group as a whole) to another host — the basic move of
/// local search for generalised assignment (e.g. Yagiura, Ibaraki, Glover, "An ejection chain
/// approach for the generalized assignment problem", INFORMS J. Computing 2004).
/// - Complexity: O(c·(d + partners + log m)) for c candidate hosts.
extension ReassignmentState {
    /// Cheap pre-test of `vm` on `h`: eligible, and (without memory sharing) fits by capacity —
    /// by the overload thresholds when it is a voluntary migration and receivers stay under them — after
    /// taking `leaving` (−1: none) off. A true answer still needs the full evaluation.
    func mayHold(_ vm: Int, on h: Int, leaving: Int = -1) -> Bool {
        guard model.isEligible(vm, h) else { return false }
        guard model.sharingPartners[vm].isEmpty else { return true }
        let d = model.dimensions
        let limited = model.receiversUnderThreshold && model.receiverRuleBinds[h] && model.isVoluntary(vm, h)
        for k in 0..<d {
            var after = load[h * d + k] + model.demand[vm * d + k]
            if leaving >= 0, host[leaving] == h { after -= model.demand[leaving * d + k] }
            let c = limited ? model.thresholdLoad[h * d + k] : model.capacity[h * d + k]
            if Instance.exceeds(after, c) { return false }
        }
        return true
    }

    /// Whether every member of unit `u` passes ``mayHold(_:on:leaving:)`` on `h`.
    func mayHold(unit u: Int, on h: Int) -> Bool {
        model.units[u].allSatisfy { model.isEligible($0, h) } && (model.units[u].count > 1 || mayHold(model.units[u][0], on: h))
    }

    /// Score after moving unit `u` to `h` (the state is unchanged afterwards).
    mutating func scoreOfShift(unit u: Int, to h: Int) -> ReassignmentScore {
        let mark = self.mark
        move(unit: u, to: h)
        evaluations += 1
        let after = score
        rollback(to: mark)
        return after
    }

    /// Applies the best shift of unit `u` to one of `candidates` when it improves the score.
    /// Ties go to the earlier candidate. Returns whether a shift was made.
    mutating func bestShift(unit u: Int, candidates: [Int]) -> Bool {
        let from = hostOf(unit: u)
        let before = score
        var best = before
        var target = -1
        for h in candidates where h != from && mayHold(unit: u, on: h) {
            let after = scoreOfShift(unit: u, to: h)
            if after < before, target < 0 || isPreferable(after, to: best, from: before) { best = after; target = h }
        }
        guard target >= 0 else { return false }
        move(unit: u, to: target)
        return true
    }
}
