/// Lowest-index host where a demand fits — the query of first fit when capacity alone decides
/// (no eligibility lists, pinning, affinity or memory sharing).
///
/// An index-ordered segment tree of per-dimension maxima (``ResidualTree``) answers it in
/// O(d·log m) while few hosts are partly filled, or when the caller's hint (the host that took
/// the last identical demand) skips the filled ones — VM catalogues with few distinct sizes; the
/// search then runs in that mode (`grouping: false`). With many distinct demands, thousands of
/// partly filled hosts cover a demand dimension by dimension although no single host covers it
/// whole, and the index-ordered search opens a large part of the tree (≈ 2 000 nodes per VM on
/// 100 000 VMs × 5 dimensions of continuous random demands). So with `grouping`:
/// * never-used hosts stay in the ``ResidualTree``, where their residual is their capacity and
///   the pruning is exact;
/// * a host's first VM makes it *recent*; recent hosts are scanned in index order;
/// * `blockSize` recent hosts are *sealed* into a block: a ``ResidualBoxTree`` grouping them by
///   where their residual vectors lie. The last two blocks merge (one tree rebuilt over both)
///   while the last holds at least 1/`mergeRatio` of the hosts of the one before — the
///   logarithmic method: each host is regrouped O(log(m / blockSize)) times, mostly while young
///   and still moving, rarely once nearly full.
///
/// A query asks the blocks in index order (a block whose lowest index is not below the best host
/// found is skipped), then the recent hosts, then the never-used ones. The structure changes only
/// how fast the answer is found, never the answer: the lowest index whose load plus the demand
/// stays within capacity + 1e-9·max(1, |capacity|) in every dimension — the capacity test of
/// ``PlacementChecker`` (``FirstFitReferenceTests`` and ``FirstFitSearchTests`` compare it with a
/// naive scan).
///
/// Logarithmic method: Bentley & Saxe, "Decomposable searching problems I: static-to-dynamic
/// transformation" (J. Algorithms, 1980).
///
/// - Complexity: O(m·d) to set up; per VM, O(d) per node opened in the blocks' trees (about 100
///   on the continuous benchmark above, against ≈ 2 000 without grouping) plus at most
///   `blockSize` recent hosts; sealing and merging cost O(m·log m·log(m / blockSize)) over a run.
final class FirstFitSearch {
    let d: Int
    let hostCount: Int
    let blockSize: Int
    let leafSize: Int
    /// The last two blocks merge while the last holds at least 1/mergeRatio of the hosts of the one before.
    let mergeRatio: Int
    /// False: every host stays in the index-ordered ``ResidualTree`` (fast when the caller's
    /// hints prune, as with few distinct demands); true: used hosts are grouped in blocks.
    let grouping: Bool
    /// Capacity test limit (capacity + 1e-9·max(1, |capacity|)), load and residual (capacity −
    /// load) of host h in dimension k at h·d + k.
    private let limit: UnsafeMutableBufferPointer<Double>
    private let load: UnsafeMutableBufferPointer<Double>
    private let residual: UnsafeMutableBufferPointer<Double>
    private let capacity: [Double]
    /// Per dimension, a pruning slack that can never hide a fitting host.
    private let slack: [Double]
    private let usable: [Bool]
    private var closed: [Bool]
    /// With `grouping`, the never-used hosts (their residual is their capacity, where the tree
    /// prunes exactly); without, every host.
    private var indexTree: ResidualTree
    /// Used hosts not yet sealed in a block, ascending; `isRecent[h]` says whether h is one.
    private var recentHosts: [Int] = []
    private var isRecent: [Bool]
    /// Residuals of the recent hosts rounded up, in lanes of 8 (`chunks` per host, lanes past d
    /// at −∞): a quick test before the exact one.
    private var recentHigh: [SIMD8<Float>] = []
    private let chunks: Int
    private var scratch: [Double]
    /// Whether a host has received a VM (kept with `grouping` only); every usable host below
    /// `lowestUnused` has.
    private var isUsed: [Bool]
    private var lowestUnused = 0
    private var blocks: [ResidualBoxTree] = []
    private var blockOf: [Int]
    private let leafOf: UnsafeMutableBufferPointer<Int>
    private let need: UnsafeMutableBufferPointer<Double>
    private let loose: UnsafeMutableBufferPointer<Double>
    private let low: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let high: UnsafeMutableBufferPointer<SIMD8<Float>>

