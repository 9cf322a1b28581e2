/// The conflict graph of VMs for hosts of one capacity: two VMs conflict when together they
/// exceed the capacity in some dimension (with the tolerance of
/// ``PackingState/canPlace(vm:on:capacityFraction:)``, and the same additions, so "compatible"
/// means exactly that the pair fits one empty host). Rows are bit sets. Used by
/// ``HostLowerBound`` (cliques, matchings) and ``PairMatchingPacking``.
///
/// - Complexity: O(n²·d) to build (pairs of VMs both within half the capacity in every dimension
///   are skipped: they never conflict), O(n²/64) memory words.
struct ConflictGraph {
    let n: Int
    let words: Int
    let d: Int
    /// Demands, row-major `vm * d + k`.
    let demand: [Double]
    /// Capacity plus the placement tolerance, per dimension.
    let capacity: [Double]
    /// Bit `j` of row `i` set when VMs `i` and `j` conflict.
    private(set) var rows: [UInt64]

    /// `demand` row-major for `n` VMs in `d` dimensions; `capacity` without tolerance.
    init(demand: [Double], n: Int, d: Int, capacity hostCapacity: [Double]) {
        self.n = n
        self.d = d
        self.demand = demand
        let capacity = hostCapacity.map { $0 + 1e-9 * Swift.max(1, abs($0)) }
        self.capacity = capacity
        let words = (n + 63) / 64
        self.words = words
        var rows = [UInt64](repeating: 0, count: n * words)
        let half = (0..<n).map { i in (0..<d).allSatisfy { demand[i * d + $0] <= capacity[$0] / 2 } }
        demand.withUnsafeBufferPointer { demand in
            capacity.withUnsafeBufferPointer { capacity in
                for i in 0..<n {
                    for j in (i + 1)..<Swift.max(n, i + 1) where !(half[i] && half[j]) {
                        var conflict = false
                        for k in 0..<d where demand[i * d + k] + demand[j * d + k] > capacity[k] { conflict = true; break }
                        if conflict {
                            rows[i * words + j / 64] |= 1 << UInt64(j % 64)
                            rows[j * words + i / 64] |= 1 << UInt64(i % 64)
                        }
                    }
                }
            }
        }
        self.rows = rows
    }

    func conflict(_ i: Int, _ j: Int) -> Bool { rows[i * words + j / 64] & (1 << UInt64(j % 64)) != 0 }

    /// For each VM, the VMs it can share a host with, ascending.
    func compatibleNeighbours() -> [[Int]] {
        var neighbours = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(n, i + 1) where !conflict(i, j) {
                neighbours[i].append(j)
                neighbours[j].append(i)
            }
        }
        return neighbours
    }

    /// How many VMs lie in some triple of VMs that fits one host together (pairwise compatible,
    /// and the sum within capacity — the additions of placing them one by one), counted until
    /// `stopAt` is reached; nil when more than `workLimit` triples had to be tested (the answer
    /// is then unknown: deterministic, it depends on the instance alone). For each compatible
    /// pair only third VMs small enough by normalised size (Σ_k demand_k / capacity_k, which a
    /// host's VMs keep within d) are tried, smallest first.
    func tripleMembers(stopAt: Int, workLimit: Int) -> Int? {
        let dimensions = (0..<d).filter { capacity[$0] > 0 }
        let size = (0..<n).map { i in dimensions.reduce(0.0) { $0 + demand[i * d + $1] / capacity[$1] } }
        let order = (0..<n).sorted { size[$0] != size[$1] ? size[$0] < size[$1] : $0 < $1 }
        let total = Double(dimensions.count) * (1 + 1e-9) + 1e-9
        var member = [Bool](repeating: false, count: n)
        var count = 0
        var tested = 0
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(n, i + 1) where !conflict(i, j) {
                let room = total - size[i] - size[j]
                for k in order {
                    if size[k] > room { break }
                    if k == i || k == j || conflict(i, k) || conflict(j, k) { continue }
                    if member[i] && member[j] && member[k] { continue }
                    tested += 1
                    if tested > workLimit { return nil }
                    var fits = true
                    for r in 0..<d where demand[i * d + r] + demand[j * d + r] + demand[k * d + r] > capacity[r] { fits = false; break }
                    if fits {
                        for v in [i, j, k] where !member[v] { member[v] = true; count += 1 }
                        if count >= stopAt { return count }
                    }
                }
            }
        }
        return count
    }

    /// The largest clique found greedily (VMs no two of which fit one host together): VMs taken
    /// in decreasing order of `size`, or of conflict degree, each added when it conflicts with
    /// every VM taken so far, starting from each of the first 8 VMs of either order; ties by
    /// lowest index. The members, in the order taken. The one clique bound of the project
    /// (``HostLowerBound``, ``BinPackingBounds``).
    /// - Complexity: O(n²/64) per start, 16 starts.
    func greedyClique(size: [Double]) -> [Int] {
        var degree = [Int](repeating: 0, count: n)
        for i in 0..<n { for w in 0..<words { degree[i] += rows[i * words + w].nonzeroBitCount } }
        let bySize = (0..<n).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        let byDegree = (0..<n).sorted { (a: Int, b: Int) -> Bool in
            if degree[a] != degree[b] { return degree[a] > degree[b] }
            if size[a] != size[b] { return size[a] > size[b] }
            return a < b
        }
        var best: [Int] = []
        var candidates = [UInt64](repeating: 0, count: words)
        for order in [bySize, byDegree] {
            for start in order.prefix(8) {
                for w in 0..<words { candidates[w] = rows[start * words + w] }
                var clique = [start]
                for i in order where candidates[i / 64] & (1 << UInt64(i % 64)) != 0 {
                    clique.append(i)
                    for w in 0..<words { candidates[w] &= rows[i * words + w] }
                }
                if clique.count > best.count { best = clique }
            }
        }
        return best
    }
}
