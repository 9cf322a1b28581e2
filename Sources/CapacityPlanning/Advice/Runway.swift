/// Runway: the daily peak of the total demand of each dimension is fitted by least squares over the
/// history's whole days; hosts needed are taken to grow in proportion to it, so the inventory of N
/// usable hosts runs out when peak(t) / peak(today) > N / hosts needed. The range takes the slope ±
/// 2 standard errors; the binding dimension is the one that runs out first.
///
/// Linear-trend capacity forecasting: Gmach, Rolia, Cherkasova, Kemper, "Capacity management and
/// demand prediction for next generation data centers", ICWS 2007.
///
/// - Complexity: O(VMs · d · steps).
public enum Runway {
    public static func estimate(_ history: DemandHistory, hostsNeeded: Int, inventoryHosts: Int) -> RunwayEstimate {
        let m = history.stepsPerDay, days = history.stepCount / max(1, m)
        guard days >= 3, hostsNeeded > 0 else { return RunwayEstimate(conservativeDays: nil, aggressiveDays: nil, dailyGrowth: [:]) }
        if hostsNeeded > inventoryHosts { return RunwayEstimate(conservativeDays: 0, aggressiveDays: 0, dailyGrowth: [:]) }
        let ratio = Double(inventoryHosts) / Double(hostsNeeded)
        var conservative: Double? = nil, aggressive: Double? = nil
        var growth: [String: Double] = [:]
        for (k, name) in history.dimensions.enumerated() {
            var peaks = [Double](repeating: 0, count: days)
            var total = [Double](repeating: 0, count: days * m)
            for vm in history.vms { for t in 0..<(days * m) { total[t] += vm.series[k][t] } }
            for d in 0..<days { peaks[d] = total[(d * m)..<((d + 1) * m)].max() ?? 0 }
            let line = LeastSquaresLine.fit(xs: (0..<days).map(Double.init), ys: peaks)
            let today = line.value(at: Double(days - 1))
            guard today > 0 else { continue }
            growth[name] = line.slope / today
            let room = today * (ratio - 1)
            func daysAt(_ slope: Double) -> Double? { slope > 0 ? room / slope : nil }
            let fast = daysAt(line.slope + 2 * line.slopeStandardError), slow = daysAt(line.slope - 2 * line.slopeStandardError)
            if let fast { conservative = min(conservative ?? fast, fast) }
            if let slow { aggressive = min(aggressive ?? slow, slow) }
        }
        return RunwayEstimate(conservativeDays: conservative, aggressiveDays: aggressive, dailyGrowth: growth)
    }
}