    /// `capacity` holds host h's capacity in dimension k at h·d + k; hosts with `usable[h] ==
    /// false` (maintenance) never receive anything.
    init(capacity: [Double], dimensions: Int, usable: [Bool], grouping: Bool = true,
         blockSize: Int = 128, mergeRatio: Int = 4, leafSize: Int = 8) {
        d = dimensions
        self.mergeRatio = Swift.max(1, mergeRatio)
        self.grouping = grouping
        hostCount = usable.count
        self.blockSize = Swift.max(1, blockSize)
        self.leafSize = leafSize
        self.capacity = capacity
        self.usable = usable
        closed = Array(repeating: false, count: hostCount)
        blockOf = Array(repeating: -1, count: hostCount)
        let count = usable.count * dimensions, size = Swift.max(1, count)
        let limit = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
        let residual = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
        load = .allocate(capacity: size)
        load.initialize(repeating: 0)
        let d = dimensions
        var largest = [Double](repeating: 0, count: d)
        capacity.withUnsafeBufferPointer { capacity in
            for i in 0..<count {
                (limit.baseAddress! + i).initialize(to: capacity[i] + 1e-9 * Swift.max(1, abs(capacity[i])))
                (residual.baseAddress! + i).initialize(to: capacity[i])
            }
            if count == 0 { limit.initialize(repeating: 0); residual.initialize(repeating: 0) }
            for h in 0..<usable.count { for k in 0..<d { largest[k] = Swift.max(largest[k], abs(capacity[h * d + k])) } }
        }
        self.limit = limit
        self.residual = residual
        slack = largest.map { 2e-9 * Swift.max(1, $0) }
        isRecent = Array(repeating: false, count: hostCount)
        chunks = (Swift.max(1, dimensions) + 7) / 8
        scratch = Array(repeating: 0, count: dimensions)
        isUsed = Array(repeating: false, count: hostCount)
        indexTree = ResidualTree(residual: capacity, dimensions: d, usable: usable)
        leafOf = .allocate(capacity: Swift.max(1, hostCount))
        leafOf.initialize(repeating: -1)
        need = .allocate(capacity: Swift.max(1, d))
        loose = .allocate(capacity: Swift.max(1, d))
        need.initialize(repeating: 0)
        loose.initialize(repeating: 0)
        low = .allocate(capacity: (Swift.max(1, d) + 7) / 8)
        high = .allocate(capacity: (Swift.max(1, d) + 7) / 8)
        low.initialize(repeating: SIMD8(repeating: -.infinity))
        high.initialize(repeating: SIMD8(repeating: -.infinity))
    }

    deinit {
        for buffer in [limit, load, residual, need, loose] { buffer.deallocate() }
        leafOf.deallocate()
        low.deallocate()
        high.deallocate()
    }

    /// Residual (capacity − load) of host `h` in dimension `k`.
    func residual(host h: Int, dimension k: Int) -> Double { residual[h * d + k] }

    /// Lowest-index open host where `demand` fits. `from` is a hint the caller vouches for: no
    /// host below it can take the demand (the answer is the same with or without it).
    func first(fitting demand: [Double], from: Int = 0) -> Int? {
        for k in 0..<d {
            need[k] = demand[k]
            // A host where the demand fits has residual ≥ demand − 1e-9·max(1, |capacity|) (up to
            // rounding): boxes whose maximum is below `loose` hold none.
            loose[k] = demand[k] - slack[k] - 1e-9 * Swift.max(1, abs(demand[k]))
        }
        if grouping { ResidualBoxTree.vectors(need: need, loose: loose, dimensions: d, low: low, high: high) }
        // Blocks hold ascending index ranges unless a host skipped earlier (heterogeneous
        // capacities) is used late: the ranges are checked, not assumed.
        var best = Int.max
        for block in blocks where block.range.upperBound > from && block.range.lowerBound < best {
            if let h = block.lowest(need: need, low: low, high: high, below: best) { best = h }
        }
        let chunks = chunks, low = low
        recentHosts.withUnsafeBufferPointer { hosts in
            recentHigh.withUnsafeBufferPointer { highs in
                scan: for j in 0..<hosts.count where hosts[j] >= from {
                    let h = hosts[j]
                    if h >= best { break }
                    for c in 0..<chunks where any(highs[j * chunks + c] .< low[c]) { continue scan }
                    if fits(h) { best = h; break }
                }
            }
        }
        // The index tree (never-used hosts, or every host without grouping) only matters below
        // the best host found, or when none is.
        while lowestUnused < hostCount && (!usable[lowestUnused] || isUsed[lowestUnused]) { lowestUnused += 1 }
        if best <= lowestUnused { return best == Int.max ? nil : best }
        var candidate = indexTree.first(covering: demand, from: Swift.max(from, lowestUnused))
        while let h = candidate, h < best {
            if fits(h) { return h }
            candidate = indexTree.first(covering: demand, from: h + 1)
        }
        return best == Int.max ? nil : best
    }

