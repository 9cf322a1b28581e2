import PlacementModel

/// The wording of the notes that say why a host stays above its overload thresholds, shared by
/// the hotspot heuristics (``HotspotMitigation``) and every goal method's finish (``GoalFinish``):
/// "host X stays above its overload threshold: <why> (<dimension> <utilisation>%, …)".
enum HotSpotNote {
    /// The start every such note has for `host`; a note already naming the host is not repeated.
    static func prefix(_ instance: Instance, host: Int) -> String {
        "host \(instance.hosts[host].id) stays above its overload threshold"
    }

    /// Why the host stays hot: no placement avoids it (a VM or affinity group on it is above
    /// the threshold of every host it may use, ``PlacementModel/UnavoidableHotSpots``), its VMs
    /// are pinned, the migration budget is spent (`budgetSpent` = the budget's voluntary
    /// limit), or no move or swap relieves it.
    enum Reason {
        case noPlacementAvoids(String)
        case allPinned
        case budgetSpent(limit: Int)
        case noRelievingMove

        var text: String {
            switch self {
            case .noPlacementAvoids(let why): return "no placement avoids it: \(why)"
            case .allPinned: return "all its VMs are pinned"
            case .budgetSpent(let limit): return "the migration budget (\(limit) voluntary) is spent or too small for the next move"
            case .noRelievingMove: return "no move or swap relieves it without overloading another host or breaking a rule"
            }
        }
    }

    /// `.noPlacementAvoids` when one of `vms` (a host's) is in a unit of `unavoidable`, else `otherwise`.
    /// - Complexity: O(|vms|).
    static func reason(vms: [Int], _ instance: Instance, unavoidable: UnavoidableHotSpots, otherwise: Reason) -> Reason {
        guard let unit = vms.lazy.compactMap({ unavoidable.unit(containing: $0) }).first else { return otherwise }
        return .noPlacementAvoids(unavoidable.describe(unit, in: instance))
    }

    /// The whole note for `host` with `loads` (one per dimension): the reason, then every
    /// dimension above its threshold (``PlacementModel/Instance/isAboveOverloadThreshold(load:host:dimension:)``,
    /// the checker's test) with its utilisation in per cent.
    /// - Complexity: O(d).
    static func note(_ instance: Instance, host: Int, reason: Reason, loads: [Double]) -> String {
        let capacity = instance.hosts[host].capacity.values
        let levels = instance.dimensionsAboveOverloadThreshold(host: host, loads: loads).map { k in
            let utilisation = capacity[k] > 0 ? loads[k] / capacity[k] : 0
            return "\(instance.dimensions[k]) \(formatNumber((utilisation * 1000).rounded() / 10))%"
        }
        return "\(prefix(instance, host: host)): \(reason.text) (\(levels.joined(separator: ", ")))"
    }
}
