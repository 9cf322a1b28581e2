import PlacementModel

/// The size measures of the survey and of vector bin packing, applied to a demand normalised by a
/// capacity (each component `u_k = demand_k / capacity_k`). Used to order VMs ("which") and
/// hosts ("where").
///
/// * `sum` Σ u_k; `weightedSum` Σ w_k·u_k (weights given, by default the average normalised
///   demand of all VMs per dimension — Panigrahy et al.'s "FFDAvgSum", scarce dimensions weigh
///   more); `product` Π u_k; `max` max u_k; `l2` √(Σ u_k²);
/// * `volume` — Sandpiper (Wood et al., NSDI'07) `1/((1−cpu)(1−mem)(1−net))` generalised to d
///   dimensions as Π 1/(1−u_k). A utilisation ≥ 1 would divide by zero: each u_k is clamped to
///   at most `1 − volumeClamp` (= 0.999), so one saturated dimension multiplies the volume by 1000;
/// * `vsr` — volume-to-size ratio, volume / memory size in MiB (Sandpiper; memory size at least 1).
///
/// - Complexity: O(d) per evaluation.
public enum SizeMeasure: String, Sendable, CaseIterable, Hashable {
    case sum
    case weightedSum = "weighted-sum"
    case product
    case max
    case l2
    case volume
    case vsr

    /// Utilisations are clamped to at most `1 − volumeClamp` in `volume` and `vsr`.
    public static let volumeClamp = 1e-3

    /// The measure of a normalised vector `u`; `weights` (same length) only for `weightedSum`;
    /// `memoryMiB` only for `vsr`.
    public func value(_ u: [Double], weights: [Double]? = nil, memoryMiB: Double = 1) -> Double {
        switch self {
        case .sum: return u.reduce(0, +)
        case .weightedSum:
            var s = 0.0
            for k in u.indices { s += (weights?[k] ?? 1) * u[k] }
            return s
        case .product: return u.reduce(1, *)
        case .max: return u.max() ?? 0
        case .l2: return u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        case .volume: return SizeMeasure.volume(u)
        case .vsr: return SizeMeasure.volume(u) / Swift.max(memoryMiB, 1)
        }
    }

    /// Sandpiper volume Π 1/(1 − min(u_k, 1 − volumeClamp)); negative utilisations count as 0.
    public static func volume(_ u: [Double]) -> Double {
        var v = 1.0
        for x in u { v /= 1 - Swift.min(Swift.max(x, 0), 1 - volumeClamp) }
        return v
    }

    /// Dot product Σ w_k·a_k·b_k (VectorDot, Singh et al., SC'08; Panigrahy et al.'s DotProduct).
    public static func dot(_ a: [Double], _ b: [Double], weights: [Double]? = nil) -> Double {
        var s = 0.0
        for k in a.indices { s += (weights?[k] ?? 1) * a[k] * b[k] }
        return s
    }

    /// Resource imbalance vector of Mishra & Sahoo (CLOUD'11): `u − mean(u)·1`, the direction in
    /// which a normalised load or demand deviates from a balanced one.
    public static func imbalanceVector(_ u: [Double]) -> [Double] {
        guard !u.isEmpty else { return [] }
        let mean = u.reduce(0, +) / Double(u.count)
        return u.map { $0 - mean }
    }

    /// Length of the resource imbalance vector (0 = perfectly balanced).
    public static func imbalance(_ u: [Double]) -> Double {
        imbalanceVector(u).reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
