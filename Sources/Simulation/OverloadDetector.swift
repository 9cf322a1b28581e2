/// What an overload detector sees of one host at a decision step.
public struct HostObservation: Sendable, Hashable {
    /// CPU demand of the host's VMs now, as a fraction of its CPU capacity (may exceed 1).
    public var utilisation: Double
    /// Past CPU utilisation of the host, oldest first, computed (as CloudSim does) from the
    /// histories of the VMs on it now; at most 30 samples; leading zeros removed.
    public var history: [Double]
    /// Longest migration time of a VM on the host, seconds.
    public var maximumMigrationSeconds: Double
    /// Seconds between decisions.
    public var intervalSeconds: Double
    /// Mean utilisation of the active hosts of the data centre (for imbalance triggers).
    public var dataCentreMeanUtilisation: Double

    public init(utilisation: Double, history: [Double], maximumMigrationSeconds: Double = 0,
                intervalSeconds: Double = 300, dataCentreMeanUtilisation: Double = 0) {
        self.utilisation = utilisation
        self.history = history
        self.maximumMigrationSeconds = maximumMigrationSeconds
        self.intervalSeconds = intervalSeconds
        self.dataCentreMeanUtilisation = dataCentreMeanUtilisation
    }
}

/// The survey's "when" for hot spots: decides whether a host is overloaded.
public protocol OverloadDetector: Sendable {
    /// Short name, e.g. `thr`, `iqr`, `lr`.
    var name: String { get }
    var citation: String { get }
    func isOverloaded(_ host: HostObservation) -> Bool
}

/// Small statistics shared by the detectors (CloudSim `MathUtil` semantics).
enum Statistics {
    /// Median (mean of the two middle values for an even count); 0 for no data.
    static func median(_ data: [Double]) -> Double {
        if data.isEmpty { return 0 }
        let sorted = data.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Median absolute deviation from the median.
    static func medianAbsoluteDeviation(_ data: [Double]) -> Double {
        let m = median(data)
        return median(data.map { abs($0 - m) })
    }

    /// Interquartile range as CloudSim computes it: sorted data, Q1 at index
    /// round(0.25·(n+1)) − 1 and Q3 at round(0.75·(n+1)) − 1 (round half up).
    static func interquartileRange(_ data: [Double]) -> Double {
        let sorted = data.sorted()
        let n = sorted.count
        guard n > 0 else { return 0 }
        let q1 = min(n - 1, max(0, Int((0.25 * Double(n + 1) + 0.5).rounded(.down)) - 1))
        let q3 = min(n - 1, max(0, Int((0.75 * Double(n + 1) + 0.5).rounded(.down)) - 1))
        return sorted[q3] - sorted[q1]
    }

    /// Weighted least-squares line y ≈ a + b·x; `nil` when degenerate.
    static func weightedLine(x: [Double], y: [Double], weights: [Double]) -> (a: Double, b: Double)? {
        var sw = 0.0, sx = 0.0, sy = 0.0
        for i in x.indices { sw += weights[i]; sx += weights[i] * x[i]; sy += weights[i] * y[i] }
        guard sw > 0 else { return nil }
        let mx = sx / sw, my = sy / sw
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            sxx += weights[i] * (x[i] - mx) * (x[i] - mx)
            sxy += weights[i] * (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 0 else { return nil }
        let b = sxy / sxx
        return (my - b * mx, b)
    }
}
