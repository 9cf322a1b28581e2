/// Bounding-box hierarchy over the residual vectors of a set of hosts, for the lowest-index host
/// whose residual covers a demand (the first-fit query).
///
/// Hosts are grouped by *where their residual vectors lie*: k-d splits at the median of the
/// dimension of largest spread, down to leaves of at most `leafSize` hosts. Every node keeps the
/// per-dimension maximum and minimum residual of its hosts and their lowest index. A query skips a
/// node whose maximum misses the demand in some dimension (no host in it fits) or whose lowest
/// index is not below the best host found so far, and takes a node's lowest index whole when its
/// minimum covers the demand (every host in it fits); only the remaining nodes are opened.
///
/// Residuals only shrink while first fit runs: a host's leaf and the leaf's ancestors are refitted
/// in place, which keeps every box exact (a box may grow loose as hosts drift, never wrong).
///
/// Bounding-volume hierarchies: Rubin & Whitted (SIGGRAPH 1980); k-d splits: Bentley (CACM 1975).
///
/// - Complexity: building O(s·log s) for s hosts (quickselect per level, the split dimension
///   from ≤ 64 sampled hosts); a refit O(leafSize·d + d·depth); a query O(d) per node opened.
final class ResidualBoxTree {
    let d: Int
    let leafSize: Int
    /// The lowest and one past the highest host index the tree was built with.
    let range: Range<Int>
    /// How many hosts the tree was built with.
    let size: Int
    /// Residual, load and load limit (capacity + tolerance) of host h in dimension k at h·d + k,
    /// owned by the caller and read only here.
    private let residual: UnsafeMutableBufferPointer<Double>
    private let load: UnsafeMutableBufferPointer<Double>
    private let limit: UnsafeMutableBufferPointer<Double>
    private let points: UnsafeMutableBufferPointer<Int>       // the hosts, grouped by leaf
    /// Dimensions in lanes of 8 single-precision values; lanes past d hold −∞ everywhere, which no
    /// test below can fail.
    let chunks: Int
    /// Node i's box at (i·chunks + c)·2: the maximum residual of lanes 8c..<8c+8 rounded up, then
    /// the minimum rounded down — outward rounding, so single precision never turns a host away
    /// that fits nor takes a box whole that holds a host that does not.
    private let box: UnsafeMutableBufferPointer<SIMD8<Float>>
    /// Residual of points[p] rounded up, at p·chunks + c: a quick test before the exact one.
    private let pointHigh: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let nodeLowest: UnsafeMutableBufferPointer<Int>   // lowest host index, Int.max when empty
    private let nodeRight: UnsafeMutableBufferPointer<Int>    // right child, −1 for a leaf (left = i + 1)
    private let nodeParent: UnsafeMutableBufferPointer<Int>
    private let nodeStart: UnsafeMutableBufferPointer<Int>    // a leaf holds points[start ..< start + count]
    private let nodeCount: UnsafeMutableBufferPointer<Int>
    private let stack: UnsafeMutableBufferPointer<Int>
    private var nodes = 0

    /// Builds the tree over `hosts`; `leafOf[h]` receives each host's leaf.
    init(hosts: [Int], dimensions: Int, residual: UnsafeMutableBufferPointer<Double>,
         load: UnsafeMutableBufferPointer<Double>, limit: UnsafeMutableBufferPointer<Double>,
         leafOf: UnsafeMutableBufferPointer<Int>, leafSize: Int = 8) {
        d = dimensions
        self.leafSize = Swift.max(2, leafSize)
        range = (hosts.min() ?? 0)..<((hosts.max() ?? -1) + 1)
        size = hosts.count
        self.residual = residual
        self.load = load
        self.limit = limit
        let s = hosts.count
        chunks = (Swift.max(1, d) + 7) / 8
        pointHigh = .allocate(capacity: Swift.max(1, s) * chunks)
        pointHigh.initialize(repeating: SIMD8(repeating: -.infinity))
        points = .allocate(capacity: Swift.max(1, s))
        // Leaves hold ≥ ⌈(leafSize + 1) / 2⌉ hosts each (a split halves more than leafSize hosts).
        let maximumNodes = 2 * (s / ((self.leafSize + 1) / 2) + 1) + 1
        box = .allocate(capacity: maximumNodes * 2 * chunks)
        nodeLowest = .allocate(capacity: maximumNodes)
        nodeRight = .allocate(capacity: maximumNodes)
        nodeParent = .allocate(capacity: maximumNodes)
        nodeStart = .allocate(capacity: maximumNodes)
        nodeCount = .allocate(capacity: maximumNodes)
        stack = .allocate(capacity: 256)
        box.initialize(repeating: SIMD8(repeating: .nan))
        for buffer in [nodeLowest, nodeRight, nodeParent, nodeStart, nodeCount, stack] { buffer.initialize(repeating: -1) }
        for (p, h) in hosts.enumerated() { points[p] = h }
        if s > 0 { _ = build(0, s, parent: -1, leafOf: leafOf) }
    }

