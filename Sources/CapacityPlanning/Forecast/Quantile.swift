/// Empirical quantiles: the value at rank ⌈q·n⌉ of the sorted sample (q = 1: the maximum), the
/// inverted empirical distribution function (Hyndman, Fan, "Sample quantiles in statistical
/// packages", The American Statistician 50 (1996), definition 1).
///
/// - Complexity: O(n log n) (a sort).
public enum Quantile {
    public static func of(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        if q >= 1 { return values.max()! }
        let sorted = values.sorted()
        return ofSorted(sorted, q)
    }

    public static func ofSorted(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// The median (mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
