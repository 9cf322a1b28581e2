import PlacementModel

/// Hot spots of the current placement: per host and dimension, the sum of its VMs' upper
/// forecasts at every step of the horizon against capacity × overload threshold. Sandpiper's
/// hotspot detection run on a forecast instead of the last observations.
///
/// Wood, Shenoy, Venkataramani, Yousif, "Black-box and gray-box strategies for virtual machine
/// migration", NSDI 2007 (Sandpiper: profiles, forecasts and hot spots).
///
/// - Complexity: O(VMs · d · horizon).
public enum HotSpotForecast {
    /// `upper[v]` is VM v's upper forecast (per dimension, per step) or nil when it has no trace
    /// (its inventory demand is used, constant).
    public static func find(inventory: Instance, placement: Placement, upper: [[[Double]]?], thresholds: [Double],
                            horizonStart: Double, intervalSeconds: Double) -> [HotSpot] {
        let d = inventory.dimensionCount
        let horizon = upper.compactMap { $0?.first?.count }.first ?? 1
        var load = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: horizon), count: d), count: inventory.hosts.count)
        for (v, host) in placement.hostOfVM.enumerated() {
            guard let host else { continue }
            for k in 0..<d {
                if let series = upper[v] { for h in 0..<horizon { load[host][k][h] += series[k][h] } }
                else { for h in 0..<horizon { load[host][k][h] += inventory.vms[v].demand[k] } }
            }
        }
        var spots: [HotSpot] = []
        for (i, host) in inventory.hosts.enumerated() {
            for k in 0..<d where host.capacity[k] > 0 {
                let threshold = host.overloadThreshold?[k] ?? thresholds[k]
                let limit = host.capacity[k] * threshold
                let over = load[i][k].indices.filter { load[i][k][$0] > limit * (1 + 1e-9) }
                guard let first = over.first else { continue }
                spots.append(HotSpot(host: host.id, dimension: inventory.dimensions[k], firstStep: first,
                                     firstTime: isoTime(horizonStart + Double(first) * intervalSeconds),
                                     peakUtilisation: (load[i][k].max() ?? 0) / host.capacity[k], threshold: threshold,
                                     stepsOver: over.count))
            }
        }
        return spots
    }

    /// `YYYY-MM-DDTHH:MMZ` of a Unix time.
    public static func isoTime(_ seconds: Double) -> String {
        let day = PlanningDate(unixSeconds: seconds)
        let minutes = Int(((seconds - day.unixSeconds) / 60).rounded(.down))
        return "\(day)T\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))Z"
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