    deinit {
        box.deallocate()
        pointHigh.deallocate()
        for buffer in [points, nodeLowest, nodeRight, nodeParent, nodeStart, nodeCount, stack] { buffer.deallocate() }
    }

    /// The hosts still in the tree, leaf by leaf.
    var hosts: [Int] {
        var result: [Int] = []
        for i in 0..<nodes where nodeRight[i] < 0 {
            let start = nodeStart[i]
            for p in start..<(start + nodeCount[i]) { result.append(points[p]) }
        }
        return result
    }

    /// Lowest host index below `bound` where `need` fits (load + need ≤ limit in every
    /// dimension), or nil. `low` (from ``vectors(need:loose:)``) must lie at or below the residual
    /// of every host where `need` fits (boxes whose maximum is below it are skipped); `high` at or
    /// above `need` (boxes whose minimum reaches it in every lane fit whole).
    func lowest(need: UnsafeMutableBufferPointer<Double>, low: UnsafeMutableBufferPointer<SIMD8<Float>>,
                high: UnsafeMutableBufferPointer<SIMD8<Float>>, below bound: Int) -> Int? {
        guard nodes > 0 else { return nil }
        let d = d, chunks = chunks, box = box, pointHigh = pointHigh, points = points, stack = stack
        let nodeLowest = nodeLowest, nodeRight = nodeRight, nodeStart = nodeStart, nodeCount = nodeCount
        let load = load, limit = limit
        let low0 = low[0], high0 = high[0]
                var best = bound
                var top = 1
                stack[0] = 0
                while top > 0 {
                    top -= 1
                    let i = stack[top]
                    if nodeLowest[i] >= best { continue }
                    var outside = false, inside = true
                    if chunks == 1 {
                        outside = any(box[i &* 2] .< low0)
                        inside = !any(box[i &* 2 &+ 1] .< high0)
                    } else {
                        for c in 0..<chunks {
                            let o = (i * chunks + c) * 2
                            if any(box[o] .< low[c]) { outside = true; break }
                            if any(box[o + 1] .< high[c]) { inside = false }
                        }
                    }
                    if outside { continue }
                    if inside { best = nodeLowest[i]; continue }
                    let right = nodeRight[i]
                    if right < 0 {
                        let start = nodeStart[i]
                        for p in start..<(start + nodeCount[i]) {
                            let h = points[p]
                            guard h < best else { continue }
                            var fits = true
                            if chunks == 1 {
                                fits = !any(pointHigh[p] .< low0)
                            } else {
                                for c in 0..<chunks where any(pointHigh[p * chunks + c] .< low[c]) { fits = false; break }
                            }
                            guard fits else { continue }
                            for k in 0..<d where load[h * d + k] + need[k] > limit[h * d + k] { fits = false; break }
                            if fits { best = h }
                        }
                    } else {
                        let left = i + 1
                        // The child with the lower index is searched first: its answer prunes the other.
                        if nodeLowest[left] <= nodeLowest[right] {
                            stack[top] = right; stack[top + 1] = left
                        } else {
                            stack[top] = left; stack[top + 1] = right
                        }
                        top += 2
                    }
                }
                return best < bound ? best : nil
    }

    /// The single-precision lanes of a query: `low` = `loose` rounded down, `high` = `need` rounded
    /// up, lanes past d at −∞.
    static func vectors(need: UnsafeMutableBufferPointer<Double>, loose: UnsafeMutableBufferPointer<Double>, dimensions d: Int,
                        low: UnsafeMutableBufferPointer<SIMD8<Float>>, high: UnsafeMutableBufferPointer<SIMD8<Float>>) {
        for c in 0..<low.count {
            low[c] = SIMD8(repeating: -.infinity)
            high[c] = SIMD8(repeating: -.infinity)
        }
        for k in 0..<d {
            low[k / 8][k % 8] = roundedDown(loose[k])
            high[k / 8][k % 8] = roundedUp(need[k])
        }
    }

