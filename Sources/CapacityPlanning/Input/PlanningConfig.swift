/// Every knob of a planning run (a JSON file, flags override it). Fractions are of capacity.
public struct PlanningConfig: Sendable, Hashable {
    /// Statistic of the forecast that sizes each VM (per time slot, or over the horizon for peak sizing).
    public var sizing: SizingStatistic = .p95
    /// Days planned ahead.
    public var horizonDays: Int = 1
    /// Length of one time slot of the time-slot packing, minutes.
    public var slotMinutes: Int = 60
    /// Spare capacity kept free on every host, per dimension (0.1 = pack to 90 %).
    public var headroom: [String: Double] = [:]
    /// Hosts that may fail (N+k): every failure of k hosts is re-packed.
    public var failover: Int = 1
    /// Overload threshold per dimension (default: the inventory's thresholds).
    public var overloadThreshold: [String: Double] = [:]
    /// Forecast method: `auto`, `median-top<k>` or a name of ``ForecasterCatalogue`` (see
    /// ``ForecasterCatalogue/isMethod(_:)``). The default, the median of the 3 best-ranked, was
    /// chosen (of k = 2, 3, 4 and `auto`) on 2013-07-08..10 of the Bitbrains set, before the days
    /// Results/capacity.md evaluates: the least mean MASE (the band, hence the sizing, is the same).
    public var forecast: String = "median-top3"
    /// Quantile of the backtest residuals added to the point forecast for sizing; nil (the
    /// default): chosen per series by ``BandCalibration`` from ``bandQuantiles``.
    public var upperQuantile: Double? = nil
    /// Whether the upper band comes from the errors of the sizing statistic per time slot (true) or
    /// of single steps (false).
    public var bandFromSlots: Bool = true
    /// Parts of the day with their own quantile of errors (24: hourly; 1: one for the day); nil:
    /// 8 with a fixed quantile, chosen from ``bandSlotChoices`` when calibrated.
    public var bandSlots: Int? = nil
    /// Days of the rolling-origin backtest that picks the method (`auto`) and measures residuals:
    /// a week, one cycle of the weekly pattern.
    public var backtestDays: Int = 7
    /// The calibrated band aims at this quantile of each slot's sizing statistic (pinball loss).
    /// Chosen (of 0.8, 0.9, 0.95) on 2013-07-08..10 of the Bitbrains set, before the days
    /// Results/capacity.md evaluates: the least overload among those meeting the under-forecast goal.
    public var bandTarget: Double = 0.95
    /// The last days of the history on which the band is calibrated (0: quantile `bandTarget`, one band).
    public var calibrationDays: Int = 3
    /// The calibration's grid.
    public static let bandQuantiles: [Double] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1]
    public static let bandSlotChoices: [Int] = [1, 8, 24]

    /// The upper band the forecasts use.
    public var bandSetting: BandSetting {
        if let q = upperQuantile { return .fixed(quantile: q, bands: bandSlots ?? 8) }
        return .calibrated(target: bandTarget, days: calibrationDays, quantiles: PlanningConfig.bandQuantiles,
                           bands: bandSlots.map { [$0] } ?? PlanningConfig.bandSlotChoices)
    }
    /// Voluntary migrations the hot-spot advice may use.
    public var migrationBudget: Int = 10
    /// A VM whose p95 CPU is under this fraction of its provisioned CPU is idle.
    public var idleCPUFraction: Double = 0.05
    /// A VM whose p95 use is under this fraction of its provisioned size is oversized.
    public var oversizedFraction: Double = 0.3
    /// CPU capacity of a VM whose trace gives only a utilisation fraction (PlanetLab, plain CSV)
    /// and which the inventory does not list, in the inventory's CPU unit.
    public var cpuPerVM: Double = 1000
    /// The day step 0 of traces without timestamps belongs to.
    public var traceStartDate: PlanningDate = PlanningDate("2024-01-01")!
    /// Seconds between samples of traces without timestamps.
    public var intervalSeconds: Double = 300
    /// Longest run of missing samples filled by interpolation.
    public var maxGapSteps: Int = 12
    /// Packings of at most this many VMs with a gap to the bound go to the exact method.
    public var exactVMs: Int = 30
    /// Time limit of the exact method, seconds.
    public var exactTimeLimit: Double = 5
    /// VMs shown in the report's forecast charts.
    public var chartVMs: Int = 6
    public var whatIfs: [WhatIfScenario] = []

    public init() {}

    /// Headroom of dimension `name` (default 0.1 for CPU, 0.05 otherwise).
    public func headroom(_ name: String) -> Double {
        headroom[name] ?? (name.lowercased() == "cpu" ? 0.1 : 0.05)
    }
}
