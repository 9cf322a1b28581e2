/// How the upper band over the point forecast is set.
public enum BandSetting: Sendable, Hashable {
    /// The `quantile` of the backtest errors, per `bands` equal parts of the day.
    case fixed(quantile: Double, bands: Int)
    /// Quantile and bands chosen per series by ``BandCalibration`` on the last `days` days of the
    /// history (pinball loss at `target`); without such days: quantile `target`, one band.
    case calibrated(target: Double, days: Int, quantiles: [Double], bands: [Int])

    /// Validation days the calibration needs beyond the selection's window.
    var calibrationDays: Int {
        if case .calibrated(_, let days, _, _) = self { return max(0, days) }
        return 0
    }
}
