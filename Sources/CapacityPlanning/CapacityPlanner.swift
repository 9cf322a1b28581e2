import Foundation
import Heuristics
import PlacementModel

/// Nightly capacity planning end to end: forecast (``DemandForecast``), size (``SlotSizing``),
/// pack with the portfolio and bound (``HostsNeededPacking``, ``CertifiedHostBound``), N+k
/// (``FailoverCheck``), hot spots and migration advice on the current placement
/// (``HotSpotForecast``, ``MigrationAdvice``), idle and oversized VMs (``RightSizing``), runway
/// (``Runway``) and what-ifs (``WhatIfPlanner``).
///
/// - Complexity: dominated by the forecasts, O(VMs · d · methods · backtest days · steps), and the
///   packings (see `Portfolio`).
public enum CapacityPlanner {
    /// The history before `date` (all of it when the date is at or after its end) and the date planned.
    public static func cut(_ history: DemandHistory, at date: PlanningDate?) -> (DemandHistory, PlanningDate) {
        let m = history.stepsPerDay
        let end = history.startDate.adding(days: (history.stepCount + m - 1) / m)
        guard let date, date < end else { return (history, date ?? end) }
        let steps = max(0, (date.daysSinceEpoch - history.startDate.daysSinceEpoch) * m)
        return (history.prefix(steps), date)
    }

    public static func plan(_ history: DemandHistory, inventory: Instance, config: PlanningConfig, date: PlanningDate,
                            progress: (String) -> Void = { _ in }) throws -> CapacityPlan {
        let m = history.stepsPerDay, n = history.stepCount
        guard n >= m else { throw PlanningInputError(message: "the traces hold \(n) steps, less than one day (\(m) steps): nothing to forecast from") }
        var clock = Stopwatch()
        let forecast = DemandForecast.make(history, horizonSteps: config.horizonDays * m, config: config)
        progress("forecast \(history.vms.count) VMs × \(history.dimensions.count) dimensions (\(clock.lap()))")
        let sizing = SlotSizing.make(forecast.vms.map { $0.map(\.upper) }, stepsPerDay: m, phase: n % m, slotMinutes: config.slotMinutes,
                                     intervalSeconds: history.intervalSeconds, statistic: config.sizing)
        let ids = history.vms.map(\.id)
        let timeSlot = try HostsNeededPacking.pack(ids: ids, demands: sizing.slotDemand, inventory: inventory.hosts, dimensions: history.dimensions,
                                                   slots: sizing.slots, config: config, name: "time-slot")
        let peak = try HostsNeededPacking.pack(ids: ids, demands: sizing.peakDemand, inventory: inventory.hosts, dimensions: history.dimensions,
                                               slots: 1, config: config, name: "peak")
        progress("packed: \(timeSlot.hostsNeeded) hosts with time slots (bound \(timeSlot.lowerBound)), \(peak.hostsNeeded) with peak sizing (\(clock.lap()))")
        let failover = FailoverCheck.check(timeSlot, k: config.failover)
        progress("N+\(config.failover): \(failover.hostsNeeded) hosts, \(failover.failureSetsChecked) failures re-packed (\(clock.lap()))")
        let horizonStart = history.startDate.unixSeconds + Double(n) * history.intervalSeconds
        let (hotSpots, hotSpotNote, advice) = try currentPlacementReview(history, forecast: forecast, sizing: sizing, inventory: inventory,
                                                                           config: config, horizonStart: horizonStart)
        let usable = inventory.hosts.filter { $0.state != .maintenance }.count
        let whatIfs = try WhatIfPlanner.run(config.whatIfs, base: timeSlot, sizing: sizing, ids: ids, inventory: inventory,
                                            dimensions: history.dimensions, config: config)
        progress("hot spots, advice and \(whatIfs.count) what-if(s) (\(clock.lap()))")
        let (hostsPerSlot, boundPerSlot) = perSlotHosts(sizing, inventory: inventory, dimensions: history.dimensions, config: config)
        return CapacityPlan(
            date: date, dimensions: history.dimensions, vmCount: history.vms.count, historySteps: n, horizonDays: config.horizonDays,
            sizing: config.sizing, slots: sizing.slots, inventoryHosts: usable, timeSlot: timeSlot, peak: peak, failover: failover,
            hotSpots: hotSpots, hotSpotNote: hotSpotNote, advice: advice, rightSizing: RightSizing.find(history, config: config),
            runway: Runway.estimate(history, hostsNeeded: failover.hostsNeeded, inventoryHosts: usable), whatIfs: whatIfs,
            methodCounts: methodCounts(forecast), bandCounts: bandCounts(forecast), backtestMASE: meanMASE(forecast, dimensions: history.dimensions),
            charts: charts(history, forecast: forecast, sizing: sizing, count: config.chartVMs),
            hostsPerSlot: hostsPerSlot, boundPerSlot: boundPerSlot, heatMap: heatMap(timeSlot, slots: sizing.slots, d: history.dimensions.count),
            notes: [])
    }

