import Migration

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
