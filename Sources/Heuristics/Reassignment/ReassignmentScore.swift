/// How good a state of the reassignment engine is, compared lexicographically: broken rules
/// first (capacity, anti-affinity, eligibility, migration budget — a complete move must leave
/// none), then unplaced VMs, then receivers of voluntary migrations above their thresholds
/// (when the method keeps them under: placing a VM comes first), then (hotspot) the load above
/// the overload thresholds, then the
/// objective of ``PlacementModel/Instance/objective(of:goal:)``.
struct ReassignmentScore: Sendable, Comparable, CustomStringConvertible {
    var violations: Int
    var unplaced: Int
    var hotReceivers: Int = 0
    var excess: Double
    var objective: Double

    static func < (a: ReassignmentScore, b: ReassignmentScore) -> Bool {
        if a.violations != b.violations { return a.violations < b.violations }
        if a.unplaced != b.unplaced { return a.unplaced < b.unplaced }
        if a.hotReceivers != b.hotReceivers { return a.hotReceivers < b.hotReceivers }
        if abs(a.excess - b.excess) > 1e-9 { return a.excess < b.excess }
        return a.objective < b.objective - 1e-9 * max(1, abs(b.objective))
    }

    static func == (a: ReassignmentScore, b: ReassignmentScore) -> Bool { !(a < b) && !(b < a) }

    var description: String { "violations \(violations), unplaced \(unplaced), hot receivers \(hotReceivers), excess \(excess), objective \(objective)" }
}
