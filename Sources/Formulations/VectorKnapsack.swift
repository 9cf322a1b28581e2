import PlacementModel

/// The bounded d-dimensional knapsack over item types: maximise Σ value_i·a_i subject to
/// Σ a_i·size_i ≤ capacity in every dimension, 0 ≤ a_i ≤ bound_i integer, and no two types of a
/// conflict both taken (`conflicts[i]` lists the types that may not share a bin with type i: the
/// "apart" decisions of Ryan–Foster branching). The pricing step of column generation for vector
/// bin packing.
///
/// Depth-first branch and bound (Horowitz–Sahni order) with the surrogate bound of the
/// dimensions added up (normalised by capacity): a fractional knapsack over the remaining types
/// in decreasing value per normalised size. Taking a type blocks its conflicting types for the
/// rest of the branch (the bounds skip blocked types, so they stay valid). Exact when it completes
/// within its node limit.
/// Kellerer, Pferschy, Pisinger, "Knapsack Problems" (Springer 2004), ch. 9 (multidimensional).
///
/// - Complexity: exponential in the worst case, O(t) per node for t types; limited by `nodeLimit`.
public enum VectorKnapsack {
    public struct Solution: Sendable, Equatable {
        /// Copies of each type taken.
        public var counts: [Int]
        public var value: Double
        /// True when the search finished: `value` is the maximum.
        public var complete: Bool
        /// A proven upper bound on the maximum (= value when complete).
        public var upperBound: Double
        /// Other good solutions met on the way (earlier incumbents), best last.
        public var alternatives: [[Int]] = []
    }

