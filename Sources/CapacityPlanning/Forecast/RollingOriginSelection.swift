/// Rolling-origin evaluation ("time-series cross-validation"): each of the last `days` days before
/// the forecast origin is an origin from which every candidate forecasts the next day from the
/// history before it; the candidate with the least mean absolute error wins (ties: catalogue
/// order). A candidate that lacks the history for some origins (the weekly naive method in the
/// second week) still competes when it can forecast at least half of them, and then every
/// eligible candidate is compared on the origins they all can forecast — the same days for all,
/// so a method is neither excluded for one missing origin nor favoured by scoring on other days.
/// The winner's errors of the sizing statistic over those days give the upper band (see
/// ``BandCalibration`` for how its quantile is chosen), added to its forecast from the whole
/// history. MASE divides by the in-sample mean absolute error of the daily seasonal naive forecast.
///
/// Tashman, "Out-of-sample tests of forecasting accuracy", International Journal of Forecasting 16
/// (2000); Hyndman, Koehler, "Another look at measures of forecast accuracy", IJF 22 (2006) (MASE).
///
/// - Complexity: O(candidates · (days + calibration days) · (n + m)) for the forecasts, plus
///   O(days · m log m) per chosen method for the statistic errors; n steps of history, m per day.
///   With a combination, O(origins · (days · candidates + m · k log k) + k · (n + horizon)) more.
public enum RollingOriginSelection {
    /// Forecasts `horizon` steps after `y` with the candidate the backtest picks and its upper band.
    /// `sizingSlot`: the band is of the errors of this statistic over slots of that many steps (nil:
    /// of single steps). `combination`: the point forecast is instead the median of the `k` best of
    /// the candidates and `extra` (``TopKMedianCombination``), ranked on the same days; the upper
    /// band stays the selected candidate's, raised to the point where that is higher. The point aims
    /// at the median (absolute error, MASE), the band at an upper quantile of the slot statistic
    /// (pinball loss): one forecast per loss (Gneiting, "Making and evaluating point forecasts",
    /// JASA 106 (2011)). The combination's own band overloaded more on the days the settings are
    /// chosen on (Results/capacity.md).
    public static func forecast(_ y: [Double], horizon: Int, stepsPerDay m: Int, candidates: [any Forecaster],
                                days: Int, band: BandSetting, cap: Double?,
                                sizingSlot: (steps: Int, quantile: Double)? = nil,
                                combination: (k: Int, extra: [any Forecaster])? = nil) -> SeriesForecast {
        let n = y.count
        let pool = candidates + (combination?.extra ?? [])
        let all = BacktestEvidence(y, stepsPerDay: m, candidates: pool, originDays: max(1, days) + band.calibrationDays,
                                   slotSteps: max(1, sizingSlot?.steps ?? 1), statisticQuantile: sizingSlot?.quantile ?? 1)
        let evidence = pool.count == candidates.count ? all : all.restricted(to: candidates.count)
        let window = Array(0..<min(max(1, days), evidence.origins.count))
        let best = select(evidence, window: window)
        let chosen = best.map { candidates[$0] } ?? candidates.first { $0.minimumDays * m <= n } ?? candidates[0]
        let selected = chosen.forecast(y, count: n, horizon: horizon, stepsPerDay: m)
        let (quantile, bands) = bandChoice(band, evidence: evidence, window: max(1, days), cap: cap)
        var margins = [0.0]
        if let best {
            let errors = window.flatMap { evidence.statisticErrors(best, $0) ?? [] }
            margins = bandMargins(errors, stepsPerDay: evidence.slotsPerDay, phase: evidence.slotPhase, slots: bands, quantile: quantile)
        }
        let limit = cap.flatMap { $0 > 0 ? $0 : nil } ?? .infinity
        let stepsPerBand = max(1, m / max(1, margins.count))
        let upper = selected.indices.map { h in min(limit, selected[h] + margins[min(margins.count - 1, ((n + h) % m) / stepsPerBand)]) }
        let scale = seasonalNaiveScale(y, count: n, stepsPerDay: m)
        func mase(_ e: BacktestEvidence, _ c: Int?) -> Double? {
            c.flatMap { c in scale > 0 ? e.meanError(c, over: window).map { $0 / scale } : nil }
        }
        guard let combination else {
            return SeriesForecast(method: chosen.name, point: selected, upper: upper, backtestMASE: mase(evidence, best),
                                  bandQuantile: quantile, bandSlots: margins.count)
        }
        let combiner = TopKMedianCombination(members: pool, k: combination.k, days: max(1, days))
        let point = combiner.combine(all, window: window, horizon: horizon)
        let derived = combiner.evidence(derivedFrom: all)
        return SeriesForecast(method: combiner.name, point: point, upper: zip(upper, point).map { max($0, min(limit, $1)) },
                              backtestMASE: mase(derived, select(derived, window: window)), bandQuantile: quantile, bandSlots: margins.count)
    }

