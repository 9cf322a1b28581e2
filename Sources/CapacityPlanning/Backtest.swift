import PlacementModel

/// `vmplace capacity backtest`: plans from all but the last D days, then replays the plan on them —
/// forecast error (MASE against the daily seasonal naive in-sample scale, Hyndman & Koehler 2006;
/// the error of each VM's p95), the share of host × step intervals where a planned host's actual
/// demand exceeds capacity × overload threshold, and hosts planned against an oracle: the same
/// sizing and packing on the actual demand of those days.
///
/// - Complexity: one plan's forecasts and two packings more (the oracles), plus O(VMs · d · steps)
///   for the replay.
public enum Backtest {
    public static func run(_ history: DemandHistory, inventory: Instance, config: PlanningConfig, holdoutDays: Int,
                           progress: (String) -> Void = { _ in }) throws -> BacktestResult {
        let m = history.stepsPerDay, n = history.stepCount
        let cut = n - holdoutDays * m
        guard holdoutDays >= 1, cut >= 2 * m else {
            throw PlanningInputError(message: "--holdout-days \(holdoutDays): the traces hold \(n / m) day(s); at least 2 must remain to plan from")
        }
        var cfg = config
        cfg.horizonDays = holdoutDays
        let past = history.prefix(cut)
        let actual = history.slice(cut..<n)
        let forecast = DemandForecast.make(past, horizonSteps: holdoutDays * m, config: cfg)
        progress("forecast \(history.vms.count) VMs from \(cut / m) days")
        let ids = history.vms.map(\.id)
        let sizing = SlotSizing.make(forecast.vms.map { $0.map(\.upper) }, stepsPerDay: m, phase: cut % m, slotMinutes: cfg.slotMinutes,
                                     intervalSeconds: history.intervalSeconds, statistic: cfg.sizing)
        let oracleSizing = SlotSizing.make(actual, stepsPerDay: m, phase: cut % m, slotMinutes: cfg.slotMinutes,
                                           intervalSeconds: history.intervalSeconds, statistic: cfg.sizing)
        func pack(_ demands: [[Double]], _ slots: Int, _ name: String) throws -> HostsNeededPacking.Result {
            try HostsNeededPacking.pack(ids: ids, demands: demands, inventory: inventory.hosts, dimensions: history.dimensions,
                                        slots: slots, config: cfg, name: name)
        }
        let planned = try pack(sizing.slotDemand, sizing.slots, "time-slot")
        let oracle = try pack(oracleSizing.slotDemand, oracleSizing.slots, "oracle time-slot")
        let plannedPeak = try pack(sizing.peakDemand, 1, "peak")
        let oraclePeak = try pack(oracleSizing.peakDemand, 1, "oracle peak")
        progress("packed: \(planned.hostsNeeded) hosts planned, oracle \(oracle.hostsNeeded); peak sizing \(plannedPeak.hostsNeeded), oracle \(oraclePeak.hostsNeeded)")
        let thresholds = history.dimensions.enumerated().map { k, name in config.overloadThreshold[name] ?? inventory.overloadThreshold[k] }
        let accuracy = history.dimensions.indices.map { k in
            accuracyOf(dimension: k, name: history.dimensions[k], past: past, actual: actual, forecast: forecast)
        }
        return BacktestResult(
            firstDay: history.startDate.adding(days: cut / m), holdoutDays: holdoutDays, vmCount: ids.count, forecast: accuracy, hostsPlanned: planned.hostsNeeded, lowerBound: planned.lowerBound,
            hostsOracle: oracle.hostsNeeded,
            overloadedHostIntervalShare: overloadShare(planned, slots: sizing.slots, actual: actual, thresholds: thresholds, dimensions: history.dimensions, config: cfg),
            hostsPlannedPeakSizing: plannedPeak.hostsNeeded, hostsOraclePeakSizing: oraclePeak.hostsNeeded,
            overloadedHostIntervalSharePeakSizing: overloadShare(plannedPeak, slots: 1, actual: actual, thresholds: thresholds, dimensions: history.dimensions, config: cfg),
            methodCounts: CapacityPlanner.methodCounts(forecast), bandCounts: CapacityPlanner.bandCounts(forecast),
            packingMethod: planned.method, choices: forecast.vms.map { $0.map { "\($0.method), \(CapacityPlanner.bandName($0))" } })
    }

    static func accuracyOf(dimension k: Int, name: String, past: DemandHistory, actual: [[[Double]]], forecast: DemandForecast) -> DimensionAccuracy {
        let m = past.stepsPerDay
        var mase: [Double] = [], p95Errors: [Double] = []
        var under = 0
        for v in past.vms.indices {
            let truth = actual[v][k]
            let f = forecast.vms[v][k]
            let scale = RollingOriginSelection.seasonalNaiveScale(past.vms[v].series[k], count: past.stepCount, stepsPerDay: m)
            if scale > 0 {
                let mae = zip(truth, f.point).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(truth.count)
                mase.append(mae / scale)
            }
            let actualP95 = Quantile.of(truth, 0.95)
            if actualP95 > 0 {
                let predicted = Quantile.of(f.upper, 0.95)
                p95Errors.append(abs(predicted - actualP95) / actualP95)
                if predicted < 0.9 * actualP95 { under += 1 }
            }
        }
        return DimensionAccuracy(dimension: name, meanMASE: mase.isEmpty ? 0 : mase.reduce(0, +) / Double(mase.count),
                                 medianP95Error: Quantile.median(p95Errors),
                                 shareP95UnderForecastOver10pct: p95Errors.isEmpty ? 0 : Double(under) / Double(p95Errors.count),
                                 vmsScoredMASE: mase.count, vmsScoredP95: p95Errors.count)
    }

    /// Share of (used host, step) pairs where the actual demand of the host's VMs exceeds capacity ×
    /// threshold in some dimension. Capacity is recovered from the packing capacity and the headroom.
    static func overloadShare(_ packing: HostsNeededPacking.Result, slots: Int, actual: [[[Double]]], thresholds: [Double],
                              dimensions: [String], config: PlanningConfig) -> Double {
        let used = packing.placement.usedHosts
        let steps = actual.first?.first?.count ?? 0
        guard !used.isEmpty, steps > 0 else { return 0 }
        let vmsOf = packing.placement.vmsByHost(hostCount: packing.instance.hosts.count)
        var overloaded = 0
        for h in used {
            let limits = dimensions.indices.map { k in
                packing.instance.hosts[h].capacity[k * slots] / (1 - config.headroom(dimensions[k])) * thresholds[k]
            }
            for t in 0..<steps {
                var over = false
                for k in dimensions.indices where !over {
                    var load = 0.0
                    for v in vmsOf[h] { load += actual[v][k][t] }
                    if load > limits[k] * (1 + 1e-9) { over = true }
                }
                if over { overloaded += 1 }
            }
        }
        return Double(overloaded) / Double(used.count * steps)
    }
}
