import PlacementModel

/// The bounded d-dimensional knapsack over item types: maximise Σ value_i·a_i subject to
/// Σ a_i·size_i ≤ capacity in every dimension, 0 ≤ a_i ≤ bound_i integer, and no two types of a
/// conflict both taken (`conflicts[i]` lists the types that may not share a bin with type i: the
/// "apart" decisions of Ryan–Foster branching). The pricing step of column generation for vector
/// bin packing.
///
/// Depth-first branch and bound (Horowitz–Sahni order) over the types in decreasing value per
/// surrogate weight. Every node is bounded by the surrogate bound (the dimensions aggregated with
/// multipliers tuned at the root, ``SurrogateMultipliers``; a fractional knapsack over the
/// remaining types) and, when ``Bounds`` asks, by the cardinality bound (how many more items fit
/// at most, from the smallest sizes of each dimension, times the most valuable items left) and the
/// fractional bound of each dimension alone. Taking a type blocks its conflicting types for the
/// rest of the branch (the bounds skip blocked types, so they stay valid). Exact when it completes
/// within its node limit; when cut off, the bound returned is that of the subtrees left open.
/// Kellerer, Pferschy, Pisinger, "Knapsack Problems" (Springer 2004), ch. 9 (multidimensional);
/// Gavish, Pirkul, Mathematical Programming 31 (1985) (surrogate multipliers).
///
/// - Complexity: exponential in the worst case, O(t·d) per node for t types in d dimensions;
///   limited by `nodeLimit`.
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
        /// Branch-and-bound nodes explored (0 for greedy solutions).
        public var nodes = 0
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

    /// Which upper bounds the branch and bound uses (all valid; they differ in strength and cost).
    /// The default, the tuned surrogate alone, was the fastest per call on class-1 pricing problems
    /// at d = 5 and 10 (Results/exact/issue19-pricing-per-call.tsv): the other two prune a few
    /// more nodes but cost more per node than they save.
    public struct Bounds: Sendable, Equatable {
        /// Surrogate multipliers tuned at the root (``SurrogateMultipliers``); false: every
        /// dimension weighs the same (normalised by capacity).
        public var tunedSurrogate = true
        /// The cardinality bound: at most K more items fit (K from the smallest sizes in every
        /// dimension), worth at most the K most valuable items left.
        public var cardinality = false
        /// The fractional bound of every dimension on its own.
        public var perDimension = false
        public init(tunedSurrogate: Bool = true, cardinality: Bool = false, perDimension: Bool = false) {
            self.tunedSurrogate = tunedSurrogate
            self.cardinality = cardinality
            self.perDimension = perDimension
        }
        /// The bounds before issue 19's second round: uniform surrogate and per-dimension bounds.
        public static let uniformSurrogate = Bounds(tunedSurrogate: false, cardinality: false, perDimension: true)
    }

    /// The maximum, by branch and bound; `start` (a solution, e.g. the best greedy one) is the
    /// first incumbent, so the search only looks for better ones. With `goodEnough`, the search
    /// stops `nodesAfterGoodEnough` nodes after first holding a solution worth more (incomplete:
    /// a column good enough for column generation, not a proof of the maximum). When the search
    /// stops early, `upperBound` is the largest bound of the subtrees left open. With
    /// `interestingAbove` only solutions worth more matter: subtrees that cannot beat it are
    /// pruned, and a complete search that finds none has `upperBound` = `interestingAbove` (column
    /// generation needs to know only whether some column is worth more than 1).
    public static func solve(values: [Double], sizes: [[Double]], bounds: [Int], capacity: [Double],
                             nodeLimit: Int = 2_000_000, deadline: Deadline? = nil, conflicts: [[Int]] = [],
                             start: [Int]? = nil, goodEnough: Double? = nil, nodesAfterGoodEnough: Int = 10_000,
                             interestingAbove: Double = -.infinity, using bounding: Bounds = Bounds()) -> Solution {
        var search = KnapsackSearch(values: values, sizes: sizes, bounds: bounds, capacity: capacity,
                                    conflicts: conflicts, bounding: bounding)
        search.nodeLimit = nodeLimit
        search.deadline = deadline
        search.goodEnough = goodEnough
        search.nodesAfterGoodEnough = nodesAfterGoodEnough
        search.interestingAbove = interestingAbove
        if let start { search.offer(start) }
        return search.run()
    }
}

