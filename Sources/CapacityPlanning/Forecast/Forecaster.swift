/// A point forecaster of one utilisation series. Forecasts are deterministic and never negative.
public protocol Forecaster: Sendable {
    /// Name used in configs and reports, e.g. `seasonal-naive-daily`.
    var name: String { get }
    /// The smallest history (in days) the method needs.
    var minimumDays: Int { get }
    /// Point forecast of the `horizon` steps that follow `y[0..<count]` (`m` steps per day).
    func forecast(_ y: [Double], count: Int, horizon: Int, stepsPerDay m: Int) -> [Double]
    /// Point forecasts from several origins (ascending): the same as one `forecast` per origin, but
    /// a method with a running state may compute them in one pass.
    func forecasts(_ y: [Double], origins: [Int], horizon: Int, stepsPerDay m: Int) -> [[Double]]
}

extension Forecaster {
    public func forecasts(_ y: [Double], origins: [Int], horizon: Int, stepsPerDay m: Int) -> [[Double]] {
        origins.map { forecast(y, count: $0, horizon: horizon, stepsPerDay: m) }
    }
}