    @inline(__always)
    private func fits(_ h: Int) -> Bool {
        for k in 0..<d where load[h * d + k] + need[k] > limit[h * d + k] { return false }
        return true
    }

    /// Adds `demand` to host `h`'s load.
    func add(_ demand: [Double], to h: Int) {
        for k in 0..<d {
            load[h * d + k] += demand[k]
            residual[h * d + k] = capacity[h * d + k] - load[h * d + k]
        }
        if !grouping {
            for k in 0..<d { scratch[k] = residual[h * d + k] }
            indexTree.update(host: h, residual: scratch)
        } else if blockOf[h] >= 0 {
            blocks[blockOf[h]].refit(leaf: leafOf[h])
        } else if isRecent[h] {
            setRecentHigh(at: recentPosition(h))
        } else {
            // First VM on this host: from the never-used hosts to the recent ones.
            indexTree.disable(host: h)
            isUsed[h] = true
            isRecent[h] = true
            let j = recentPosition(h)
            recentHosts.insert(h, at: j)
            recentHigh.insert(contentsOf: repeatElement(SIMD8(repeating: -.infinity), count: chunks), at: j * chunks)
            setRecentHigh(at: j)
            if recentHosts.count >= blockSize { seal() }
        }
    }

    /// Host `h` will receive nothing more: it leaves the search for good.
    func close(_ h: Int) {
        guard !closed[h] else { return }
        closed[h] = true
        isUsed[h] = true
        if blockOf[h] >= 0 {
            blocks[blockOf[h]].remove(h, leaf: leafOf[h])
            blockOf[h] = -1
        } else if isRecent[h] {
            let j = recentPosition(h)
            recentHosts.remove(at: j)
            recentHigh.removeSubrange((j * chunks)..<((j + 1) * chunks))
            isRecent[h] = false
        } else {
            indexTree.disable(host: h)
        }
    }

    /// Index of `h` in `recentHosts` (where it is or would be inserted).
    private func recentPosition(_ h: Int) -> Int {
        var lo = 0, hi = recentHosts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if recentHosts[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Refreshes the rounded-up residual of the recent host at position j.
    private func setRecentHigh(at j: Int) {
        let h = recentHosts[j]
        for k in 0..<d { recentHigh[j * chunks + k / 8][k % 8] = ResidualBoxTree.roundedUp(residual[h * d + k]) }
    }

    /// Seals the recent hosts into a new block, then merges blocks as a binary counter.
    private func seal() {
        let hosts = recentHosts
        for h in hosts { isRecent[h] = false }
        recentHosts.removeAll(keepingCapacity: true)
        recentHigh.removeAll(keepingCapacity: true)
        append(hosts)
        while blocks.count >= 2 && blocks[blocks.count - 1].size * mergeRatio >= blocks[blocks.count - 2].size {
            let last = blocks.removeLast(), before = blocks.removeLast()
            append(before.hosts + last.hosts)
        }
    }

    private func append(_ hosts: [Int]) {
        blocks.append(ResidualBoxTree(hosts: hosts.sorted(), dimensions: d, residual: residual, load: load,
                                      limit: limit, leafOf: leafOf, leafSize: leafSize))
        for h in hosts { blockOf[h] = blocks.count - 1 }
    }
}
