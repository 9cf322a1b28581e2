import Migration

/// The outcome of one what-if scenario against the base plan.
public struct WhatIfResult: Sendable, Hashable {
    public var name: String
    public var hostsNeeded: Int
    public var lowerBound: Int
    /// Hosts needed minus the base plan's.
    public var deltaHosts: Int
    /// Hosts beyond the scenario's inventory.
    public var shortfall: Int
    public var inventoryHosts: Int
    /// Hosts of the base plan over their packing capacity in some slot under the scenario's demand
    /// (VMs kept where the base plan put them; added VMs not placed; removed hosts not counted).
    public var hotSpots: Int
    /// VMs the base plan put on hosts the scenario removes.
    public var displacedVMs: Int
}

/// Chart data of one VM: recent history and the forecast of its first dimension (CPU).
public struct VMChart: Sendable, Hashable {
    public var vm: String
    public var dimension: String
    public var history: [Double]
    public var point: [Double]
    public var upper: [Double]
}

/// A night's plan: hosts needed with a bound, failover, hot spots and advice, right-sizing,
/// runway and what-ifs.
public struct CapacityPlan: Sendable {
    public var date: PlanningDate
    public var dimensions: [String]
    public var vmCount: Int
    public var historySteps: Int
    public var horizonDays: Int
    public var sizing: SizingStatistic
    public var slots: Int
    public var inventoryHosts: Int
    /// Time-slot packing (the plan).
    public var timeSlot: HostsNeededPacking.Result
    /// Peak sizing: one size per dimension over the horizon.
    public var peak: HostsNeededPacking.Result
    public var failover: FailoverCheck.Result
    public var hotSpots: [HotSpot]
    public var hotSpotNote: String?
    public var advice: MigrationAdvice?
    public var rightSizing: [RightSizingFinding]
    public var runway: RunwayEstimate
    public var whatIfs: [WhatIfResult]
    /// How many VM × dimension series each method forecast.
    public var methodCounts: [String: Int]
    /// How many series each band (quantile × bands per day) sized.
    public var bandCounts: [String: Int]
    /// Mean backtest MASE of the chosen methods, per dimension (VMs with a non-flat history).
    public var backtestMASE: [String: Double]
    public var charts: [VMChart]
    /// Hosts needed for each slot alone (first fit decreasing) and its L1 bound: the hosts-over-horizon chart.
    public var hostsPerSlot: [Int]
    public var boundPerSlot: [Int]
    /// utilisation[host][slot]: the highest fraction of packing capacity over the dimensions, plan hosts.
    public var heatMap: [(host: String, utilisation: [Double])]
    public var notes: [String]
}
