import PlacementModel

/// The backtest repeated from several origins: split i (i = 0 the latest) plans from the history
/// less its last i days and holds out the D days that follow, so each of the last N days is the
/// first held-out day once; every split reads only its own past. Reports each split and, per
/// measure, the mean and the worst over the splits.
///
/// Tashman, "Out-of-sample tests of forecasting accuracy", IJF 16 (2000) (rolling origins for
/// evaluation, not one split).
///
/// - Complexity: N × one ``Backtest``.
public struct MultiOriginBacktest: Sendable {
    /// The splits, oldest first held-out day first.
    public var splits: [BacktestResult]

    /// The latest split (the one a single-origin backtest runs).
    public var latest: BacktestResult { splits[splits.count - 1] }

    public static func run(_ history: DemandHistory, inventory: Instance, config: PlanningConfig, holdoutDays: Int, origins: Int,
                           progress: (String) -> Void = { _ in }) throws -> MultiOriginBacktest {
        let m = history.stepsPerDay, days = history.stepCount / m
        guard origins >= 1 else { throw PlanningInputError(message: "--origins \(origins): expected at least 1") }
        guard days - (origins - 1) - holdoutDays >= 2 else {
            throw PlanningInputError(message: "--origins \(origins) with --holdout-days \(holdoutDays): the traces hold \(days) day(s); the oldest split would keep \(days - (origins - 1) - holdoutDays), at least 2 must remain to plan from")
        }
        var splits: [BacktestResult] = []
        for i in (0..<origins).reversed() {
            let split = try Backtest.run(history.prefix(history.stepCount - i * m), inventory: inventory, config: config,
                                         holdoutDays: holdoutDays, progress: progress)
            progress("split \(origins - i)/\(origins): held out from \(split.firstDay)")
            splits.append(split)
        }
        return MultiOriginBacktest(splits: splits)
    }

    /// A measure over the splits: its mean and its worst value (the largest: every measure here is better smaller).
    public struct Spread: Sendable, Hashable {
        public var mean: Double
        public var worst: Double
        public init(_ values: [Double]) {
            mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            worst = values.max() ?? 0
        }
    }

    /// Named measures (per dimension for the forecast ones), in a fixed order.
    public var measures: [(name: String, spread: Spread)] {
        var result: [(String, Spread)] = []
        for (k, a) in latest.forecast.enumerated() {
            result.append(("\(a.dimension).meanMASE", Spread(splits.map { $0.forecast[k].meanMASE })))
            result.append(("\(a.dimension).shareP95UnderForecastOver10pct", Spread(splits.map { $0.forecast[k].shareP95UnderForecastOver10pct })))
        }
        result.append(("plannedOverOracle", Spread(splits.map(\.plannedOverOracle))))
        result.append(("overloadedHostIntervalShare", Spread(splits.map(\.overloadedHostIntervalShare))))
        result.append(("peakSizingOverOracle", Spread(splits.map { Double($0.hostsPlannedPeakSizing) / Double(max(1, $0.hostsOracle)) })))
        result.append(("overloadedHostIntervalSharePeakSizing", Spread(splits.map(\.overloadedHostIntervalSharePeakSizing))))
        return result
    }
}

extension BacktestResult {
    /// Hosts planned / hosts the oracle needs.
    public var plannedOverOracle: Double { Double(hostsPlanned) / Double(max(1, hostsOracle)) }

    /// The goals, each with whether this split meets it.
    public var goals: [(name: String, met: Bool)] {
        forecast.flatMap { a in [("\(a.dimension) MASE ≤ 0.65", a.meanMASE <= 0.65),
                                 ("\(a.dimension) p95 under > 10 % on ≤ 10 %", a.shareP95UnderForecastOver10pct <= 0.10)] }
            + [("overload ≤ 1 %", overloadedHostIntervalShare <= 0.01), ("planned ≤ 1.10 × oracle", plannedOverOracle <= 1.10 + 1e-12)]
    }
}
