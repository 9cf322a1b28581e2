/// Settings of the triggers beyond the one parameter in a policy's name (the command line's
/// `--k`, `--n`, `--alpha`, `--beta`, `--gamma`, `--season`, `--ar-order`).
public struct TriggerSettings: Sendable, Hashable {
    /// k-of-n: hot when at least `k` of the last `n` observations exceed the threshold.
    public var k: Int
    public var n: Int
    /// EWMA smoothing factor, and Holt–Winters' level factor.
    public var alpha: Double
    /// Holt–Winters trend factor.
    public var beta: Double
    /// Holt–Winters seasonal factor.
    public var gamma: Double
    /// Holt–Winters season length in samples (0 = no seasonality).
    public var season: Int
    /// AR(p) order p.
    public var arOrder: Int

    public init(k: Int = 3, n: Int = 5, alpha: Double = 0.5, beta: Double = 0.3, gamma: Double = 0.1,
                season: Int = 0, arOrder: Int = 2) {
        self.k = k
        self.n = n
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.season = season
        self.arOrder = arOrder
    }

    /// Why the settings cannot be used, or `nil` when they can.
    public var problem: String? {
        if n < 1 { return "k-of-n: n must be ≥ 1, got \(n)" }
        if k < 1 || k > n { return "k-of-n: k must be in 1…n (n = \(n)), got \(k)" }
        for (name, value) in [("alpha", alpha), ("beta", beta), ("gamma", gamma)] where !(value > 0 && value <= 1) {
            return "\(name) must be in (0, 1], got \(value)"
        }
        if season < 0 || season > 1440 { return "season must be in 0…1440 samples, got \(season)" }
        if arOrder < 1 || arOrder > 12 { return "AR order must be in 1…12, got \(arOrder)" }
        return nil
    }
}