    /// The band's quantile and bands: the config's, or the calibration's choice.
    static func bandChoice(_ band: BandSetting, evidence: BacktestEvidence, window: Int, cap: Double?) -> (Double, Int) {
        switch band {
        case .fixed(let q, let bands):
            return (q, bands)
        case .calibrated(let target, let days, let quantiles, let bands):
            let usable = bands.filter { $0 >= 1 && evidence.slotsPerDay % $0 == 0 }
            return BandCalibration.choose(evidence, window: window, days: days, target: target, quantiles: quantiles,
                                          bands: usable.isEmpty ? [1] : usable, cap: cap) ?? (target, 1)
        }
    }

    /// The candidate with the least mean absolute error on the origins `window` (indices into
    /// `evidence.origins`), compared on the origins every eligible candidate can forecast; nil when
    /// none can forecast any of them.
    static func select(_ evidence: BacktestEvidence, window: [Int]) -> Int? { ranked(evidence, window: window).first }

    /// The eligible candidates by mean absolute error on `window`, least first (ties: catalogue
    /// order), compared on the origins every eligible candidate can forecast; a candidate counts when
    /// it can forecast at least half of the window's origins.
    static func ranked(_ evidence: BacktestEvidence, window: [Int]) -> [Int] {
        guard !window.isEmpty else { return [] }
        let needed = (window.count + 1) / 2
        var eligible = evidence.candidates.indices.filter { c in window.filter { evidence.mae[c][$0] != nil }.count >= needed }
        var common = window.filter { j in eligible.allSatisfy { evidence.mae[$0][j] != nil } }
        if common.isEmpty {
            eligible = eligible.filter { c in window.allSatisfy { evidence.mae[c][$0] != nil } }
            common = window
        }
        let scored = eligible.compactMap { c in evidence.meanError(c, over: common).map { (index: c, mae: $0) } }
        return scored.sorted { $0.mae < $1.mae || ($0.mae == $1.mae && $0.index < $1.index) }.map(\.index)
    }

    /// The upper quantile of the backtest errors (≥ 0), per band of the day (`slots` = 1: pooled).
    /// `errors` holds whole days of errors (`m` values each), each starting at phase `phase`.
    static func bandMargins(_ errors: [Double], stepsPerDay m: Int, phase: Int, slots: Int, quantile: Double) -> [Double] {
        sortedBands(errors, stepsPerDay: m, phase: phase, slots: slots).map { max(0, Quantile.ofSorted($0, quantile)) }
    }

    /// The errors of each band of the day, sorted.
    static func sortedBands(_ errors: [Double], stepsPerDay m: Int, phase: Int, slots: Int) -> [[Double]] {
        guard slots > 1 else { return [errors.sorted()] }
        let perBand = max(1, m / slots)
        var buckets = [[Double]](repeating: [], count: slots)
        for (i, e) in errors.enumerated() { buckets[min(slots - 1, ((phase + i % m) % m) / perBand)].append(e) }
        return buckets.map { $0.sorted() }
    }

    /// Mean |y_t − y_{t−m}| over the history: MASE's denominator (0 when too short or flat).
    public static func seasonalNaiveScale(_ y: [Double], count n: Int, stepsPerDay m: Int) -> Double {
        guard n > m, m > 0 else { return 0 }
        var total = 0.0
        for t in m..<n { total += abs(y[t] - y[t - m]) }
        return total / Double(n - m)
    }
}

/// Every candidate's day-ahead forecasts from the last days' origins and their errors: what the
/// selection and the band calibration read. Only history before each origin is forecast from,
/// and only the day after it is compared. The slot statistics are computed once, when first needed.
final class BacktestEvidence {
    let y: [Double]
    let m: Int
    let candidates: [any Forecaster]
    /// Origins, latest first: origins[j] = n − (j + 1)·m, at least one day into the history.
    let origins: [Int]
    /// forecasts[c][j]: candidate c's forecast of the day after origins[j] (nil: too little history).
    let forecasts: [[[Double]?]]
    /// mae[c][j]: its mean absolute error on that day.
    let mae: [[Double?]]
    /// Steps per slot of the sizing statistic, the statistic's quantile, slots per day and the slot of the day origins start in.
    let slotSteps: Int
    let statisticQuantile: Double
    var slotsPerDay: Int { max(1, m / slotSteps) }
    var slotPhase: Int { (y.count % m) / slotSteps }

