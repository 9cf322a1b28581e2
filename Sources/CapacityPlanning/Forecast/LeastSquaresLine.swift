/// The ordinary least-squares line y = a + b·x, with the standard error of the slope.
///
/// Gauss (1809); any statistics text, e.g. Wasserman, *All of Statistics* (2004), §13.1.
///
/// - Complexity: O(n).
public struct LeastSquaresLine: Sendable, Hashable {
    public var intercept: Double
    public var slope: Double
    /// Standard error of the slope (0 with fewer than 3 points).
    public var slopeStandardError: Double

    public func value(at x: Double) -> Double { intercept + slope * x }

    public static func fit(xs: [Double], ys: [Double]) -> LeastSquaresLine {
        let n = Double(xs.count)
        guard xs.count >= 2 else { return LeastSquaresLine(intercept: ys.first ?? 0, slope: 0, slopeStandardError: 0) }
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for i in xs.indices {
            sxx += (xs[i] - mx) * (xs[i] - mx)
            sxy += (xs[i] - mx) * (ys[i] - my)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        let intercept = my - slope * mx
        var sse = 0.0
        for i in xs.indices { let r = ys[i] - intercept - slope * xs[i]; sse += r * r }
        let se = xs.count > 2 && sxx > 0 ? (sse / (n - 2) / sxx).squareRoot() : 0
        return LeastSquaresLine(intercept: intercept, slope: slope, slopeStandardError: se)
    }
}
