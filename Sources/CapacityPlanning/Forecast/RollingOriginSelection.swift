/// The forecast of one series for sizing: the method chosen by a rolling-origin backtest and an
/// upper band from that backtest's errors.
public struct SeriesForecast: Sendable, Hashable {
    /// The method used.
    public var method: String
    /// Point forecast per step of the horizon.
    public var point: [Double]
    /// Upper forecast per step: point + the `upperQuantile` of the backtest's errors (actual −
    /// point), capped at the provisioned size when known. Sizing uses this, not the point.
    public var upper: [Double]
    /// MASE of the chosen method in the backtest (nil without a backtest or with a flat history).
    public var backtestMASE: Double?
}

/// Rolling-origin evaluation ("time-series cross-validation"): for each of the last `days` days
/// as origin, every candidate forecasts that day from the history before it; the candidate with
/// the least mean absolute error wins (ties: catalogue order). Its forecast errors over those days
/// give an empirical upper quantile (pooled, or per slot of the day: errors are larger at the
/// daily peaks), added to its forecast from the whole history. MASE divides
/// by the in-sample mean absolute error of the daily seasonal naive forecast.
///
/// Tashman, "Out-of-sample tests of forecasting accuracy", International Journal of Forecasting 16
/// (2000); Hyndman, Koehler, "Another look at measures of forecast accuracy", IJF 22 (2006) (MASE).
///
/// - Complexity: O(candidates · days · (n + m)) plus O(days·m log(days·m)) for the quantile; n
///   steps of history, m steps per day.
public enum RollingOriginSelection {
    public static func forecast(_ y: [Double], horizon: Int, stepsPerDay m: Int, candidates: [any Forecaster],
                                days: Int, upperQuantile: Double, cap: Double?, bandSlots: Int = 1,
                                sizingSlot: (steps: Int, quantile: Double)? = nil) -> SeriesForecast {
        let n = y.count
        let origins = (1...max(1, days)).map { n - $0 * m }.filter { $0 >= m }
        var best: (index: Int, mae: Double, errors: [Double], forecasts: [[Double]])? = nil
        for (i, candidate) in candidates.enumerated() {
            let usable = origins.filter { $0 >= candidate.minimumDays * m }
            guard usable.count == origins.count, !usable.isEmpty else { continue }
            var errors: [Double] = []
            errors.reserveCapacity(usable.count * m)
            var absolute = 0.0
            // Origins are latest first; the forecaster takes them in ascending order.
            let forecasts = Array(candidate.forecasts(y, origins: usable.reversed(), horizon: m, stepsPerDay: m).reversed())
            for (origin, f) in zip(usable, forecasts) {
                for h in 0..<m {
                    let e = y[origin + h] - f[h]
                    errors.append(e)
                    absolute += abs(e)
                }
            }
            let mae = absolute / Double(errors.count)
            if best == nil || mae < best!.mae { best = (i, mae, errors, forecasts) }
        }
        let chosen = best.map { candidates[$0.index] } ?? candidates.first { $0.minimumDays * m <= n } ?? candidates[0]
        let point = chosen.forecast(y, count: n, horizon: horizon, stepsPerDay: m)
        var margins = [Double](repeating: 0, count: max(1, bandSlots))
        if let best {
            if let slot = sizingSlot, slot.steps > 1 {
                let errors = statisticErrors(y, origins: origins, forecasts: best.forecasts, stepsPerDay: m, slotSteps: slot.steps, quantile: slot.quantile)
                margins = bandMargins(errors, stepsPerDay: m / slot.steps, phase: (n % m) / slot.steps, slots: bandSlots, quantile: upperQuantile)
            } else {
                margins = bandMargins(best.errors, stepsPerDay: m, phase: n % m, slots: bandSlots, quantile: upperQuantile)
            }
        }
        let limit = cap.flatMap { $0 > 0 ? $0 : nil } ?? .infinity
        let slotSteps = max(1, m / max(1, bandSlots))
        let upper = point.indices.map { h in min(limit, point[h] + margins[min(margins.count - 1, ((n + h) % m) / slotSteps)]) }
        let scale = seasonalNaiveScale(y, count: n, stepsPerDay: m)
        let mase = best.flatMap { b in scale > 0 ? b.mae / scale : nil }
        return SeriesForecast(method: chosen.name, point: point, upper: upper, backtestMASE: mase)
    }

    /// Errors of the sizing statistic: for each backtest day and time slot, the statistic of the
    /// actual steps minus that of the forecast steps — the quantity sizing needs, whose errors are
    /// not those of single steps (a slot's peak of a noisy series exceeds the peak of its forecast).
    static func statisticErrors(_ y: [Double], origins: [Int], forecasts: [[Double]], stepsPerDay m: Int, slotSteps: Int, quantile: Double) -> [Double] {
        var errors: [Double] = []
        for (origin, f) in zip(origins, forecasts) {
            for start in stride(from: 0, to: m, by: slotSteps) {
                let end = min(m, start + slotSteps)
                errors.append(Quantile.of(Array(y[(origin + start)..<(origin + end)]), quantile) - Quantile.of(Array(f[start..<end]), quantile))
            }
        }
        return errors
    }

    /// The upper quantile of the backtest errors (≥ 0), per slot of the day (`slots` = 1: pooled).
    /// `errors` holds whole days of errors, each starting at phase `phase`.
    static func bandMargins(_ errors: [Double], stepsPerDay m: Int, phase: Int, slots: Int, quantile: Double) -> [Double] {
        guard slots > 1 else { return [max(0, Quantile.of(errors, quantile))] }
        let slotSteps = max(1, m / slots)
        var buckets = [[Double]](repeating: [], count: slots)
        for (i, e) in errors.enumerated() { buckets[min(slots - 1, ((phase + i % m) % m) / slotSteps)].append(e) }
        return buckets.map { max(0, Quantile.of($0, quantile)) }
    }

    /// Mean |y_t − y_{t−m}| over the history: MASE's denominator (0 when too short or flat).
    public static func seasonalNaiveScale(_ y: [Double], count n: Int, stepsPerDay m: Int) -> Double {
        guard n > m, m > 0 else { return 0 }
        var total = 0.0
        for t in m..<n { total += abs(y[t] - y[t - m]) }
        return total / Double(n - m)
    }
}
