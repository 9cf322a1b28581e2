/// The forecast of one series for sizing: the method chosen by a rolling-origin backtest and an
/// upper band from that backtest's errors.
public struct SeriesForecast: Sendable, Hashable {
    /// The method used.
    public var method: String
    /// Point forecast per step of the horizon.
    public var point: [Double]
    /// Upper forecast per step: point + the `bandQuantile` of the backtest's errors (actual −
    /// point) in the step's band of the day, capped at the provisioned size when known. Sizing
    /// uses this, not the point.
    public var upper: [Double]
    /// MASE of the chosen method in the backtest (nil without a backtest or with a flat history).
    public var backtestMASE: Double?
    /// Quantile of the backtest errors the band uses, and the bands per day it was taken in
    /// (fixed by the config, or chosen by ``BandCalibration``).
    public var bandQuantile: Double = 0
    public var bandSlots: Int = 1
}
