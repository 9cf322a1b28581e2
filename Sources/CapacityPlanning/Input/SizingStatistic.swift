/// The statistic that turns a forecast into a size.
public enum SizingStatistic: String, Sendable, CaseIterable, Codable {
    case peak, p95, p99

    /// The quantile it takes (1 = the maximum).
    public var quantile: Double {
        switch self {
        case .peak: return 1
        case .p95: return 0.95
        case .p99: return 0.99
        }
    }
}
