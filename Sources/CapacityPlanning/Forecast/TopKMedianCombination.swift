/// Forecast combination (`median-top3`, …): the pointwise median of the forecasts of the `k`
/// candidates with the least mean absolute error in the rolling-origin backtest of
/// ``RollingOriginSelection`` (the same window of days, eligibility rule and catalogue tie-break).
/// Selection bets on one method per series and loses when the series changes regime; the median
/// of the best few keeps most of the winner's accuracy and discards any one method's outlying
/// forecast (on the Bitbrains set it lowers the mean MASE on the days settings are chosen on, and
/// on the evaluated ones — Results/capacity.md).
///
/// Makridakis, Spiliotis, Assimakopoulos, "The M4 Competition: 100,000 time series and 61
/// forecasting methods", International Journal of Forecasting 36 (2020) (combinations beat
/// selection); Stock, Watson, "Combination forecasts of output growth in a seven-country data
/// set", Journal of Forecasting 23 (2004) (the median combination); Timmermann, "Forecast
/// combinations", Handbook of Economic Forecasting 1 (2006).
///
/// - Complexity: O(members · days · (n + m)) for the members' backtest forecasts, plus
///   O(k · (n + horizon) + horizon · k log k) for the combined forecast; n steps of history, m per day.
public struct TopKMedianCombination: Forecaster {
    /// The methods ranked and combined.
    public let members: [any Forecaster]
    /// How many of the best-ranked members are combined.
    public let k: Int
    /// Days of the rolling-origin backtest that ranks them.
    public let days: Int

    public init(members: [any Forecaster], k: Int, days: Int) {
        self.members = members
        self.k = max(1, k)
        self.days = max(1, days)
    }

    public var name: String { Self.name(k: k) }
    /// One backtest origin with a day of history before it.
    public var minimumDays: Int { 2 }

    /// The method's name for `k` members: `median-top<k>`.
    public static func name(k: Int) -> String { "median-top\(k)" }

    /// `k` of a name `median-top<k>` (2 … 9), nil for any other name.
    public static func k(fromName name: String) -> Int? {
        guard name.hasPrefix("median-top"), let k = Int(name.dropFirst("median-top".count)), (2...9).contains(k) else { return nil }
        return name == Self.name(k: k) ? k : nil
    }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let evidence = BacktestEvidence(Array(y.prefix(n)), stepsPerDay: m, candidates: members, originDays: days,
                                        slotSteps: 1, statisticQuantile: 1)
        return combine(evidence, window: Array(evidence.origins.indices), horizon: horizon)
    }

    /// The median of the forecasts from the whole of `evidence.y` by the `k` members ranked best on
    /// the origins `window`; without a ranking, the forecast of the first member with enough history.
    func combine(_ evidence: BacktestEvidence, window: [Int], horizon: Int) -> [Double] {
        let (y, m) = (evidence.y, evidence.m)
        let top = RollingOriginSelection.ranked(evidence, window: window).prefix(k)
        guard !top.isEmpty else {
            let fallback = members.first { $0.minimumDays * m <= y.count } ?? members[0]
            return fallback.forecast(y, count: y.count, horizon: horizon, stepsPerDay: m)
        }
        return Self.median(top.map { members[$0].forecast(y, count: y.count, horizon: horizon, stepsPerDay: m) })
    }

    /// The combination's own backtest, derived from the members' (`base`, over `members`): at each
    /// origin, the median of the members' forecasts there that rank best on the `days` origins
    /// before it (as many as `base` holds) — what the combination would have forecast that
    /// morning; nil at an origin with none before it. Its errors give the upper band.
    func evidence(derivedFrom base: BacktestEvidence) -> BacktestEvidence {
        let forecasts: [[Double]?] = base.origins.indices.map { j in
            let before = Array((j + 1)..<min(base.origins.count, j + 1 + days))
            let made = RollingOriginSelection.ranked(base, window: before).prefix(k).compactMap { base.forecasts[$0][j] }
            return made.isEmpty ? nil : Self.median(made)
        }
        return BacktestEvidence(base.y, stepsPerDay: base.m, candidates: [self], origins: base.origins, forecasts: [forecasts],
                                slotSteps: base.slotSteps, statisticQuantile: base.statisticQuantile)
    }

    /// Pointwise median of equally long forecasts (an even count: the mean of the middle two).
    static func median(_ forecasts: [[Double]]) -> [Double] {
        guard forecasts.count > 1 else { return forecasts.first ?? [] }
        var values = [Double](repeating: 0, count: forecasts.count)
        return forecasts[0].indices.map { h in
            for i in forecasts.indices { values[i] = forecasts[i][h] }
            return Quantile.median(values)
        }
    }
}