/// The depth-first branch and bound of ``VectorKnapsack/solve(values:sizes:bounds:capacity:nodeLimit:deadline:conflicts:start:goodEnough:nodesAfterGoodEnough:using:)``:
/// types in decreasing value per surrogate weight, at every node the number of copies of the next
/// type from most to none, pruned by the minimum of the enabled bounds.
struct KnapsackSearch {
    let t: Int, d: Int
    let values: [Double]
    /// sizes[i * d + k].
    let size: [Double]
    let capacity: [Double]
    /// Rounding slack of each dimension.
    let slack: [Double]
    let bounds: [Int]
    let conflicts: [[Int]]
    let bounding: VectorKnapsack.Bounds
    /// Surrogate weight of each type (Σ_k μ_k · size / capacity) and the surrogate capacity Σ μ_k
    /// shares of the remaining room.
    let weight: [Double]
    let multipliers: [Double]
    /// Candidate types (positive value, some copies, fit an empty bin) in branching order.
    let order: [Int]
    let positionOf: [Int]
    /// Per dimension: the candidates in decreasing value per size in that dimension.
    let byDimension: [[Int]]
    /// The candidates in decreasing value (cardinality bound).
    let byValue: [Int]
    /// Per dimension: prefix sums of the candidates' sizes in increasing order, with copies.
    let smallestPrefix: [[Double]]

    var nodeLimit = 2_000_000
    var deadline: Deadline?
    var goodEnough: Double?
    var nodesAfterGoodEnough = 10_000
    /// Solutions worth at most this do not matter (pruned against).
    var interestingAbove = -Double.infinity

    var current: [Int]
    var remaining: [Double]
    /// blockers[i] > 0: a taken type conflicts with i.
    var blockers: [Int]
    var best: [Int]
    var bestValue = 0.0
    var alternatives: [[Int]] = []
    var nodes = 0
    var aborted = false
    var goodSince: Int?
    /// The largest bound of a subtree left unexplored when the search stopped.
    var openBound = -Double.infinity

    /// Cap on the copies counted by the cardinality bound (beyond it the bound is not used).
    static let cardinalityCap = 4096

    init(values: [Double], sizes: [[Double]], bounds: [Int], capacity: [Double], conflicts: [[Int]],
         bounding: VectorKnapsack.Bounds) {
        let t = values.count, d = capacity.count
        self.t = t
        self.d = d
        self.values = values
        self.size = sizes.flatMap { $0 }
        self.capacity = capacity
        let slack = capacity.map { 1e-9 * max(1, $0) }
        self.slack = slack
        self.bounds = bounds
        self.conflicts = conflicts
        self.bounding = bounding
        current = Array(repeating: 0, count: t)
        best = current
        remaining = capacity
        blockers = Array(repeating: 0, count: t)
        let candidates = (0..<t).filter { i in values[i] > 0 && bounds[i] > 0 && (0..<d).allSatisfy { k in sizes[i][k] <= capacity[k] * (1 + 1e-12) } }
        let normalised = sizes.map { row in (0..<d).map { k in capacity[k] > 0 ? row[k] / capacity[k] : 0 } }
        var rootCopies = bounds
        for i in 0..<t {
            for k in 0..<d where sizes[i][k] > 0 {
                let fit = ((capacity[k] + slack[k]) / sizes[i][k]).rounded(.down)
                rootCopies[i] = min(rootCopies[i], Int(max(0, fit)))
            }
        }
        var mu = Array(repeating: 1.0, count: d)
        if bounding.tunedSurrogate && d > 1 {
            var candidateValues = Array(repeating: 0.0, count: t)
            for i in candidates { candidateValues[i] = values[i] }
            mu = SurrogateMultipliers.tuned(values: candidateValues, normalised: normalised, copies: rootCopies).multipliers
        }
        multipliers = mu
        let surrogateWeight = normalised.map { row in zip(row, mu).reduce(0.0) { $0 + $1.0 * $1.1 } }
        weight = surrogateWeight
        let branchingOrder = candidates.sorted(by: Self.decreasing { surrogateWeight[$0] > 0 ? values[$0] / surrogateWeight[$0] : .infinity })
        order = branchingOrder
        var position = Array(repeating: Int.max, count: t)
        for (p, i) in branchingOrder.enumerated() { position[i] = p }
        positionOf = position
        byDimension = (0..<d).map { k in branchingOrder.sorted(by: Self.decreasing { sizes[$0][k] > 0 ? values[$0] / sizes[$0][k] : .infinity }) }
        byValue = branchingOrder.sorted(by: Self.decreasing { values[$0] })
        smallestPrefix = (0..<d).map { k in
            var prefix: [Double] = [0]
            for i in branchingOrder.sorted(by: { sizes[$0][k] != sizes[$1][k] ? sizes[$0][k] < sizes[$1][k] : $0 < $1 }) {
                for _ in 0..<rootCopies[i] where prefix.count <= Self.cardinalityCap { prefix.append(prefix.last! + sizes[i][k]) }
            }
            return prefix
        }
    }