    /// Greedy solutions (several orders: value per summed, per largest normalised size), the best
    /// first. Fast pricing heuristic; no optimality claim.
    /// - Complexity: O(t log t · d).
    public static func greedy(values: [Double], sizes: [[Double]], bounds: [Int], capacity: [Double],
                              seeds: Int = 0, conflicts: [[Int]] = []) -> [Solution] {
        let t = values.count, d = capacity.count
        func norm(_ i: Int, _ k: Int) -> Double { capacity[k] > 0 ? sizes[i][k] / capacity[k] : 0 }
        let keys: [(Int) -> Double] = [
            { i in (0..<d).reduce(0.0) { $0 + norm(i, $1) } },
            { i in (0..<d).map { norm(i, $0) }.max() ?? 0 },
        ]
        var out: [Solution] = []
        let candidates = (0..<t).filter { values[$0] > 0 && bounds[$0] > 0 }
        // Extra starts: each of the `seeds` most valuable types forced in first (diverse columns).
        let starts: [Int?] = [nil] + candidates.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }.prefix(seeds).map { Optional($0) }
        for key in keys {
            let order = candidates.sorted { a, b in
                let ra = key(a) > 0 ? values[a] / key(a) : .infinity
                let rb = key(b) > 0 ? values[b] / key(b) : .infinity
                return ra != rb ? ra > rb : a < b
            }
            for start in starts {
            var remaining = capacity
            var counts = Array(repeating: 0, count: t)
            var value = 0.0
            var blocked = Array(repeating: false, count: conflicts.isEmpty ? 0 : t)
            for i in (start.map { [$0] } ?? []) + order where counts[i] == 0 {
                if !conflicts.isEmpty && blocked[i] { continue }
                var most = bounds[i]
                for k in 0..<d where sizes[i][k] > 0 {
                    most = min(most, Int(((remaining[k] + 1e-9 * max(1, capacity[k])) / sizes[i][k]).rounded(.down)))
                }
                guard most > 0 else { continue }
                counts[i] = most
                if !conflicts.isEmpty { for j in conflicts[i] { blocked[j] = true } }
                value += Double(most) * values[i]
                for k in 0..<d { remaining[k] -= Double(most) * sizes[i][k] }
            }
            out.append(Solution(counts: counts, value: value, complete: false, upperBound: .infinity))
            }
        }
        return out.sorted { $0.value > $1.value }
    }

    /// The maximum, by branch and bound; `start` (a solution, e.g. the best greedy one) is the
    /// first incumbent, so the search only looks for better ones. With `goodEnough`, the search
    /// stops `nodesAfterGoodEnough` nodes after first holding a solution worth more (incomplete:
    /// a column good enough for column generation, not a proof of the maximum).
    public static func solve(values: [Double], sizes: [[Double]], bounds: [Int], capacity: [Double],
                             nodeLimit: Int = 2_000_000, deadline: Deadline? = nil, conflicts: [[Int]] = [],
                             start: [Int]? = nil, goodEnough: Double? = nil, nodesAfterGoodEnough: Int = 10_000) -> Solution {
        let t = values.count, d = capacity.count
        func normalised(_ i: Int) -> Double {
            var s = 0.0
            for k in 0..<d where capacity[k] > 0 { s += sizes[i][k] / capacity[k] }
            return s
        }
        let weight = (0..<t).map(normalised)
        // Types worth taking, best value per unit of normalised size first.
        let candidates = (0..<t).filter { i in values[i] > 0 && bounds[i] > 0 && (0..<d).allSatisfy { k in sizes[i][k] <= capacity[k] * (1 + 1e-12) } }
        let order = candidates.sorted { a, b in
            let ra = weight[a] > 0 ? values[a] / weight[a] : .infinity
            let rb = weight[b] > 0 ? values[b] / weight[b] : .infinity
            return ra != rb ? ra > rb : a < b
        }
        var best = Array(repeating: 0, count: t)
        var bestValue = 0.0
        /// Whether `counts` is a solution (bounds, capacity, conflicts): a valid starting incumbent.
        func admissible(_ counts: [Int]) -> Bool {
            for i in 0..<t where counts[i] < 0 || counts[i] > bounds[i] || (counts[i] > 0 && values[i] <= 0) { return false }
            for k in 0..<d {
                let load = (0..<t).reduce(0.0) { $0 + Double(counts[$1]) * sizes[$1][k] }
                if load > capacity[k] + 1e-9 * max(1, capacity[k]) { return false }
            }
            for i in conflicts.indices where counts[i] > 0 { for j in conflicts[i] where counts[j] > 0 { return false } }
            return true
        }
        if let start, start.count == t, admissible(start) {
            best = start
            bestValue = zip(start, values).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        }
        var current = Array(repeating: 0, count: t)
        var remaining = capacity
        // blockers[i] > 0: a taken type conflicts with i.
        var blockers = Array(repeating: 0, count: t)
        var nodes = 0
        var aborted = false
        var goodSince: Int?

        func surrogateBound(from position: Int, _ remaining: [Double]) -> Double {
            var room = 0.0
            for k in 0..<d where capacity[k] > 0 { room += max(0, remaining[k]) / capacity[k] }
            var total = 0.0
            for p in position..<order.count {
                let i = order[p]
                let most = Double(maxCopies(i, remaining))
                if most == 0 { continue }
                if weight[i] == 0 { total += values[i] * most; continue }
                let take = min(most, room / weight[i])
                total += values[i] * take
                room -= take * weight[i]
                if room <= 0 { break }
            }
            return total
        }
        func maxCopies(_ i: Int, _ remaining: [Double]) -> Int {
            if blockers[i] > 0 { return 0 }
            var most = bounds[i]
            for k in 0..<d where sizes[i][k] > 0 {
                most = min(most, Int(((remaining[k] + 1e-9 * max(1, capacity[k])) / sizes[i][k]).rounded(.down)))
            }
            return max(0, most)
        }
        // Per-dimension fractional bounds: types in decreasing value per size in dimension k.
        var positionOf = Array(repeating: Int.max, count: t)
        for (p, i) in order.enumerated() { positionOf[i] = p }
        let byDimension: [[Int]] = (0..<d).map { k in
            order.sorted { a, b in
                let ra = sizes[a][k] > 0 ? values[a] / sizes[a][k] : .infinity
                let rb = sizes[b][k] > 0 ? values[b] / sizes[b][k] : .infinity
                return ra != rb ? ra > rb : a < b
            }
        }
        func dimensionBound(_ k: Int, from position: Int, _ remaining: [Double]) -> Double {
            var room = max(0, remaining[k])
            var total = 0.0
            for i in byDimension[k] where positionOf[i] >= position {
                let most = Double(maxCopies(i, remaining))
                if most == 0 { continue }
                if sizes[i][k] == 0 { total += values[i] * most; continue }
                let take = min(most, room / sizes[i][k])
                total += values[i] * take
                room -= take * sizes[i][k]
                if room <= 0 { break }
            }
            return total
        }
        func bound(from position: Int, _ remaining: [Double]) -> Double {
            var best = surrogateBound(from: position, remaining)
            if d > 1 { for k in 0..<d { best = min(best, dimensionBound(k, from: position, remaining)) } }
            return best
        }
        /// Whether no completion from `position` beats `threshold`: the surrogate bound first, then
        /// the dimensions one at a time, stopping at the first that proves it (same answer as
        /// `bound(from:_:) <= threshold`, cheaper).
        func pruned(from position: Int, _ remaining: [Double], threshold: Double) -> Bool {
            if surrogateBound(from: position, remaining) <= threshold { return true }
            guard d > 1 else { return false }
            for k in 0..<d where dimensionBound(k, from: position, remaining) <= threshold { return true }
            return false
        }
        let rootBound = bound(from: 0, remaining)
        var alternatives: [[Int]] = []

        func search(_ position: Int, _ value: Double) {
            if value > bestValue + 1e-12 {
                if bestValue > 0 { alternatives.append(best); if alternatives.count > 6 { alternatives.removeFirst() } }
                bestValue = value
                best = current
            }
            guard position < order.count else { return }
            nodes += 1
            if nodes > nodeLimit { aborted = true; return }
            if let goodEnough, bestValue > goodEnough {
                if goodSince == nil { goodSince = nodes }
                if let goodSince, nodes - goodSince > nodesAfterGoodEnough { aborted = true; return }
            }
            if nodes & 15 == 0, let deadline, deadline.isExpired { aborted = true; return }
            if pruned(from: position, remaining, threshold: bestValue + 1e-12 - value) { return }
            let i = order[position]
            let most = maxCopies(i, remaining)
            var copies = most
            while copies >= 0 {
                for k in 0..<d { remaining[k] -= Double(copies) * sizes[i][k] }
                current[i] = copies
                if copies > 0 && !conflicts.isEmpty { for j in conflicts[i] { blockers[j] += 1 } }
                search(position + 1, value + Double(copies) * values[i])
                if copies > 0 && !conflicts.isEmpty { for j in conflicts[i] { blockers[j] -= 1 } }
                for k in 0..<d { remaining[k] += Double(copies) * sizes[i][k] }
                current[i] = 0
                if aborted { return }
                copies -= 1
            }
        }
        search(0, 0)
        return Solution(counts: best, value: bestValue, complete: !aborted,
                        upperBound: aborted ? max(rootBound, bestValue) : bestValue, alternatives: alternatives)
    }
}
