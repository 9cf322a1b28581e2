import PlacementModel

/// The backtest of a plan against the days that followed.
public struct BacktestResult: Sendable {
    /// The first held-out day.
    public var firstDay: PlanningDate
    public var holdoutDays: Int
    public var vmCount: Int
    public var forecast: [DimensionAccuracy]
    public var hostsPlanned: Int
    public var lowerBound: Int
    public var hostsOracle: Int
    public var overloadedHostIntervalShare: Double
    public var hostsPlannedPeakSizing: Int
    public var hostsOraclePeakSizing: Int
    public var overloadedHostIntervalSharePeakSizing: Double
    public var methodCounts: [String: Int]
    /// How many series each band (quantile × bands per day) sized.
    public var bandCounts: [String: Int]
    /// The packing method of the plan (named as ``HostsNeededPacking`` reports it).
    public var packingMethod: String
    /// choices[v][k]: VM v, dimension k — the method and band chosen from the days before the held-out ones.
    public var choices: [[String]]
}
