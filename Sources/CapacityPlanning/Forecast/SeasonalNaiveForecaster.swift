/// Seasonal naive (`seasonal-naive-daily`, `seasonal-naive-weekly`): each step repeats the value one
/// period (a day or a week) earlier. The reference of MASE's scale.
///
/// Hyndman, Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed., 2021), §5.2.
///
/// - Complexity: O(horizon).
public struct SeasonalNaiveForecaster: Forecaster {
    public let periodDays: Int
    public init(periodDays: Int) { self.periodDays = periodDays }
    public var name: String { periodDays == 7 ? "seasonal-naive-weekly" : periodDays == 1 ? "seasonal-naive-daily" : "seasonal-naive-\(periodDays)d" }
    public var minimumDays: Int { periodDays }

    public func forecast(_ y: [Double], count n: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
        let period = min(periodDays * m, n)
        guard period > 0 else { return [Double](repeating: 0, count: horizon) }
        return (0..<horizon).map { h in max(0, y[n - period + h % period]) }
    }
}
