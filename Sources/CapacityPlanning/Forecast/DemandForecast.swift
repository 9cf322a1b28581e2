import Foundation

/// The forecast of every VM and dimension over the planning horizon.
public struct DemandForecast: Sendable, Hashable {
    /// `vms[v][k]`: VM v, dimension k.
    public var vms: [[SeriesForecast]]
    /// Steps forecast.
    public var horizon: Int

    /// Forecasts every VM of `history` (in parallel, results by VM index: deterministic) with the
    /// configured method (`auto`: every catalogue method, chosen per VM and dimension;
    /// `median-top<k>`: the median of the k best of them and the level-following methods, per VM and
    /// dimension, sized by the selected method's band).
    public static func make(_ history: DemandHistory, horizonSteps: Int, config: PlanningConfig) -> DemandForecast {
        let combination = TopKMedianCombination.k(fromName: config.forecast).map { (k: $0, extra: ForecasterCatalogue.levelFollowing) }
        let candidates: [any Forecaster] = config.forecast == "auto" || combination != nil
            ? ForecasterCatalogue.all : [ForecasterCatalogue.forecaster(named: config.forecast) ?? ForecasterCatalogue.all[0]]
        let m = history.stepsPerDay
        let n = history.stepCount
        let slotSteps = max(1, Int((Double(config.slotMinutes) * 60 / history.intervalSeconds).rounded()))
        let slots = ResultSlots<[SeriesForecast]>(count: history.vms.count)
        DispatchQueue.concurrentPerform(iterations: history.vms.count) { v in
            let vm = history.vms[v]
            slots.set(v, vm.series.indices.map { k in
                let y = vm.series[k].count == n ? vm.series[k] : Array(vm.series[k].prefix(n))
                return RollingOriginSelection.forecast(y, horizon: horizonSteps, stepsPerDay: m, candidates: candidates,
                                                       days: config.backtestDays, band: config.bandSetting, cap: vm.provisioned[k],
                                                       sizingSlot: config.bandFromSlots ? (slotSteps, config.sizing.quantile) : nil,
                                                       combination: combination)
            })
        }
        return DemandForecast(vms: slots.values.map { $0! }, horizon: horizonSteps)
    }
}
