import PlacementModel

/// Forecast accuracy of one dimension on held-out days.
public struct DimensionAccuracy: Sendable, Hashable {
    public var dimension: String
    /// Mean over VMs of MAE(point forecast) / in-sample MAE of the daily seasonal naive forecast.
    public var meanMASE: Double
    /// Median over VMs of |p95 of the sizing forecast − actual p95| / actual p95.
    public var medianP95Error: Double
    /// Share of VMs whose sizing forecast's p95 is more than 10 % under the actual p95.
    public var shareP95UnderForecastOver10pct: Double
    /// VMs scored for MASE (a flat history has no scale) and for the p95 (actual p95 > 0).
    public var vmsScoredMASE: Int
    public var vmsScoredP95: Int
}
