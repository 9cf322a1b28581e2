/// Wentges dual smoothing for column generation. Pricing uses the separation point
/// π_sep = α·π̄ + (1 − α)·π_LP, where π̄ (the stability centre) is the dual-feasible point with the
/// best Lagrangian bound met so far (here Farley's: π / max(1, best price)) and π_LP the duals of
/// the last master LP. The master LP's duals oscillate; their smoothed point moves steadily toward
/// the dual optimum, so fewer LPs are needed. A column priced at π_sep enters only if it improves
/// on π_LP; when no column does (a mis-price) the caller prices at π_LP itself, so convergence and
/// the final bound are those of plain column generation.
///
/// Wentges, "Weighted Dantzig–Wolfe decomposition for linear mixed-integer programming",
/// International Transactions in Operational Research 4 (1997); Pessoa, Sadykov, Uchoa,
/// Vanderbeck, "Automation and combination of linear-programming based stabilization techniques in
/// column generation", INFORMS Journal on Computing 30 (2018).
///
/// - Complexity: O(t) per separation point and per offered centre, for t item types.
public struct WentgesSmoothing: Sendable {
    /// α in [0, 1): the weight of the centre (0 = no smoothing).
    public var weight: Double
    /// The stability centre (nil until a bound has been offered).
    public private(set) var centre: [Double]?
    /// The bound of the centre.
    public private(set) var centreBound = -Double.infinity

    public init(weight: Double) {
        self.weight = min(0.99, max(0, weight))
    }

    /// The point to price at for the master duals `duals` (`duals` itself without a centre).
    public func separationPoint(_ duals: [Double]) -> [Double] {
        guard let centre, weight > 0 else { return duals }
        return zip(centre, duals).map { weight * $0 + (1 - weight) * $1 }
    }

    /// Offers a dual-feasible point with its bound; it becomes the centre when its bound is better.
    public mutating func offer(_ point: [Double], bound: Double) {
        guard bound > centreBound else { return }
        centre = point
        centreBound = bound
    }
}
