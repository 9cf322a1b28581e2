/// The statistic that turns a forecast into a size.
public enum SizingStatistic: String, Sendable, CaseIterable, Codable {
    case peak, p95, p99

    /// The quantile it takes (1 = the maximum).
    public var quantile: Double {
        switch self {
        case .peak: return 1
        case .p95: return 0.95
        case .p99: return 0.99
        }
    }
}

/// A what-if scenario: any combination of added VMs, removed hosts, added hosts and growth.
public struct WhatIfScenario: Sendable, Hashable {
    public var name: String
    /// Added VMs: `count` copies of a fixed demand per dimension (`demand`) or of a VM's forecast
    /// profile (`cloneOf`, a VM id).
    public var addVMCount: Int
    public var addVMDemand: [Double]?
    public var cloneOf: String?
    /// Host ids taken out (a rack, a failed model).
    public var removeHosts: [String]
    /// Added hosts: `addHostCount` copies of host `addHostLike` (default: the first host).
    public var addHostCount: Int
    public var addHostLike: String?
    /// Demand growth in per cent, applied to every VM (existing and added).
    public var growthPercent: Double

    public init(name: String, addVMCount: Int = 0, addVMDemand: [Double]? = nil, cloneOf: String? = nil,
                removeHosts: [String] = [], addHostCount: Int = 0, addHostLike: String? = nil, growthPercent: Double = 0) {
        self.name = name
        self.addVMCount = addVMCount
        self.addVMDemand = addVMDemand
        self.cloneOf = cloneOf
        self.removeHosts = removeHosts
        self.addHostCount = addHostCount
        self.addHostLike = addHostLike
        self.growthPercent = growthPercent
    }
}

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
    /// Forecast method: `auto` or a name of ``ForecasterCatalogue``.
    public var forecast: String = "auto"
    /// Quantile of the backtest residuals added to the point forecast for sizing.
    public var upperQuantile: Double = 0.8
    /// Whether the upper band comes from the errors of the sizing statistic per time slot (true) or
    /// of single steps (false).
    public var bandFromSlots: Bool = true
    /// Slots of the day with their own upper quantile of errors (24: hourly; 1: one for the day).
    public var bandSlots: Int = 8
    /// Days of the rolling-origin backtest that picks the method (`auto`) and measures residuals.
    public var backtestDays: Int = 7
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
