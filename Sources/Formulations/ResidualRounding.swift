/// Residual rounding of a master LP solution of vector bin packing: ⌊λ_p⌋ bins of each column
/// (largest values first, copies beyond the demand left dropped), then every item left by first
/// fit decreasing (sum of normalised sizes) into those bins and new ones. Always a packing of
/// every item; the primal heuristic at each branch-and-price node.
///
/// Vanderbeck, "Computational study of a column generation algorithm for bin packing and cutting
/// stock problems", Mathematical Programming 86 (1999) (residual problem); Johnson (1973) (FFD).
///
/// - Complexity: O(p log p + n · b · d) for p columns, n items left, b bins, d dimensions.
public enum ResidualRounding {
    /// Bins (copies per type) packing every item of `problem`, from `patterns` with LP `values`.
    public static func bins(_ problem: VectorPackingProblem, patterns: [[Int]], values: [Double]) -> [[Int]] {
        var left = problem.demand
        var bins: [[Int]] = []
        let byValue = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        for p in byValue where values[p] >= 1 - 1e-6 {
            for _ in 0..<Int((values[p] + 1e-6).rounded(.down)) {
                let take = patterns[p].enumerated().map { min($1, left[$0]) }
                guard take.contains(where: { $0 > 0 }) else { break }
                for t in take.indices { left[t] -= take[t] }
                bins.append(take)
            }
        }
        let d = problem.capacity.count
        var loads = bins.map { bin in (0..<d).map { k in bin.indices.reduce(0.0) { $0 + Double(bin[$1]) * problem.sizes[$1][k] } } }
        func normalised(_ t: Int) -> Double {
            (0..<d).reduce(0.0) { $0 + (problem.capacity[$1] > 0 ? problem.sizes[t][$1] / problem.capacity[$1] : 0) }
        }
        let order = left.indices.filter { left[$0] > 0 }.sorted { normalised($0) != normalised($1) ? normalised($0) > normalised($1) : $0 < $1 }
        for t in order {
            for _ in 0..<left[t] {
                let fitting = loads.indices.first { b in
                    (0..<d).allSatisfy { k in loads[b][k] + problem.sizes[t][k] <= problem.capacity[k] + 1e-9 * max(1, abs(problem.capacity[k])) }
                }
                let b = fitting ?? bins.count
                if fitting == nil {
                    bins.append(Array(repeating: 0, count: problem.sizes.count))
                    loads.append(Array(repeating: 0, count: d))
                }
                bins[b][t] += 1
                for k in 0..<d { loads[b][k] += problem.sizes[t][k] }
            }
        }
        return bins
    }
}
