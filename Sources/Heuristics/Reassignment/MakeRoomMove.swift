import PlacementModel

/// Make room (hotspot, any goal's evictions): a unit that must leave a host but that none of the
/// sampled candidates may hold goes to any host of the cluster that may hold it; when none may,
/// room is made first — the cheapest cover of what the unit would put above a receiver's limit
/// leaves that receiver for other hosts, then the unit moves in. An ejection chain of depth two
/// (Glover, "Ejection chains, reference structures and alternating path methods for traveling
/// salesman problems", Discrete Applied Mathematics 65, 1996; the "big process rearrangement" of
/// Gavranović, Buljubašić, Demirović, ROADEF/EURO Challenge 2012) for the big VMs of a crowded
/// cluster, where every host with room for them is far from the sample of candidates or full.
/// The caller keeps the result only when the score improves.
/// - Complexity: O(m · d) to find the hosts, plus for each of ``roomReceivers`` receivers the
///   covering search (``CoverSearch``) and O(s · (m · d + c · (d + partners + log m))) to send
///   the s units of each of ``roomCovers`` covers on.
extension ReassignmentState {
    /// Receivers tried for room, least short of room first.
    static let roomReceivers = 4
    /// Covers tried on each receiver.
    static let roomCovers = 2
    /// Hosts that may hold a unit compared by score when any host will do (a deterministic
    /// rotation through the hosts, starting at one that depends on the unit).
    static let anyHostCandidates = 16

    /// Places unit `u` (now on `h`) on the best of the first ``anyHostCandidates`` hosts that may
    /// hold it, or, with `makingRoom` and when none may, on a receiver emptied enough for it.
    /// False (and nothing moved) when neither works.
    mutating func placeAnywhere(unit u: Int, from h: Int, makingRoom: Bool) -> Bool {
        moveToBestHostAnywhere(u, avoiding: [h]) || (makingRoom && makeRoom(for: u, from: h))
    }

    /// The host among `hosts` — the first `limit` of them that may hold `u`, none of `avoiding`
    /// nor `u`'s own — where the score after the move is best (the earlier on ties); −1 when none may.
    /// - Complexity: O(|hosts| · d + limit · (d + partners + log m)).
    mutating func bestTarget(for u: Int, among hosts: some Sequence<Int>, avoiding: [Int], limit: Int = .max) -> Int {
        var target = -1, found = 0
        var best: ReassignmentScore? = nil
        for t in hosts where !avoiding.contains(t) && t != hostOf(unit: u) && mayHold(unit: u, on: t) {
            if found == limit { break }
            found += 1
            let after = scoreOfShift(unit: u, to: t)
            if best == nil || after < best! { best = after; target = t }
        }
        return target
    }

    /// Moves `u` to the best of the first ``anyHostCandidates`` hosts (in a rotation through all
    /// hosts that starts at one depending on `u`) that may hold it, none of `avoiding`; false,
    /// with nothing moved, when no host may.
    private mutating func moveToBestHostAnywhere(_ u: Int, avoiding: [Int]) -> Bool {
        let m = model.hostCount
        guard m > 0 else { return false }
        let start = (u &* 7919) % m
        let target = bestTarget(for: u, among: (0..<m).lazy.map { (start + $0) % m }, avoiding: avoiding, limit: Self.anyHostCandidates)
        guard target >= 0 else { return false }
        move(unit: u, to: target)
        return true
    }

    /// Makes room for `u` on the eligible receivers least short of room (the shortfall summed
    /// over dimensions, normalised by the largest capacity), cheapest cover of the shortfall
    /// first; the cover's units go to any host but `h` and the receiver. False, with the state
    /// unchanged, when no receiver works.
    private mutating func makeRoom(for u: Int, from h: Int) -> Bool {
        let size = unitDemand(u)
        for t in receiversShortOfRoom(for: u, size: size, avoiding: h) {
            let need = shortfall(of: t, taking: size)
            for cover in cheapestCovers(on: t, need: need, keep: Self.roomCovers, excluding: u) {
                let mark = self.mark
                if cover.allSatisfy({ moveToBestHostAnywhere($0, avoiding: [h, t]) }), mayHold(unit: u, on: t) {
                    move(unit: u, to: t)
                    return true
                }
                rollback(to: mark)
            }
        }
        return false
    }

    /// The ``roomReceivers`` hosts eligible for `u` (not `h`) with the least total shortfall.
    private func receiversShortOfRoom(for u: Int, size: [Double], avoiding h: Int) -> [Int] {
        var ranked: [(shortfall: Double, host: Int)] = []
        for t in 0..<model.hostCount where t != h && model.units[u].allSatisfy({ model.isEligible($0, t) }) {
            let need = shortfall(of: t, taking: size)
            let total = need.indices.reduce(0.0) { $0 + max(0, need[$1]) / max(model.largestCapacity[$1], 1e-12) }
            ranked.append((total, t))
        }
        ranked.sort { ($0.shortfall, $0.host) < ($1.shortfall, $1.host) }
        return ranked.prefix(Self.roomReceivers).map(\.host)
    }

    /// How far `t`'s load plus `size` is above the limit a receiver must keep (its overload
    /// threshold where the receiver rule binds, else its capacity), per dimension.
    private func shortfall(of t: Int, taking size: [Double]) -> [Double] {
        let d = model.dimensions
        let limited = model.receiversUnderThreshold && model.receiverRuleBinds[t]
        return (0..<d).map { k in
            load[t * d + k] + size[k] - (limited ? model.thresholdLoad[t * d + k] : model.capacity[t * d + k])
        }
    }
}
