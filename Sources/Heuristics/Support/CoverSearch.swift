import PlacementModel

/// The cheapest covers of a multi-dimensional covering knapsack: sets of items whose sizes sum
/// to at least `need` in every dimension, at least cost; keeps the `keep` cheapest found.
/// Depth-first branch and bound over the items in the given order, pruned by the cost of the
/// `keep`-th cover found and by what the remaining items can still cover (Martello & Toth,
/// "Knapsack Problems", Wiley 1990, ch. 2; covering form). With `completed` the answer is exact.
/// - Complexity: O(min(2ⁿ, nodeLimit) · d) for n items in d dimensions.
struct CoverSearch {
    let need: [Double]
    let size: [[Double]]
    let cost: [Double]
    let keep: Int
    let nodeLimit: Int
    /// The cheapest covers found, cheapest first.
    private(set) var best: [(items: [Int], cost: Double)] = []
    private var nodes = 0
    /// Whether the search ended within `nodeLimit` (then `best` holds the true cheapest covers).
    var completed: Bool { nodes <= nodeLimit }
    private var chosen: [Int] = []
    /// Suffix sums of the sizes: what items i… can still cover.
    private let remaining: [[Double]]

    init(need: [Double], size: [[Double]], cost: [Double], keep: Int, nodeLimit: Int) {
        self.need = need; self.size = size; self.cost = cost; self.keep = keep; self.nodeLimit = nodeLimit
        var suffix = Array(repeating: Array(repeating: 0.0, count: need.count), count: size.count + 1)
        for i in stride(from: size.count - 1, through: 0, by: -1) {
            for k in need.indices { suffix[i][k] = suffix[i + 1][k] + size[i][k] }
        }
        remaining = suffix
    }

    mutating func run() { branch(from: 0, need: need, cost: 0) }

    private var worstKept: Double { best.count < keep ? .infinity : best[best.count - 1].cost }

    private mutating func branch(from i: Int, need left: [Double], cost spent: Double) {
        nodes += 1
        guard nodes <= nodeLimit, spent < worstKept - 1e-12 else { return }
        if !left.contains(where: { $0 > 1e-9 }) { record(spent); return }
        guard i < size.count, left.indices.allSatisfy({ left[$0] <= remaining[i][$0] + 1e-9 }) else { return }
        chosen.append(i)
        branch(from: i + 1, need: left.indices.map { left[$0] - size[i][$0] }, cost: spent + cost[i])
        chosen.removeLast()
        branch(from: i + 1, need: left, cost: spent)
    }

    private mutating func record(_ spent: Double) {
        let position = best.firstIndex { $0.cost > spent } ?? best.count
        best.insert((chosen, spent), at: position)
        if best.count > keep { best.removeLast() }
    }
}
