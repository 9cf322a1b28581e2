/// Every overload detector the replay knows, by the trigger name used in policy names
/// (`<trigger>-<which>-<parameter>`). Adding a detector: its file, and one line in ``entries``.
public enum DetectorRegistry {
    /// What the one numeric parameter of a policy name means for a trigger.
    public enum Parameter: Sendable {
        /// A utilisation fraction in (0, 1].
        case threshold
        /// A non-negative safety factor or margin.
        case factor
    }

    /// One trigger: its name, what its parameter means, a one-line summary, and how to build it.
    public struct Entry: Sendable {
        public var name: String
        public var parameter: Parameter
        public var summary: String
        public var make: @Sendable (_ parameter: Double, _ settings: TriggerSettings) -> any OverloadDetector
    }

    public static let entries: [Entry] = [
        Entry(name: "thr", parameter: .threshold, summary: "static threshold on CPU utilisation") { p, _ in StaticThresholdDetector(threshold: p) },
        Entry(name: "iqr", parameter: .factor, summary: "adaptive: 1 − s·IQR(history)") { p, _ in InterQuartileRangeDetector(safety: p) },
        Entry(name: "mad", parameter: .factor, summary: "adaptive: 1 − s·MAD(history)") { p, _ in MedianAbsoluteDeviationDetector(safety: p) },
        Entry(name: "lr", parameter: .factor, summary: "local regression forecast, s·forecast ≥ 1 (CloudSim's, unweighted)") { p, _ in LocalRegressionDetector(safety: p) },
        Entry(name: "lrw", parameter: .factor, summary: "local regression with the paper's tricube weights") { p, _ in LocalRegressionDetector(safety: p, weighted: true) },
        Entry(name: "lrr", parameter: .factor, summary: "robust local regression (bisquare)") { p, _ in RobustLocalRegressionDetector(safety: p) },
        Entry(name: "kofn", parameter: .threshold, summary: "Sandpiper: k of the last n samples above the threshold (--k, --n)") { p, s in KOfNHotSpotDetector(threshold: p, k: s.k, n: s.n) },
        Entry(name: "ewma", parameter: .threshold, summary: "EWMA forecast above the threshold (--alpha)") { p, s in ExponentialSmoothingDetector(threshold: p, alpha: s.alpha) },
        Entry(name: "ar", parameter: .threshold, summary: "AR(p) forecast above the threshold (--ar-order)") { p, s in AutoregressiveDetector(threshold: p, order: s.arOrder) },
        Entry(name: "holt", parameter: .threshold, summary: "Holt-Winters forecast above the threshold (--alpha, --beta, --gamma, --season)") { p, s in
            HoltWintersDetector(threshold: p, alpha: s.alpha, beta: s.beta, gamma: s.gamma, season: s.season)
        },
        Entry(name: "imbalance", parameter: .factor, summary: "utilisation above the data-centre mean + margin") { p, _ in ImbalanceDetector(margin: p) },
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }
}