    /// The largest Float ≤ x.
    static func roundedDown(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) > x ? f.nextDown : f
    }

    /// The smallest Float ≥ x.
    static func roundedUp(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) < x ? f.nextUp : f
    }

    /// Host `h` (in leaf `leaf`) has a new residual: refits the leaf and its ancestors.
    func refit(leaf: Int) {
        var i = leaf
        while i >= 0 && fit(i) { i = nodeParent[i] }
    }

    /// Removes host `h` (in leaf `leaf`) for good.
    func remove(_ h: Int, leaf: Int) {
        let start = nodeStart[leaf], last = nodeStart[leaf] + nodeCount[leaf] - 1
        guard let p = (start...last).first(where: { points[$0] == h }) else { return }
        points.swapAt(p, last)
        for c in 0..<chunks { pointHigh.swapAt(p * chunks + c, last * chunks + c) }
        nodeCount[leaf] -= 1
        refit(leaf: leaf)
    }

    private func build(_ lo: Int, _ hi: Int, parent: Int, leafOf: UnsafeMutableBufferPointer<Int>) -> Int {
        let i = nodes
        nodes += 1
        nodeParent[i] = parent
        if hi - lo <= leafSize {
            nodeRight[i] = -1
            nodeStart[i] = lo
            nodeCount[i] = hi - lo
            for p in lo..<hi { leafOf[points[p]] = i }
        } else {
            // The dimension of largest spread, from at most 64 evenly spaced hosts of the range.
            let step = Swift.max(1, (hi - lo) / 64)
            var widest = 0, spread = -Double.infinity
            for k in 0..<d {
                var low = Double.infinity, high = -Double.infinity
                for p in stride(from: lo, to: hi, by: step) {
                    let r = residual[points[p] * d + k]
                    low = Swift.min(low, r); high = Swift.max(high, r)
                }
                if high - low > spread { spread = high - low; widest = k }
            }
            let mid = (lo + hi) / 2
            select(lo, hi, mid, dimension: widest)
            _ = build(lo, mid, parent: i, leafOf: leafOf)
            nodeRight[i] = build(mid, hi, parent: i, leafOf: leafOf)
        }
        fit(i)
        return i
    }

    /// Quickselect on points[lo..<hi]: points[nth] in its sorted place by (residual in dimension
    /// k, host index), nothing greater before it, nothing smaller after.
    private func select(_ lo: Int, _ hi: Int, _ nth: Int, dimension k: Int) {
        let d = d, residual = residual, points = points
        @inline(__always) func less(_ a: Int, _ b: Int) -> Bool {
            let x = residual[a &* d &+ k], y = residual[b &* d &+ k]
            return x != y ? x < y : a < b
        }
        var lo = lo, hi = hi - 1
        while lo < hi {
            // Median of three as the pivot, moved to hi.
            let mid = (lo + hi) / 2
            if less(points[mid], points[lo]) { points.swapAt(mid, lo) }
            if less(points[hi], points[lo]) { points.swapAt(hi, lo) }
            if less(points[mid], points[hi]) { points.swapAt(mid, hi) }
            let pivot = points[hi]
            var store = lo
            for p in lo..<hi where less(points[p], pivot) {
                points.swapAt(p, store)
                store += 1
            }
            points.swapAt(store, hi)
            if store == nth { return }
            if nth < store { hi = store - 1 } else { lo = store + 1 }
        }
    }

    /// Recomputes node i's box and lowest index from its hosts (leaf) or children; whether they changed.
    @discardableResult
    private func fit(_ i: Int) -> Bool {
        var changed = false
        let right = nodeRight[i]
        var lowest = Int.max
        if right < 0 {
            let start = nodeStart[i], end = nodeStart[i] + nodeCount[i]
            for p in start..<end { lowest = Swift.min(lowest, points[p]) }
            for c in 0..<chunks {
                var high = SIMD8<Float>(repeating: -.infinity), low = SIMD8<Float>(repeating: -.infinity)
                for lane in 0..<8 where 8 * c + lane < d {
                    let k = 8 * c + lane
                    var largest = -Double.infinity, smallest = Double.infinity
                    for p in start..<end {
                        let r = residual[points[p] * d + k]
                        largest = Swift.max(largest, r); smallest = Swift.min(smallest, r)
                        pointHigh[p * chunks + c][lane] = ResidualBoxTree.roundedUp(r)
                    }
                    high[lane] = ResidualBoxTree.roundedUp(largest)
                    low[lane] = ResidualBoxTree.roundedDown(smallest)
                }
                let o = (i * chunks + c) * 2
                if box[o] != high || box[o + 1] != low { changed = true }
                box[o] = high; box[o + 1] = low
            }
        } else {
            lowest = Swift.min(nodeLowest[i + 1], nodeLowest[right])
            for c in 0..<chunks {
                let o = (i * chunks + c) * 2, l = ((i + 1) * chunks + c) * 2, r = (right * chunks + c) * 2
                let high = pointwiseMax(box[l], box[r]), low = pointwiseMin(box[l + 1], box[r + 1])
                if box[o] != high || box[o + 1] != low { changed = true }
                box[o] = high; box[o + 1] = low
            }
        }
        if lowest != nodeLowest[i] { changed = true }
        nodeLowest[i] = lowest
        return changed
    }
}
