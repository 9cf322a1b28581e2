import PlacementModel

/// The wording of the notes that say why a host stays above its overload thresholds, shared by
/// the hotspot heuristics (``HotspotMitigation``) and every goal method's finish (``GoalFinish``):
/// "host X stays above its overload threshold: <why> (<dimension> <utilisation>%, …)".
enum HotSpotNote {
    /// The start every such note has for `host`; a note already naming the host is not repeated.
    static func prefix(_ instance: Instance, host: Int) -> String {
        "host \(instance.hosts[host].id) stays above its overload threshold"
    }

    /// Why the host stays hot: its VMs are pinned, the migration budget is spent (`budgetSpent`
    /// = the budget's voluntary limit), or no move or swap relieves it.
    enum Reason {
        case allPinned
        case budgetSpent(limit: Int)
        case noRelievingMove

        var text: String {
            switch self {
            case .allPinned: return "all its VMs are pinned"
            case .budgetSpent(let limit): return "the migration budget (\(limit) voluntary) is spent or too small for the next move"
            case .noRelievingMove: return "no move or swap relieves it without overloading another host or breaking a rule"
            }
        }
    }

    /// The whole note for `host` with utilisations `utilisation` (fractions of capacity per
    /// dimension): the reason, then every dimension above its threshold with its percentage.
    /// - Complexity: O(d).
    static func note(_ instance: Instance, host: Int, reason: Reason, utilisation: [Double]) -> String {
        let levels = dimensionsAbove(instance, host: host, utilisation: utilisation)
            .map { "\(instance.dimensions[$0]) \(formatNumber((utilisation[$0] * 1000).rounded() / 10))%" }
        return "\(prefix(instance, host: host)): \(reason.text) (\(levels.joined(separator: ", ")))"
    }

    /// The dimensions in which `utilisation` of `host` is above its overload threshold.
    /// - Complexity: O(d).
    static func dimensionsAbove(_ instance: Instance, host: Int, utilisation: [Double]) -> [Int] {
        utilisation.indices.filter { utilisation[$0] > instance.overloadThreshold(host: host, dimension: $0) + 1e-9 }
    }
}