    /// Forecasts every candidate from the last `originDays` days' origins.
    convenience init(_ y: [Double], stepsPerDay m: Int, candidates: [any Forecaster], originDays: Int, slotSteps: Int, statisticQuantile: Double) {
        let n = y.count
        let origins = (1...max(1, originDays)).map { n - $0 * m }.filter { $0 >= m }
        let forecasts: [[[Double]?]] = candidates.map { candidate in
            let usable = origins.filter { $0 >= candidate.minimumDays * m }
            // The forecaster takes its origins in ascending order.
            let made = Dictionary(uniqueKeysWithValues: zip(usable.reversed(), candidate.forecasts(y, origins: usable.reversed(), horizon: m, stepsPerDay: m)))
            return origins.map { made[$0] }
        }
        self.init(y, stepsPerDay: m, candidates: candidates, origins: origins, forecasts: forecasts,
                  slotSteps: slotSteps, statisticQuantile: statisticQuantile)
    }

    /// Evidence of forecasts made elsewhere (`forecasts[c][j]`: candidate c's day after `origins[j]`).
    init(_ y: [Double], stepsPerDay m: Int, candidates: [any Forecaster], origins: [Int], forecasts: [[[Double]?]],
         slotSteps: Int, statisticQuantile: Double) {
        self.y = y
        self.m = m
        self.candidates = candidates
        self.slotSteps = slotSteps
        self.statisticQuantile = statisticQuantile
        self.origins = origins
        self.forecasts = forecasts
        self.mae = forecasts.map { row in
            zip(origins, row).map { origin, f in
                f.map { f in (0..<m).reduce(0.0) { $0 + abs(y[origin + $1] - f[$1]) } / Double(m) }
            }
        }
    }

    /// The same evidence for the first `count` candidates only.
    func restricted(to count: Int) -> BacktestEvidence {
        BacktestEvidence(y, stepsPerDay: m, candidates: Array(candidates.prefix(count)), origins: origins,
                         forecasts: Array(forecasts.prefix(count)), slotSteps: slotSteps, statisticQuantile: statisticQuantile)
    }

    /// Mean of candidate c's errors over the origins `window` it can forecast (nil: none).
    func meanError(_ c: Int, over window: [Int]) -> Double? {
        let values = window.compactMap { mae[c][$0] }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private var actualCache: [[Double]?] = []
    private var forecastCache: [[[Double]?]] = []
    private var forecastCached: [[Bool]] = []

    /// The sizing statistic of each slot of the day after origins[j]: of the actual steps.
    func actualStatistics(_ j: Int) -> [Double] {
        if actualCache.isEmpty { actualCache = [[Double]?](repeating: nil, count: origins.count) }
        if let cached = actualCache[j] { return cached }
        let value = statistics(Array(y[origins[j]..<(origins[j] + m)]))
        actualCache[j] = value
        return value
    }

    /// … and of candidate c's forecast (nil: it has none there).
    func forecastStatistics(_ c: Int, _ j: Int) -> [Double]? {
        if forecastCache.isEmpty {
            forecastCache = [[[Double]?]](repeating: [[Double]?](repeating: nil, count: origins.count), count: candidates.count)
            forecastCached = [[Bool]](repeating: [Bool](repeating: false, count: origins.count), count: candidates.count)
        }
        if forecastCached[c][j] { return forecastCache[c][j] }
        let value = forecasts[c][j].map(statistics)
        forecastCache[c][j] = value
        forecastCached[c][j] = true
        return value
    }

    /// Errors of the sizing statistic per slot (actual − forecast): the quantity sizing needs,
    /// whose errors are not those of single steps (a slot's peak of a noisy series exceeds the
    /// peak of its forecast).
    func statisticErrors(_ c: Int, _ j: Int) -> [Double]? {
        forecastStatistics(c, j).map { f in zip(actualStatistics(j), f).map { $0 - $1 } }
    }

    func statistics(_ day: [Double]) -> [Double] {
        guard slotSteps > 1 else { return day }
        return stride(from: 0, to: day.count, by: slotSteps).map { start in
            Quantile.of(Array(day[start..<min(day.count, start + slotSteps)]), statisticQuantile)
        }
    }
}
