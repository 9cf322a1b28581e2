/// Every forecaster, in a stable order (the tie-break of the automatic choice).
public enum ForecasterCatalogue {
    public static let all: [any Forecaster] = [
        SeasonalNaiveForecaster(periodDays: 1),
        SeasonalNaiveForecaster(periodDays: 7),
        SeasonalMedianForecaster(days: 7),
        HoltWintersForecaster(),
        RecentPercentileForecaster(percentile: 0.5, days: 1),
        LinearTrendForecaster(days: 7),
    ]

    /// Methods that follow a level shifting in bursts: members of the median combination only (as
    /// `auto` candidates, or as the band's method, they overloaded more on the days the settings are
    /// chosen on — Results/capacity.md).
    public static let levelFollowing: [any Forecaster] = [RecentPercentileForecaster(percentile: 0.5, hours: 1)]

    public static var names: [String] { all.map(\.name) }

    public static func forecaster(named name: String) -> (any Forecaster)? { (all + levelFollowing).first { $0.name == name } }

    /// Whether `name` is a forecast method a config may name: `auto` (selection), `median-top<k>`
    /// (``TopKMedianCombination`` of the catalogue) or one of the catalogue.
    public static func isMethod(_ name: String) -> Bool {
        name == "auto" || TopKMedianCombination.k(fromName: name) != nil || forecaster(named: name) != nil
    }

    /// The methods a config may name, for error messages.
    public static var methodList: String {
        "auto, median-top2 … median-top9 or one of \((all + levelFollowing).map(\.name).joined(separator: ", "))"
    }
}
