/// Surrogate multipliers for the d-dimensional knapsack: weights μ_k ≥ 0 of the dimensions whose
/// aggregated constraint Σ_k μ_k·(load_k / capacity_k) ≤ Σ_k μ_k gives the smallest fractional
/// (Dantzig) bound. Any μ ≥ 0 gives a valid bound; this search starts from the uniform weights
/// (the bound ``VectorKnapsack`` used before) and moves weight toward the dimensions the
/// fractional solution overloads (a multiplicative subgradient step), keeping the best μ met.
/// The optimum over μ is the bound of the LP relaxation of the multidimensional knapsack.
///
/// Glover, "A multiphase-dual algorithm for the zero-one integer programming problem",
/// Operations Research 13 (1965); Gavish, Pirkul, "Efficient algorithms for solving
/// multiconstraint zero-one knapsack problems to optimality", Mathematical Programming 31 (1985).
///
/// - Complexity: O(iterations · t · (d + log t)) for t types in d dimensions.
public enum SurrogateMultipliers {
    /// Multipliers μ (Σ μ_k = d, every μ_k ≥ a small floor) for `values` over types of normalised
    /// sizes `normalised[i][k]` = size / capacity (so every capacity is 1), each at most `copies[i]`
    /// times; `bound` is the fractional bound they give.
    public static func tuned(values: [Double], normalised: [[Double]], copies: [Int],
                             iterations: Int = 40) -> (multipliers: [Double], bound: Double) {
        let d = normalised.first?.count ?? 0
        guard d > 1 else { return (Array(repeating: 1, count: d), fractionalBound(values, normalised, copies, Array(repeating: 1, count: d)).bound) }
        var multipliers = Array(repeating: 1.0, count: d)
        var best = (multipliers: multipliers, bound: Double.infinity)
        var step = 1.0
        for _ in 0..<iterations {
            let (bound, loads) = fractionalBound(values, normalised, copies, multipliers)
            if bound < best.bound - 1e-12 { best = (multipliers, bound) }
            let overload = loads.map { $0 - 1 }
            guard overload.contains(where: { $0 > 1e-9 }) else { break }  // the LP point fits: no better μ
            for k in 0..<d { multipliers[k] = max(1e-3, multipliers[k] * max(0.2, 1 + step * overload[k])) }
            let total = multipliers.reduce(0, +)
            for k in 0..<d { multipliers[k] *= Double(d) / total }
            step *= 0.9
        }
        return best
    }

    /// The fractional knapsack under the surrogate constraint of `multipliers`: its value and the
    /// load of its solution in every (normalised) dimension.
    static func fractionalBound(_ values: [Double], _ normalised: [[Double]], _ copies: [Int],
                                _ multipliers: [Double]) -> (bound: Double, loads: [Double]) {
        let d = multipliers.count
        let weight = normalised.map { row in zip(row, multipliers).reduce(0.0) { $0 + $1.0 * $1.1 } }
        let order = values.indices.filter { values[$0] > 0 && copies[$0] > 0 }.sorted { a, b in
            let ra = weight[a] > 0 ? values[a] / weight[a] : .infinity
            let rb = weight[b] > 0 ? values[b] / weight[b] : .infinity
            return ra != rb ? ra > rb : a < b
        }
        var room = multipliers.reduce(0, +)
        var total = 0.0
        var loads = Array(repeating: 0.0, count: d)
        for i in order {
            let take = weight[i] > 0 ? min(Double(copies[i]), room / weight[i]) : Double(copies[i])
            guard take > 0 else { break }
            total += take * values[i]
            for k in 0..<d { loads[k] += take * normalised[i][k] }
            room -= take * weight[i]
            if room <= 1e-15 { break }
        }
        return (total, loads)
    }
}