    /// An order by decreasing `ratio`, ties by index.
    static func decreasing(_ ratio: @escaping (Int) -> Double) -> (Int, Int) -> Bool {
        { a, b in
            let ra = ratio(a), rb = ratio(b)
            return ra != rb ? ra > rb : a < b
        }
    }

    /// Takes `counts` as the first incumbent when it is a solution (bounds, capacity, conflicts).
    mutating func offer(_ counts: [Int]) {
        guard counts.count == t else { return }
        for i in 0..<t where counts[i] < 0 || counts[i] > bounds[i] || (counts[i] > 0 && values[i] <= 0) { return }
        for k in 0..<d {
            let load = (0..<t).reduce(0.0) { $0 + Double(counts[$1]) * size[$1 * d + k] }
            if load > capacity[k] + slack[k] { return }
        }
        for i in conflicts.indices where counts[i] > 0 { for j in conflicts[i] where counts[j] > 0 { return } }
        best = counts
        bestValue = zip(counts, values).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }

    mutating func run() -> VectorKnapsack.Solution {
        let rootBound = bound(from: 0)
        search(0, 0)
        var upper = aborted ? max(bestValue, min(rootBound, openBound)) : bestValue
        if interestingAbove.isFinite && bestValue < interestingAbove { upper = max(upper, min(rootBound, interestingAbove)) }
        return VectorKnapsack.Solution(counts: best, value: bestValue, complete: !aborted, upperBound: upper,
                                       alternatives: alternatives, nodes: nodes)
    }

    /// Copies of type `i` that still fit (0 when a taken type conflicts with it).
    func maxCopies(_ i: Int) -> Int {
        if blockers[i] > 0 { return 0 }
        var most = bounds[i]
        let base = i * d
        for k in 0..<d where size[base + k] > 0 {
            let fit = Int(((remaining[k] + slack[k]) / size[base + k]).rounded(.down))
            if fit < most { most = fit }
        }
        return max(0, most)
    }

    /// The fractional knapsack over the types from `position` under the surrogate constraint.
    func surrogateBound(from position: Int) -> Double {
        var room = 0.0
        for k in 0..<d where capacity[k] > 0 { room += multipliers[k] * max(0, remaining[k]) / capacity[k] }
        var total = 0.0
        for p in position..<order.count {
            let i = order[p]
            let most = Double(maxCopies(i))
            if most == 0 { continue }
            if weight[i] == 0 { total += values[i] * most; continue }
            let take = min(most, room / weight[i])
            total += values[i] * take
            room -= take * weight[i]
            if room <= 0 { break }
        }
        return total
    }

    /// The fractional knapsack of dimension `k` alone over the types from `position`.
    func dimensionBound(_ k: Int, from position: Int) -> Double {
        var room = max(0, remaining[k])
        var total = 0.0
        for i in byDimension[k] where positionOf[i] >= position {
            let most = Double(maxCopies(i))
            if most == 0 { continue }
            let s = size[i * d + k]
            if s == 0 { total += values[i] * most; continue }
            let take = min(most, room / s)
            total += values[i] * take
            room -= take * s
            if room <= 0 { break }
        }
        return total
    }

