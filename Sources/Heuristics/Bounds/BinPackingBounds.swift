import PlacementModel

/// Lower bounds on the number of identical bins for vector bin packing (the one home of the
/// project's bin-count bounds, with ``LowerBoundL1`` and ``HostLowerBound``): the continuous bound L1,
/// the Martello–Toth bound L2 per dimension, and the clique bound of the conflict graph (items no
/// two of which fit together).
///
/// Martello, Toth, "Lower bounds and reduction procedures for the bin packing problem",
/// Discrete Applied Mathematics 28 (1990); Caprara, Toth, "Lower bounds and algorithms for the
/// 2-dimensional vector packing problem", Discrete Applied Mathematics 111 (2001).
///
/// - Complexity: L1 O(n·d); L2 O(d·n log n + d·n²) (one pass per threshold); clique O(n²·d).
public enum BinPackingBounds {
    /// Tolerance for ceilings of sums of floating-point sizes.
    public static let epsilon = 1e-9

    /// ⌈x⌉ robust to rounding noise just above an integer.
    public static func ceiling(_ x: Double) -> Int {
        // Beyond Int's range (or NaN) the bound saturates instead of trapping.
        guard x.isFinite, abs(x) < 1e18 else { return x > 0 ? Int.max / 2 : 0 }
        let r = x.rounded()
        if abs(x - r) <= epsilon * max(1, abs(x)) { return Int(r) }
        return Int(x.rounded(.up))
    }

    /// Continuous bound: max over dimensions of ⌈Σ size / capacity⌉.
    public static func l1(sizes: [[Double]], capacity: [Double]) -> Int {
        let totals = capacity.indices.map { k in sizes.reduce(0) { $0 + $1[k] } }
        return sizes.isEmpty ? 0 : l1(totals: totals, capacity: capacity)
    }

    /// The continuous bound from the total demand per dimension (at least 1: there are items):
    /// max over dimensions with capacity of ⌈total / capacity⌉. The one L1 of the project —
    /// ``LowerBoundL1`` and ``HostLowerBound`` compute theirs with it.
    public static func l1(totals: [Double], capacity: [Double]) -> Int {
        var best = 1
        for k in capacity.indices where capacity[k] > 0 { best = max(best, ceiling(totals[k] / capacity[k])) }
        return best
    }

    /// Martello–Toth L2 of one dimension.
    public static func l2(weights: [Double], capacity c: Double) -> Int {
        guard c > 0, !weights.isEmpty else { return weights.isEmpty ? 0 : 1 }
        var thresholds = Set(weights.filter { $0 <= c / 2 + epsilon })
        thresholds.insert(0)
        var best = 0
        for alpha in thresholds {
            var j1 = 0, j2 = 0
            var sum2 = 0.0, sum3 = 0.0
            for w in weights {
                if w > c - alpha + epsilon { j1 += 1 }
                else if w > c / 2 + epsilon { j2 += 1; sum2 += w }
                else if w >= alpha - epsilon { sum3 += w }
            }
            let spare = Double(j2) * c - sum2
            let extra = max(0, ceiling((sum3 - spare) / c))
            best = max(best, j1 + j2 + extra)
        }
        return max(best, 1)
    }

    /// A large clique of the conflict graph (items no two of which fit one bin together), grown
    /// greedily as ``ConflictGraph/greedyClique(size:)`` does for the heuristics' bound.
    public static func greedyClique(sizes: [[Double]], capacity: [Double]) -> [Int] {
        let d = capacity.count
        let demand = sizes.flatMap { $0 }
        let graph = ConflictGraph(demand: demand, n: sizes.count, d: d, capacity: capacity)
        let size = sizes.map { item in capacity.indices.reduce(0.0) { $0 + (capacity[$1] > 0 ? item[$1] / capacity[$1] : 0) } }
        return graph.greedyClique(size: size)
    }

    /// max(L1, L2 of every dimension, clique bound).
    public static func best(sizes: [[Double]], capacity: [Double]) -> Int {
        guard !sizes.isEmpty else { return 0 }
        var bound = l1(sizes: sizes, capacity: capacity)
        for k in capacity.indices { bound = max(bound, l2(weights: sizes.map { $0[k] }, capacity: capacity[k])) }
        bound = max(bound, greedyClique(sizes: sizes, capacity: capacity).count)
        return bound
    }
}
