/// Bounding-box hierarchy over the residual vectors of a set of hosts, for the lowest-index host
/// whose residual covers a demand (the first-fit query).
///
/// Hosts are grouped by *where their residual vectors lie*: k-d splits of the dimension of
/// largest spread, up to three levels at a time, so that every node has up to 8 children (a
/// *wide* hierarchy) and every leaf holds `leafSize` (≤ 8) hosts but the last of its parent.
/// The splits cut at whole subtrees (leafSize·8ʲ hosts) near the median. A node stores, per dimension,
/// the maximum and the minimum residual of each child as one 8-lane vector, and each child's
/// lowest host index: one query step tests all 8 children at once (a few vector comparisons, no
/// branch per child). A child is skipped when its maximum misses the demand in some dimension (no
/// host in it fits) or its lowest index is not below the best host found so far; it is taken
/// whole — its lowest index — when its minimum covers the demand (every host in it fits); only the
/// remaining children are opened, the one with the lowest index first.
///
/// Boxes are single precision, rounded outward (maxima up, minima down): single precision never
/// turns a host away that fits, nor takes a box whole that holds a host that does not. A leaf's
/// lanes are its hosts (maximum = residual rounded up, minimum = rounded down); the exact test
/// (load + demand ≤ limit in double precision) decides the few that the rounding leaves open.
///
/// Residuals only shrink while first fit runs: a host's lane and its ancestors' lanes are refitted
/// in place, which keeps every box exact. Leaves read only their maxima: a host lane's minimum is
/// its maximum or the Float just below.
///
/// Bounding-volume hierarchies: Rubin & Whitted (SIGGRAPH 1980); k-d splits: Bentley (CACM 1975);
/// wide hierarchies tested lane-parallel: Wald, Benthin & Boulos, "Getting rid of packets" (IEEE
/// Symposium on Interactive Ray Tracing 2008).
///
/// - Complexity: building O(s·log s) for s hosts (quickselect per level, the split dimension from
///   ≤ 64 sampled hosts); a refit O(d·depth) with depth ≈ log₈(s / leafSize); a query O(d) per
///   node opened.
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
    /// One record of `stride` = 2d + 2 8-lane vectors per node, a lane per child: the children's
    /// maxima (vectors 0..<d, one per dimension), their lowest host indices (vector d, Int32), the
    /// children themselves (vector d + 1, Int32: node indices, or host indices in a leaf) and
    /// their minima (vectors d + 2 ..< 2d + 2, last so that a leaf, which reads no minima, touches
    /// only the first d + 2). An empty lane has maximum −∞ (every query skips it), minimum +∞ (no
    /// parent's minimum drops because of it), lowest Int32.max and child −1. Raw memory: read as
    /// vectors, written lane by lane.
    private let storage: UnsafeMutableRawPointer
    private let stride: Int
    private let isLeaf: UnsafeMutablePointer<Bool>
    /// parent·8 + lane of node i in its parent, −1 for the root.
    private let parentSlot: UnsafeMutablePointer<Int32>
    /// Lowest host index in node i's subtree (Int.max when empty).
    private let nodeLowest: UnsafeMutablePointer<Int>
    /// Nodes to open during a query, with their lowest host index (no second memory access to
    /// skip one that the best host found since makes useless).
    private let stack: UnsafeMutablePointer<Int32>
    /// Old and new lane values (maxima, then minima) while a refit climbs.
    private let refitScratch: UnsafeMutablePointer<Float>
    private let capacityOfNodes: Int
    private var nodes = 0

    /// The owner's name for this tree (``FirstFitSearch`` numbers its blocks).
    var number = -1
    /// Leaf slot (leaf·8 + lane) of `hosts[p]`, as built.
    private(set) var slots: [Int]
    /// While building: residual of `hosts[p]` in dimension k at p·d + k (the snapshot).
    private var snapshot: UnsafeBufferPointer<Double>
    private let hostIndices: [Int]

    /// Builds the tree over `hosts` (ascending host indices below Int32.max) whose residual in
    /// dimension k is `snapshot[p·d + k]` for `hosts[p]` — a copy, so that the tree can be built on
    /// another thread while the hosts keep changing; ``refit(slot:)`` reads `residual` (the live
    /// residuals, by host index). `load` and `limit` (by host index) serve the exact test of queries.
    /// Nothing but the snapshot is read while building.
    init(hosts: [Int], snapshot: UnsafeBufferPointer<Double>, dimensions: Int, residual: UnsafeMutableBufferPointer<Double>,
         load: UnsafeMutableBufferPointer<Double>, limit: UnsafeMutableBufferPointer<Double>, leafSize: Int = 8) {
        d = Swift.max(1, dimensions)
        self.leafSize = Swift.min(8, Swift.max(2, leafSize))
        range = (hosts.first ?? 0)..<((hosts.last ?? -1) + 1)
        size = hosts.count
        self.residual = residual
        self.load = load
        self.limit = limit
        self.snapshot = snapshot
        hostIndices = hosts
        let s = hosts.count
        slots = Array(repeating: -1, count: s)
        // Splits cut at multiples of leafSize, so there are ⌈s / leafSize⌉ leaves, and every other
        // node has ≥ 2 children: fewer nodes than twice the leaves.
        let leaves = (s + self.leafSize - 1) / self.leafSize
        capacityOfNodes = 2 * leaves + 1
        stride = 2 * d + 2
        storage = .allocate(byteCount: capacityOfNodes * stride * 32, alignment: 64)
        isLeaf = .allocate(capacity: capacityOfNodes)
        parentSlot = .allocate(capacity: capacityOfNodes)
        nodeLowest = .allocate(capacity: capacityOfNodes)
        // Depth ≤ log₂(s) + 1 and ≤ 8 entries pushed per level.
        stack = .allocate(capacity: 2 * 8 * (Int.bitWidth + 2))
        refitScratch = .allocate(capacity: 4 * d)
        if s > 0 {
            var points = Array(0..<s)
            points.withUnsafeMutableBufferPointer { points in
                nodes = 1
                build(points, 0, s, node: 0, parentSlot: -1)
            }
        }
        self.snapshot = UnsafeBufferPointer(start: nil, count: 0)
    }

    deinit {
        storage.deallocate()
        isLeaf.deallocate()
        parentSlot.deallocate()
        nodeLowest.deallocate()
        stack.deallocate()
        refitScratch.deallocate()
    }

    /// Vector j of node i's record.
    @inline(__always) private func vector<T: SIMD>(_ i: Int, _ j: Int, as type: T.Type) -> T {
        storage.load(fromByteOffset: (i &* stride &+ j) &* 32, as: T.self)
    }

    /// Sets lane `lane` of vector j of node i's record.
    @inline(__always) private func set<T>(_ i: Int, _ j: Int, _ lane: Int, _ value: T) {
        storage.storeBytes(of: value, toByteOffset: (i &* stride &+ j) &* 32 &+ lane &* 4, as: T.self)
    }

    /// Lane `lane` of vector j of node i's record.
    @inline(__always) private func get<T>(_ i: Int, _ j: Int, _ lane: Int, as type: T.Type) -> T {
        storage.load(fromByteOffset: (i &* stride &+ j) &* 32 &+ lane &* 4, as: T.self)
    }

    /// The hosts still in the tree.
    var hosts: [Int] {
        var result: [Int] = []
        for i in 0..<nodes where isLeaf[i] {
            for lane in 0..<8 where get(i, d, lane, as: Int32.self) != .max {
                result.append(Int(get(i, d + 1, lane, as: Int32.self)))
            }
        }
        return result
    }

    /// Lowest host index below `bound` where `need` fits (load + need ≤ limit in every
    /// dimension), or nil. `low[k]` (all 8 lanes equal) must lie at or below the residual in
    /// dimension k of every host where `need` fits (boxes whose maximum is below it are skipped);
    /// `high[k]` at or above `need[k]` (boxes whose minimum reaches it in every dimension fit whole).
    func lowest(need: UnsafeMutableBufferPointer<Double>, low: UnsafePointer<SIMD8<Float>>,
                high: UnsafePointer<SIMD8<Float>>, below bound: Int) -> Int? {
        guard nodes > 0, nodeLowest[0] < bound else { return nil }
        let d = d, storage = storage, stride = stride, isLeaf = isLeaf
        let nodeLowest = nodeLowest, stack = stack, load = load, limit = limit
        let weights = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
        var best = bound
        var top = 1
        stack[0] = 0
        stack[1] = Int32(clamping: nodeLowest[0])
        while top > 0 {
            top &-= 1
            if Int(stack[2 &* top &+ 1]) >= best { continue }
            let i = Int(stack[2 &* top])
            let b = storage + i &* stride &* 32
            let leaf = isLeaf[i]
            var outside: SIMDMask<SIMD8<Int32>>, inside: SIMDMask<SIMD8<Int32>>
            if leaf {
                // A host lane's minimum is its maximum or the Float just below: a maximum above
                // the demand rounded up puts the residual at or above it. Leaves never read their
                // minima (fewer cache lines per leaf).
                let m = b.load(as: SIMD8<Float>.self)
                outside = m .< low[0]
                inside = m .> high[0]
                var k = 1
                while k < d {
                    let m = b.load(fromByteOffset: k &* 32, as: SIMD8<Float>.self)
                    outside .|= m .< low[k]
                    inside .&= m .> high[k]
                    k &+= 1
                }
            } else {
                outside = b.load(as: SIMD8<Float>.self) .< low[0]
                inside = b.load(fromByteOffset: (d &+ 2) &* 32, as: SIMD8<Float>.self) .>= high[0]
                var k = 1
                while k < d {
                    outside .|= b.load(fromByteOffset: k &* 32, as: SIMD8<Float>.self) .< low[k]
                    inside .&= b.load(fromByteOffset: (d &+ 2 &+ k) &* 32, as: SIMD8<Float>.self) .>= high[k]
                    k &+= 1
                }
            }
            // Lane masks as 0 / −1 integers (comparisons of integer vectors are not lowered to
            // vector instructions; float comparisons and integer arithmetic are). Indices are
            // non-negative, so lowest − best never overflows and its sign says lowest < best.
            let lowest = vector(i, d, as: SIMD8<Int32>.self)
            let outsideLanes = SIMD8<Int32>(repeating: 0).replacing(with: -1, where: outside)
            let insideLanes = SIMD8<Int32>(repeating: 0).replacing(with: -1, where: inside)
            var open = ~outsideLanes & ((lowest &- SIMD8(repeating: Int32(clamping: best))) &>> 31)
            let whole = open & insideLanes
            if (whole & weights).wrappedSum() != 0 {
                best = Int(((lowest & whole) | (SIMD8(repeating: .max) & ~whole)).min())
                open = open & ~insideLanes & ((lowest &- SIMD8(repeating: Int32(best))) &>> 31)
            }
            var bits = UInt32(truncatingIfNeeded: (open & weights).wrappedSum())
            if bits == 0 { continue }
            let children = vector(i, d &+ 1, as: SIMD8<Int32>.self)
            if leaf {
                // Lanes hold hosts in ascending order: the first that fits is the lowest.
                repeat {
                    let lane = bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let h = Int(children[lane])
                    if h >= best { break }
                    var fits = true
                    let base = h &* d
                    var k = 0
                    while k < d {
                        if load[base &+ k] + need[k] > limit[base &+ k] { fits = false; break }
                        k &+= 1
                    }
                    if fits { best = h; break }
                } while bits != 0
            } else {
                // Lanes are in ascending order of lowest index: push the highest first so the
                // lowest is opened first (its answer prunes the others).
                repeat {
                    let lane = 31 &- bits.leadingZeroBitCount
                    bits &= ~(UInt32(1) << UInt32(lane))
                    stack[2 &* top] = b.load(fromByteOffset: (d &+ 1) &* 32 &+ lane &* 4, as: Int32.self)
                    stack[2 &* top &+ 1] = b.load(fromByteOffset: d &* 32 &+ lane &* 4, as: Int32.self)
                    top &+= 1
                } while bits != 0
            }
        }
        return best < bound ? best : nil
    }

    /// Per dimension k, `low[k]` = `loose[k]` rounded down and `high[k]` = `need[k]` rounded up,
    /// in all 8 lanes (the vectors ``lowest(need:low:high:below:)`` takes).
    static func vectors(need: UnsafeMutableBufferPointer<Double>, loose: UnsafeMutableBufferPointer<Double>, dimensions d: Int,
                        low: UnsafeMutablePointer<SIMD8<Float>>, high: UnsafeMutablePointer<SIMD8<Float>>) {
        for k in 0..<d {
            low[k] = SIMD8(repeating: roundedDown(loose[k]))
            high[k] = SIMD8(repeating: roundedUp(need[k]))
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

    /// The host in `slot` (leaf·8 + lane, from `leafOf`) has a new residual: refits its lane and
    /// the ancestors' lanes while they change.
    ///
    /// Residuals only shrink (loads only grow), so going up, a node's maximum needs recomputing
    /// only where the lane that changed held it, and its minimum is the old one or the new lane
    /// value; lowest indices do not change. A residual that grew takes the general path.
    func refit(slot: Int) {
        var i = slot >> 3
        let lane = slot & 7
        let h = Int(get(i, d + 1, lane, as: Int32.self))
        // Maxima at old[k] / new[k], minima at old[d + k] / new[d + k].
        let d = d, old = refitScratch, new = refitScratch + 2 * d
        for k in 0..<d {
            let r = residual[h * d + k]
            old[k] = get(i, k, lane, as: Float.self)
            old[d + k] = get(i, d + 2 + k, lane, as: Float.self)
            new[k] = ResidualBoxTree.roundedUp(r)
            new[d + k] = ResidualBoxTree.roundedDown(r)
            set(i, k, lane, new[k])
            set(i, d + 2 + k, lane, new[d + k])
        }
        for k in 0..<d where new[k] > old[k] || new[d + k] > old[d + k] {
            // A residual grew: the general path.
            propagate(from: i)
            return
        }
        // Node i's lane changed from old to new; carry the change to its lane in the parent.
        while true {
            let slot = Int(parentSlot[i])
            guard slot >= 0 else { return }
            let p = slot >> 3, parentLane = slot & 7
            var changed = false
            for k in 0..<d {
                let parentHigh = get(p, k, parentLane, as: Float.self)
                let parentLow = get(p, d + 2 + k, parentLane, as: Float.self)
                var high = parentHigh
                if new[k] != old[k] && old[k] >= parentHigh {
                    high = vector(i, k, as: SIMD8<Float>.self).max()
                }
                let low = Swift.min(parentLow, new[d + k])
                old[k] = parentHigh; old[d + k] = parentLow
                new[k] = high; new[d + k] = low
                if high != parentHigh || low != parentLow {
                    changed = true
                    set(p, k, parentLane, high)
                    set(p, d + 2 + k, parentLane, low)
                }
            }
            guard changed else { return }
            i = p
        }
    }

    /// Removes the host in `slot` for good.
    func remove(slot: Int) {
        let i = slot >> 3, lane = slot & 7
        for k in 0..<d {
            set(i, k, lane, -Float.infinity)
            set(i, d + 2 + k, lane, Float.infinity)
        }
        set(i, d, lane, Int32.max)
        propagate(from: i)
    }

    /// Node i's lanes changed: its lane in its parent, and so on up, while anything changes.
    private func propagate(from node: Int) {
        var i = node
        while true {
            let lowest = vector(i, d, as: SIMD8<Int32>.self).min()
            nodeLowest[i] = lowest == .max ? .max : Int(lowest)
            let slot = Int(parentSlot[i])
            guard slot >= 0 else { return }
            let p = slot >> 3, lane = slot & 7
            var changed = false
            if get(p, d, lane, as: Int32.self) != lowest {
                changed = true
                set(p, d, lane, lowest)
            }
            for k in 0..<d {
                let high = vector(i, k, as: SIMD8<Float>.self).max(), low = vector(i, d + 2 + k, as: SIMD8<Float>.self).min()
                if get(p, k, lane, as: Float.self) != high || get(p, d + 2 + k, lane, as: Float.self) != low {
                    changed = true
                    set(p, k, lane, high)
                    set(p, d + 2 + k, lane, low)
                }
            }
            guard changed else { return }
            i = p
        }
    }

    /// Builds node i over points[lo..<hi]. A node's children get consecutive indices (their
    /// records lie side by side in memory).
    private func build(_ points: UnsafeMutableBufferPointer<Int>, _ lo: Int, _ hi: Int, node i: Int, parentSlot slot: Int32) {
        parentSlot[i] = slot
        let record = storage + i * stride * 32
        for k in 0..<d {
            record.storeBytes(of: SIMD8<Float>(repeating: -.infinity), toByteOffset: k * 32, as: SIMD8<Float>.self)
            record.storeBytes(of: SIMD8<Float>(repeating: .infinity), toByteOffset: (d + 2 + k) * 32, as: SIMD8<Float>.self)
        }
        record.storeBytes(of: SIMD8<Int32>(repeating: .max), toByteOffset: d * 32, as: SIMD8<Int32>.self)
        record.storeBytes(of: SIMD8<Int32>(repeating: -1), toByteOffset: (d + 1) * 32, as: SIMD8<Int32>.self)
        if hi - lo <= leafSize {
            isLeaf[i] = true
            // Lanes in ascending host order (insertion sort of ≤ 8).
            for p in (lo + 1)..<Swift.max(lo + 1, hi) {
                let h = points[p]
                var q = p
                while q > lo && points[q - 1] > h { points[q] = points[q - 1]; q -= 1 }
                points[q] = h
            }
            for lane in 0..<(hi - lo) {
                let p = points[lo + lane], h = hostIndices[p]
                set(i, d + 1, lane, Int32(h))
                set(i, d, lane, Int32(h))
                for k in 0..<d {
                    let r = snapshot[p * d + k]
                    set(i, k, lane, ResidualBoxTree.roundedUp(r))
                    set(i, d + 2 + k, lane, ResidualBoxTree.roundedDown(r))
                }
                slots[p] = i * 8 + lane
            }
        } else {
            isLeaf[i] = false
            // Up to 8 groups of `unit` hosts (the last one smaller), where unit = leafSize·8ʲ is
            // the largest that needs no more than 8: every leaf is full but the last of its
            // parent. Groups are halves and halves of halves (k-d splits of the widest
            // dimension); their bounds depend only on lo, hi and the unit.
            var unit = leafSize
            while unit * 8 < hi - lo { unit *= 8 }
            partition(points, lo, hi, unit: unit)
            var starts = SIMD8<Int32>(repeating: 0), ends = SIMD8<Int32>(repeating: 0)
            var lowests = SIMD8<Int32>(repeating: .max)
            var count = 0
            func collect(_ lo: Int, _ hi: Int) {
                if hi - lo <= unit {
                    // Positions ascend with host indices.
                    var lowest = Int.max
                    for p in lo..<hi { lowest = Swift.min(lowest, points[p]) }
                    // Insert in ascending order of lowest index.
                    var q = count
                    while q > 0 && Int(lowests[q - 1]) > lowest {
                        starts[q] = starts[q - 1]; ends[q] = ends[q - 1]; lowests[q] = lowests[q - 1]
                        q -= 1
                    }
                    starts[q] = Int32(lo); ends[q] = Int32(hi); lowests[q] = Int32(lowest)
                    count += 1
                } else {
                    let mid = lo + (((hi - lo + unit - 1) / unit + 1) / 2) * unit
                    collect(lo, mid)
                    collect(mid, hi)
                }
            }
            collect(lo, hi)
            let first = nodes
            nodes += count
            precondition(nodes <= capacityOfNodes, "ResidualBoxTree: node bound exceeded")
            for lane in 0..<count {
                let c = first + lane
                build(points, Int(starts[lane]), Int(ends[lane]), node: c, parentSlot: Int32(i * 8 + lane))
                set(i, d + 1, lane, Int32(c))
                set(i, d, lane, Int32(nodeLowest[c]))
                for k in 0..<d {
                    set(i, k, lane, vector(c, k, as: SIMD8<Float>.self).max())
                    set(i, d + 2 + k, lane, vector(c, d + 2 + k, as: SIMD8<Float>.self).min())
                }
            }
        }
        nodeLowest[i] = Int(vector(i, d, as: SIMD8<Int32>.self).min())
    }

    /// Orders points[lo..<hi] by k-d splits (the dimension of largest spread, from at most 64
    /// evenly spaced hosts; the first part gets half the units, rounded up) until every part
    /// holds at most `unit` hosts.
    private func partition(_ points: UnsafeMutableBufferPointer<Int>, _ lo: Int, _ hi: Int, unit: Int) {
        guard hi - lo > unit else { return }
        let step = Swift.max(1, (hi - lo) / 64)
        var widest = 0, spread = -Double.infinity
        for k in 0..<d {
            var low = Double.infinity, high = -Double.infinity
            for p in Swift.stride(from: lo, to: hi, by: step) {
                let r = snapshot[points[p] * d + k]
                low = Swift.min(low, r); high = Swift.max(high, r)
            }
            if high - low > spread { spread = high - low; widest = k }
        }
        // The first half gets ⌈groups / 2⌉ whole units.
        let mid = lo + (((hi - lo + unit - 1) / unit + 1) / 2) * unit
        select(points, lo, hi, mid, dimension: widest)
        partition(points, lo, mid, unit: unit)
        partition(points, mid, hi, unit: unit)
    }

    /// Quickselect on points[lo..<hi]: points[nth] in its sorted place by (snapshot residual in
    /// dimension k, position), nothing greater before it, nothing smaller after.
    private func select(_ points: UnsafeMutableBufferPointer<Int>, _ lo: Int, _ hi: Int, _ nth: Int, dimension k: Int) {
        let d = d, snapshot = snapshot
        @inline(__always) func less(_ a: Int, _ b: Int) -> Bool {
            let x = snapshot[a &* d &+ k], y = snapshot[b &* d &+ k]
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
}