    /// Hot spots of the inventory's current placement and the advice that removes them.
    static func currentPlacementReview(_ history: DemandHistory, forecast: DemandForecast, sizing: SlotSizing, inventory: Instance,
                                       config: PlanningConfig, horizonStart: Double) throws -> ([HotSpot], String?, MigrationAdvice?) {
        guard inventory.hasCurrentPlacement else {
            return ([], "the inventory has no current placement: no hot spots to forecast", nil)
        }
        let index = Dictionary(history.vms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let upper: [[[Double]]?] = inventory.vms.map { vm in index[vm.id].map { forecast.vms[$0].map(\.upper) } }
        var instance = inventory
        for (k, name) in inventory.dimensions.enumerated() { if let t = config.overloadThreshold[name] { instance.overloadThreshold[k] = t } }
        let spots = HotSpotForecast.find(inventory: instance, placement: inventory.currentPlacement, upper: upper,
                                         thresholds: instance.overloadThreshold, horizonStart: horizonStart, intervalSeconds: history.intervalSeconds)
        guard !spots.isEmpty else { return ([], nil, nil) }
        for (v, vm) in inventory.vms.enumerated() { if let i = index[vm.id] { instance.vms[v].demand = ResourceVector(sizing.peakDemand[i]) } }
        return (spots, nil, try MigrationAdvice.advise(instance, budget: config.migrationBudget))
    }

    static func methodCounts(_ forecast: DemandForecast) -> [String: Int] {
        var counts: [String: Int] = [:]
        for vm in forecast.vms { for f in vm { counts[f.method, default: 0] += 1 } }
        return counts
    }

    static func bandCounts(_ forecast: DemandForecast) -> [String: Int] {
        var counts: [String: Int] = [:]
        for vm in forecast.vms { for f in vm { counts[bandName(f), default: 0] += 1 } }
        return counts
    }

    /// "q0.9 × 8": the band's quantile and bands per day.
    static func bandName(_ f: SeriesForecast) -> String { "q\(f.bandQuantile) × \(f.bandSlots)" }

    static func meanMASE(_ forecast: DemandForecast, dimensions: [String]) -> [String: Double] {
        var result: [String: Double] = [:]
        for (k, name) in dimensions.enumerated() {
            let values = forecast.vms.compactMap { $0[k].backtestMASE }
            if !values.isEmpty { result[name] = values.reduce(0, +) / Double(values.count) }
        }
        return result
    }

    /// The VMs with the largest peak (first dimension, normalised by the largest host), last 3 days and forecast.
    static func charts(_ history: DemandHistory, forecast: DemandForecast, sizing: SlotSizing, count: Int) -> [VMChart] {
        let order = history.vms.indices.sorted { a, b in
            sizing.peakDemand[a][0] != sizing.peakDemand[b][0] ? sizing.peakDemand[a][0] > sizing.peakDemand[b][0] : a < b
        }
        let recent = 3 * history.stepsPerDay
        return order.prefix(count).map { v in
            VMChart(vm: history.vms[v].id, dimension: history.dimensions[0], history: Array(history.vms[v].series[0].suffix(recent)),
                    point: forecast.vms[v][0].point, upper: forecast.vms[v][0].upper)
        }
    }

    /// Hosts each slot needs on its own (first fit decreasing on the first inventory host type) and its L1 bound.
    static func perSlotHosts(_ sizing: SlotSizing, inventory: Instance, dimensions: [String], config: PlanningConfig) -> ([Int], [Int]) {
        guard let template = inventory.hosts.first(where: { $0.state != .maintenance }) else { return ([], []) }
        let capacity = PackingPool.packingCapacity(template, dimensions: dimensions, slots: 1, config: config)
        var hosts: [Int] = [], bounds: [Int] = []
        for s in 0..<sizing.slots {
            let demands = sizing.slotDemand.map { row in (0..<sizing.dimensions).map { row[$0 * sizing.slots + s] } }
            let fit = FirstFitDecreasingCount.hosts(demands, capacity: capacity.values)
            let l1 = (0..<sizing.dimensions).map { k in
                capacity[k] > 0 ? Int((demands.reduce(0) { $0 + $1[k] } / capacity[k] - 1e-9).rounded(.up)) : 0
            }.max() ?? 0
            hosts.append(fit)
            bounds.append(max(demands.isEmpty ? 0 : 1, l1))
        }
        return (hosts, bounds)
    }

    static func heatMap(_ packing: HostsNeededPacking.Result, slots: Int, d: Int) -> [(host: String, utilisation: [Double])] {
        let vmsOf = packing.placement.vmsByHost(hostCount: packing.instance.hosts.count)
        return packing.placement.usedHosts.map { h in
            let capacity = packing.instance.hosts[h].capacity
            let utilisation = (0..<slots).map { s in
                (0..<d).map { k -> Double in
                    let c = capacity[k * slots + s]
                    guard c > 0 else { return 0 }
                    return vmsOf[h].reduce(0) { $0 + packing.instance.vms[$1].demand[k * slots + s] } / c
                }.max() ?? 0
            }
            return (packing.instance.hosts[h].id, utilisation)
        }
    }
}

/// Wall-clock laps for progress lines (never in the outputs).
struct Stopwatch {
    var last = Date()
    mutating func lap() -> String {
        let now = Date()
        defer { last = now }
        return String(format: "%.2f s", now.timeIntervalSince(last))
    }
}
