/// Nested choice of the upper band per series: for each of the last `days` days of the history,
/// the selection (``RollingOriginSelection``) is rerun as it would have run that morning — its
/// window the days before, never that day — and its winner's band is tried with every quantile ×
/// bands-per-day of the grid on that day's actual sizing statistic. The pair with the least
/// pinball loss at `target` over those days wins (ties: grid order): the band then estimates the
/// `target` quantile of the slot statistic, whatever the series' own error drift. Only the history
/// before the forecast origin is read, so in a backtest the held-out days play no part.
///
/// Koenker, Bassett, "Regression quantiles", Econometrica 46 (1978) (the pinball loss);
/// Varma, Simon, "Bias in error estimation when using cross-validation for model selection", BMC
/// Bioinformatics 7 (2006) (nested validation); Tashman, IJF 16 (2000) (rolling origin).
///
/// - Complexity: O(days · (window · m log m + |quantiles| · |bands| · m / slotSteps)) beyond the
///   evidence's forecasts.
enum BandCalibration {
    /// The (quantile, bands) pair, or nil when no validation day has a selection before it.
    static func choose(_ evidence: BacktestEvidence, window: Int, days: Int, target: Double, quantiles: [Double], bands: [Int],
                       cap: Double?) -> (Double, Int)? {
        guard !quantiles.isEmpty, !bands.isEmpty else { return nil }
        let limit = cap.flatMap { $0 > 0 ? $0 : nil } ?? .infinity
        let slots = evidence.slotsPerDay
        var loss = [[Double]](repeating: [Double](repeating: 0, count: quantiles.count), count: bands.count)
        var scored = 0
        for v in 0..<min(days, evidence.origins.count) {
            let before = Array((v + 1)..<min(evidence.origins.count, v + 1 + window))
            guard let c = RollingOriginSelection.select(evidence, window: before), let forecast = evidence.forecastStatistics(c, v) else { continue }
            let errors = before.flatMap { evidence.statisticErrors(c, $0) ?? [] }
            guard !errors.isEmpty else { continue }
            let actual = evidence.actualStatistics(v)
            for (b, count) in bands.enumerated() {
                let sorted = RollingOriginSelection.sortedBands(errors, stepsPerDay: slots, phase: evidence.slotPhase, slots: count)
                let perBand = max(1, slots / count)
                for (q, quantile) in quantiles.enumerated() {
                    let margins = sorted.map { max(0, Quantile.ofSorted($0, quantile)) }
                    for s in 0..<slots {
                        // A slot lies in one band: the statistic of (point + margin) is the point's + margin.
                        let band = min(count - 1, ((evidence.slotPhase + s) % slots) / perBand)
                        loss[b][q] += pinball(actual[s] - min(limit, forecast[s] + margins[band]), target)
                    }
                }
            }
            scored += 1
        }
        guard scored > 0 else { return nil }
        var best = (b: 0, q: 0)
        for b in bands.indices { for q in quantiles.indices where loss[b][q] < loss[best.b][best.q] { best = (b, q) } }
        return (quantiles[best.q], bands[best.b])
    }

    /// Pinball (quantile) loss of residual `r` = actual − predicted at level τ.
    static func pinball(_ r: Double, _ tau: Double) -> Double { r >= 0 ? tau * r : (tau - 1) * r }
}