    /// At most K more copies fit (K = the fewest, over the dimensions, of the smallest sizes that
    /// fit the room left); they are worth at most the K most valuable copies left.
    func cardinalityBound(from position: Int) -> Double {
        var most = Int.max
        for k in 0..<d {
            let prefix = smallestPrefix[k]
            let room = remaining[k] + slack[k]
            // The largest m with prefix[m] ≤ room (binary search).
            var low = 0, high = prefix.count - 1
            if prefix[high] <= room {
                if prefix.count > Self.cardinalityCap { continue }  // too many small items: no limit from k
                most = min(most, high)
                continue
            }
            while low + 1 < high {
                let middle = (low + high) / 2
                if prefix[middle] <= room { low = middle } else { high = middle }
            }
            most = min(most, low)
        }
        guard most < Int.max else { return .infinity }
        var total = 0.0
        var left = most
        for i in byValue where left > 0 && positionOf[i] >= position {
            let take = min(left, maxCopies(i))
            total += Double(take) * values[i]
            left -= take
        }
        return total
    }

    /// The smallest of the enabled bounds on the value addable from `position`.
    func bound(from position: Int) -> Double {
        var result = surrogateBound(from: position)
        if bounding.cardinality { result = min(result, cardinalityBound(from: position)) }
        if bounding.perDimension && d > 1 { for k in 0..<d { result = min(result, dimensionBound(k, from: position)) } }
        return result
    }

    /// Whether no completion from `position` adds more than `threshold`: the bounds one at a
    /// time, cheapest first, stopping at the first that proves it.
    func pruned(from position: Int, threshold: Double) -> Bool {
        if surrogateBound(from: position) <= threshold { return true }
        if bounding.cardinality && cardinalityBound(from: position) <= threshold { return true }
        guard bounding.perDimension && d > 1 else { return false }
        for k in 0..<d where dimensionBound(k, from: position) <= threshold { return true }
        return false
    }

    /// Stops the search at a node not yet explored (its whole subtree stays open).
    mutating func stop(at position: Int, _ value: Double) {
        aborted = true
        openBound = max(openBound, value + bound(from: position))
    }

    /// Takes (or, with a negative `copies`, gives back) copies of type `i`.
    mutating func take(_ copies: Int, of i: Int) {
        guard copies != 0 else { return }
        let base = i * d
        for k in 0..<d { remaining[k] -= Double(copies) * size[base + k] }
        current[i] += copies
        if !conflicts.isEmpty {
            let sign = copies > 0 ? 1 : -1
            if current[i] == 0 || current[i] == copies { for j in conflicts[i] { blockers[j] += sign } }
        }
    }

    mutating func search(_ position: Int, _ value: Double) {
        if value > bestValue + 1e-12 {
            if bestValue > 0 { alternatives.append(best); if alternatives.count > 6 { alternatives.removeFirst() } }
            bestValue = value
            best = current
        }
        guard position < order.count else { return }
        nodes += 1
        if nodes > nodeLimit { stop(at: position, value); return }
        if let goodEnough, bestValue > goodEnough {
            if goodSince == nil { goodSince = nodes }
            if let goodSince, nodes - goodSince > nodesAfterGoodEnough { stop(at: position, value); return }
        }
        if nodes & 15 == 0, let deadline, deadline.isExpired { stop(at: position, value); return }
        if pruned(from: position, threshold: max(bestValue, interestingAbove) + 1e-12 - value) { return }
        let i = order[position]
        var copies = maxCopies(i)
        while copies >= 0 {
            take(copies, of: i)
            search(position + 1, value + Double(copies) * values[i])
            take(-copies, of: i)
            if aborted {
                // The fewer copies not tried yet are open subtrees.
                for fewer in 0..<copies {
                    take(fewer, of: i)
                    openBound = max(openBound, value + Double(fewer) * values[i] + bound(from: position + 1))
                    take(-fewer, of: i)
                }
                return
            }
            copies -= 1
        }
    }
}
