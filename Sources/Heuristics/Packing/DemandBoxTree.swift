import Dispatch

/// Bounding-box hierarchy over the demands of the VMs still to place, for the earliest VM in
/// packing order whose demand fits a host — the query of first fit computed host by host
/// (``FitDecreasing``).
///
/// VMs of identical demand form one *type*; a type's VMs leave in packing order, so a type is one
/// point whose *earliest position* is that of its first VM still to place. Types are grouped by
/// k-d splits, three levels at a time, so that every inner node has up to 8 children and every
/// leaf holds 8 types but the last of its parent. A split cuts the dimension of largest spread —
/// among the demands and the earliest position (so that subtrees also group VMs near each other
/// in packing order, whose earliest-first search then stops sooner). An inner node stores, per
/// dimension, the minimum and the maximum demand of each child as one 8-lane vector of 16-bit
/// integers, each child's earliest position and the children; a leaf, its types' earliest
/// positions and minima (a type's maximum is within 3 steps of its minimum), 2 cache lines for 5
/// dimensions. One step tests 8 children at once: a child is skipped when its minimum exceeds the
/// host's residual in some dimension (no VM in it fits) or its earliest position is not before
/// the best found so far; taken whole — its earliest position — when its maximum is below the
/// residual in every dimension (every VM in it fits); the others are opened, the earliest first.
///
/// Demands are quantised per dimension to 1/32 000 of the largest capacity or demand, rounded
/// outward by a step (minima down, maxima up), and the residual likewise, so a quantised test
/// never turns away a VM that fits nor takes one that does not; the exact test (load + demand ≤
/// capacity + 1e-9·max(1, |capacity|) in double precision, as ``PlacementChecker``) decides the
/// few that the rounding leaves open. Placing a VM moves its type's earliest position on, and up
/// the tree while it changes; boxes are not shrunk (a box too large costs a visit, never an
/// answer).
///
/// Bounding-volume hierarchies: Rubin & Whitted (SIGGRAPH 1980); k-d splits: Bentley (CACM 1975);
/// wide hierarchies tested lane-parallel: Wald, Benthin & Boulos, "Getting rid of packets" (IEEE
/// Symposium on Interactive Ray Tracing 2008).
///
/// - Complexity: building O(n + t·log t) for n VMs of t types (a quickselect per split; subtrees
///   of `parallelThreshold` types or more on all cores); a query O(d) per node opened (about 15 on
///   100 000 distinct VMs × 5 dimensions, `heuristics-bench`); placing a VM O(depth), depth ≈
///   log₈(t / 8).
final class DemandBoxTree {
    let d: Int
    let typeCount: Int
    /// Quantisation factor per dimension: a value x is x·factor[k] steps.
    private let factor: UnsafeMutablePointer<Double>
    /// Inner node records, `innerStride` bytes each: earliest positions (8 × Int32, offset 0),
    /// children (8 × Int32 at 32: inner node indices, bitwise complements of leaf indices,
    /// Int32.min when empty), then per dimension k the minima (8 × Int16 at 64 + 16k) and the
    /// maxima (8 × Int16 at 64 + 16d + 16k). An empty lane: earliest Int32.max, minimum
    /// Int16.max, maximum −1. Node 0 is the root unless the tree is one leaf.
    private let inner: UnsafeMutableRawPointer
    private let innerStride: Int
    /// Leaf records, `leafStride` bytes each (a multiple of 64, aligned): earliest positions
    /// (8 × Int32) then the minima per dimension (8 × Int16 at 32 + 16k); types in `leafTypes`
    /// (−1 when empty).
    private let leaves: UnsafeMutableRawPointer
    private let leafStride: Int
    private let leafTypes: UnsafeMutablePointer<Int32>
    /// node·8 + lane of each inner node and leaf in its parent (−1: the root).
    private let innerParent: UnsafeMutablePointer<Int32>
    private let leafParent: UnsafeMutablePointer<Int32>
    let innerCount: Int
    let leafCount: Int
    /// leaf·8 + lane of each type.
    private let slotOfType: UnsafeMutablePointer<Int32>
    /// Demand of type t in dimension k at t·d + k.
    private let demand: UnsafeMutablePointer<Double>
    /// Positions of type t, ascending, at positionList[head[t] ..< end[t]].
    private let positionList: UnsafeMutablePointer<Int32>
    private let head: UnsafeMutablePointer<Int32>
    private let end: UnsafeMutablePointer<Int32>
    /// Type of each position.
    private let typeOfPosition: UnsafeMutablePointer<Int32>
    let positionCount: Int
    /// Nodes to open during a query (code, earliest position); depth ≤ 11 and ≤ 8 per level.
    private let stack: UnsafeMutablePointer<Int32>
    /// Query bounds per dimension (all 8 lanes equal): a box whose minimum exceeds `high` holds
    /// no VM that fits; one whose maximum is below `low`, only VMs that do; a leaf lane whose
    /// minimum is below `leafLow` fits.
    private let high: UnsafeMutablePointer<SIMD8<Int16>>
    private let low: UnsafeMutablePointer<SIMD8<Int16>>
    private let leafLow: UnsafeMutablePointer<SIMD8<Int16>>

    /// Steps of the quantised scale: values map into 0 ... 32 000, so the 16-bit differences
    /// below never overflow.
    private static let steps = 32_000.0

    /// The tree over the VMs of a packing order: position p is a VM of type `typeOfPosition[p]`
    /// (0 ..< typeCount, every type used) whose demand in dimension k is `ordered[p·d + k]` (finite,
    /// ≥ 0), for hosts whose capacity in dimension k is at most `largestCapacity[k]`. Subtrees of
    /// `parallelThreshold` types or more are built concurrently (the tree is the same).
    init(ordered: UnsafeBufferPointer<Double>, typeOfPosition types: UnsafeBufferPointer<Int32>, typeCount: Int,
         dimensions: Int, largestCapacity: [Double], parallelThreshold: Int = .max) {
        let d = dimensions, n = types.count, t = typeCount
        precondition(d >= 1 && n < Int(Int32.max) / 8 && t <= n && ordered.count == n * d)
        self.d = d
        self.typeCount = t
        positionCount = n
        innerStride = 64 + 32 * d
        leafStride = (32 + 16 * d + 63) / 64 * 64
        // Types: their positions (ascending) and demands, from their first positions.
        demand = .allocate(capacity: Swift.max(1, t * d))
        positionList = .allocate(capacity: Swift.max(1, n))
        typeOfPosition = .allocate(capacity: Swift.max(1, n))
        head = .allocate(capacity: Swift.max(1, t))
        end = .allocate(capacity: Swift.max(1, t))
        end.initialize(repeating: 0, count: Swift.max(1, t))
        head.initialize(repeating: 0, count: Swift.max(1, t))
        if n > 0 { typeOfPosition.initialize(from: types.baseAddress!, count: n) }
        for p in 0..<n { end[Int(types[p])] += 1 }
        var start: Int32 = 0
        for type in 0..<t { let c = end[type]; head[type] = start; end[type] = start; start += c }
        for p in 0..<n {
            let type = Int(types[p])
            if end[type] == head[type] { for k in 0..<d { demand[type * d + k] = ordered[p * d + k] } }
            positionList[Int(end[type])] = Int32(p)
            end[type] += 1
        }
        factor = .allocate(capacity: d)
        for k in 0..<d {
            var largest = largestCapacity[k] * (1 + 1e-6) + 1e-6
            for type in 0..<t { largest = Swift.max(largest, demand[type * d + k]) }
            factor[k] = DemandBoxTree.steps / largest
        }
        let counts = DemandBoxTree.counts(for: t)
        innerCount = counts.inner
        leafCount = counts.leaves
        inner = .allocate(byteCount: Swift.max(1, innerCount) * innerStride, alignment: 64)
        leaves = .allocate(byteCount: Swift.max(1, leafCount) * leafStride, alignment: 64)
        leafTypes = .allocate(capacity: Swift.max(1, leafCount * 8))
        leafTypes.initialize(repeating: -1, count: Swift.max(1, leafCount * 8))
        innerParent = .allocate(capacity: Swift.max(1, innerCount))
        leafParent = .allocate(capacity: Swift.max(1, leafCount))
        slotOfType = .allocate(capacity: Swift.max(1, t))
        stack = .allocate(capacity: 2 * 8 * 32)
        high = .allocate(capacity: d)
        low = .allocate(capacity: d)
        leafLow = .allocate(capacity: d)
        high.initialize(repeating: SIMD8(repeating: 0), count: d)
        low.initialize(repeating: SIMD8(repeating: 0), count: d)
        leafLow.initialize(repeating: SIMD8(repeating: 0), count: d)
        if t > 0 { build(parallelThreshold: parallelThreshold) }
    }

    deinit {
        factor.deallocate(); inner.deallocate(); leaves.deallocate(); leafTypes.deallocate()
        innerParent.deallocate(); leafParent.deallocate(); slotOfType.deallocate(); demand.deallocate()
        positionList.deallocate(); head.deallocate(); end.deallocate(); typeOfPosition.deallocate()
        stack.deallocate(); high.deallocate(); low.deallocate(); leafLow.deallocate()
    }

    /// Earliest position of type t still to place (Int32.max: none).
    @inline(__always) private func earliest(_ t: Int) -> Int32 {
        head[t] < end[t] ? positionList[Int(head[t])] : .max
    }

    // MARK: queries

    /// Sets the query bounds for a host with `load` and load limit `limit` (capacity + tolerance),
    /// d values each.
    @inline(__always)
    func setHost(load: UnsafePointer<Double>, limit: UnsafePointer<Double>) {
        for k in 0..<d {
            // Residuals are ≥ 0 up to rounding and at most capacity + tolerance, below the scale.
            let r = (limit[k] - load[k]) * factor[k]
            let up = Swift.min(32_001, Swift.max(-1, DemandBoxTree.ceiling(r) + 1))
            let down = Swift.min(31_999, Swift.max(-2, DemandBoxTree.floor(r) - 1))
            high[k] = SIMD8(repeating: Int16(up))
            low[k] = SIMD8(repeating: Int16(down))
            leafLow[k] = SIMD8(repeating: Int16(Swift.max(0, down - 3)))
        }
    }

    /// Earliest position (and its type) whose VM fits the host of the last
    /// ``setHost(load:limit:)`` — load + demand ≤ limit in every dimension —, or nil.
    func first(load: UnsafePointer<Double>, limit: UnsafePointer<Double>) -> (position: Int, type: Int)? {
        guard typeCount > 0 else { return nil }
        let d = d, inner = inner, innerStride = innerStride, leaves = leaves, leafStride = leafStride
        let stack = stack, high = high, low = low, leafLow = leafLow
        let weights = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
        let weights16 = SIMD8<Int16>(1, 2, 4, 8, 16, 32, 64, 128)
        var best = Int32.max, bestType = -1
        var top = 1
        stack[0] = innerCount > 0 ? 0 : ~0
        stack[1] = 0
        while top > 0 {
            top &-= 1
            if stack[2 &* top &+ 1] >= best { continue }
            let code = stack[2 &* top]
            // A leaf's minima follow its earliest positions, and its lanes fit for sure when
            // their minima are below `leafLow`; an inner node's follow its children, and its
            // lanes fit whole when their maxima are below `low`.
            let leaf = code < 0
            let b = leaf ? leaves + Int(~code) &* leafStride : inner + Int(code) &* innerStride
            let minima = leaf ? 32 : 64
            let sure = leaf ? 32 : 64 &+ d &* 16
            let bound = leaf ? leafLow : low
            let lowest = b.load(as: SIMD8<Int32>.self)
            // Lane masks as 0 / −1 from integer arithmetic (vector compares of integers are not
            // lowered to vector instructions here): x − y < 0 ⇔ x < y, and no operand overflows.
            var outside = SIMD8<Int16>(repeating: 0), inside = SIMD8<Int16>(repeating: -1)
            var k = 0
            while k < d {
                outside |= (high[k] &- b.load(fromByteOffset: minima &+ k &* 16, as: SIMD8<Int16>.self)) &>> 15
                inside &= (b.load(fromByteOffset: sure &+ k &* 16, as: SIMD8<Int16>.self) &- bound[k]) &>> 15
                k &+= 1
            }
            let early = UInt32(truncatingIfNeeded: (((lowest &- SIMD8(repeating: best)) &>> 31) & weights).wrappedSum())
            var open = early & ~UInt32(truncatingIfNeeded: Int32((outside & weights16).wrappedSum())) & 0xFF
            if open == 0 { continue }
            let insideBits = UInt32(truncatingIfNeeded: Int32((inside & weights16).wrappedSum()))
            // Lanes that fit whole: the earliest of them bounds the others.
            var whole = open & insideBits
            while whole != 0 {
                let lane = whole.trailingZeroBitCount
                whole &= whole &- 1
                let p = b.load(fromByteOffset: lane &* 4, as: Int32.self)
                if p < best { best = p; bestType = -1 }
            }
            open &= ~insideBits
            if leaf {
                // Lanes the rounding leaves open: the exact test.
                while open != 0 {
                    let lane = open.trailingZeroBitCount
                    open &= open &- 1
                    let p = b.load(fromByteOffset: lane &* 4, as: Int32.self)
                    guard p < best else { continue }
                    let t = Int(leafTypes[Int(~code) &* 8 &+ lane])
                    if fits(t, load, limit) { best = p; bestType = t }
                }
                continue
            }
            // The other open lanes onto the stack, the earliest on top.
            let base = top
            while open != 0 {
                let lane = open.trailingZeroBitCount
                open &= open &- 1
                let p = b.load(fromByteOffset: lane &* 4, as: Int32.self)
                guard p < best else { continue }
                let child = b.load(fromByteOffset: 32 &+ lane &* 4, as: Int32.self)
                var q = top
                while q > base && stack[2 &* (q &- 1) &+ 1] < p {
                    stack[2 &* q] = stack[2 &* (q &- 1)]
                    stack[2 &* q &+ 1] = stack[2 &* (q &- 1) &+ 1]
                    q &-= 1
                }
                stack[2 &* q] = child
                stack[2 &* q &+ 1] = p
                top &+= 1
            }
        }
        guard best != .max else { return nil }
        return (Int(best), bestType >= 0 ? bestType : Int(typeOfPosition[Int(best)]))
    }

    @inline(__always) private func fits(_ t: Int, _ load: UnsafePointer<Double>, _ limit: UnsafePointer<Double>) -> Bool {
        let base = t &* d
        var k = 0
        while k < d {
            if load[k] + demand[base &+ k] > limit[k] { return false }
            k &+= 1
        }
        return true
    }

    /// The earliest VM of type `t` is placed: the type's next VM (if any) becomes its earliest.
    func remove(type t: Int) {
        precondition(head[t] < end[t], "DemandBoxTree: a type with no VM left")
        head[t] += 1
        let next = earliest(t)
        let slot = Int(slotOfType[t])
        var record = leaves + (slot >> 3) * leafStride
        record.storeBytes(of: next, toByteOffset: (slot & 7) * 4, as: Int32.self)
        if next == .max {
            for k in 0..<d { record.storeBytes(of: Int16.max, toByteOffset: 32 + k * 16 + (slot & 7) * 2, as: Int16.self) }
        }
        var parent = Int(leafParent[slot >> 3])
        while parent >= 0 {
            let lowest = record.load(as: SIMD8<Int32>.self).min()
            record = inner + (parent >> 3) * innerStride
            let offset = (parent & 7) * 4
            guard record.load(fromByteOffset: offset, as: Int32.self) != lowest else { return }
            record.storeBytes(of: lowest, toByteOffset: offset, as: Int32.self)
            parent = Int(innerParent[parent >> 3])
        }
    }

    /// ⌊x⌋ and ⌈x⌉ for |x| < 2⁶² (no call into the maths library, which rounding needs without
    /// SSE 4.1).
    @inline(__always) private static func floor(_ x: Double) -> Int {
        let i = Int(x)
        return Double(i) > x ? i - 1 : i
    }
    @inline(__always) private static func ceiling(_ x: Double) -> Int {
        let i = Int(x)
        return Double(i) < x ? i + 1 : i
    }

    // MARK: checking

    /// What is wrong with the tree's structure (empty when nothing): every type in exactly one
    /// leaf lane (`slotOfType` agreeing), leaf lanes holding their type's earliest position and
    /// rounded-down minimum (or the empty values once the type is placed), every inner lane the
    /// earliest position of its child and a box around it, parents agreeing. For tests.
    func structuralProblems() -> [String] {
        var problems: [String] = []
        var seen = [Int](repeating: 0, count: typeCount)
        func earliestOf(_ code: Int32) -> Int32 {
            code < 0 ? (leaves + Int(~code) * leafStride).load(as: SIMD8<Int32>.self).min()
                : (inner + Int(code) * innerStride).load(as: SIMD8<Int32>.self).min()
        }
        for leaf in 0..<leafCount {
            let record = leaves + leaf * leafStride
            for lane in 0..<8 {
                let type = Int(leafTypes[leaf * 8 + lane])
                let earliestLane = record.load(fromByteOffset: lane * 4, as: Int32.self)
                guard type >= 0 else {
                    if earliestLane != .max { problems.append("leaf \(leaf) lane \(lane): empty with a position") }
                    continue
                }
                seen[type] += 1
                if Int(slotOfType[type]) != leaf * 8 + lane { problems.append("type \(type): slot \(slotOfType[type]), found at \(leaf * 8 + lane)") }
                if earliestLane != earliest(type) { problems.append("type \(type): earliest \(earliestLane), expected \(earliest(type))") }
                for k in 0..<d {
                    let minimum = record.load(fromByteOffset: 32 + k * 16 + lane * 2, as: Int16.self)
                    if earliest(type) == .max { if minimum != .max { problems.append("type \(type): placed but minimum \(minimum)") }; continue }
                    if Double(minimum) > demand[type * d + k] * factor[k] { problems.append("type \(type): minimum \(minimum) above its demand") }
                }
            }
            let parent = Int(leafParent[leaf])
            if parent >= 0 {
                let code = (inner + (parent >> 3) * innerStride).load(fromByteOffset: 32 + (parent & 7) * 4, as: Int32.self)
                if code != ~Int32(leaf) { problems.append("leaf \(leaf): parent slot \(parent) holds \(code)") }
            } else if innerCount > 0 || leaf > 0 {
                problems.append("leaf \(leaf): no parent")
            }
        }
        for type in 0..<typeCount where seen[type] != 1 { problems.append("type \(type): in \(seen[type]) leaf lanes") }
        for i in 0..<innerCount {
            let record = inner + i * innerStride
            let parent = Int(innerParent[i])
            if (parent < 0) != (i == 0) { problems.append("inner \(i): parent \(parent)") }
            for lane in 0..<8 {
                let code = record.load(fromByteOffset: 32 + lane * 4, as: Int32.self)
                guard code != .min else { continue }
                if record.load(fromByteOffset: lane * 4, as: Int32.self) != earliestOf(code) {
                    problems.append("inner \(i) lane \(lane): earliest is not its child's")
                }
                // The child's box (a leaf: its types' demands) inside the lane's.
                for k in 0..<d {
                    let minimum = record.load(fromByteOffset: 64 + k * 16 + lane * 2, as: Int16.self)
                    let maximum = record.load(fromByteOffset: 64 + (d + k) * 16 + lane * 2, as: Int16.self)
                    if code < 0 {
                        for j in 0..<8 {
                            let type = Int(leafTypes[Int(~code) * 8 + j])
                            guard type >= 0 else { continue }
                            let x = demand[type * d + k] * factor[k]
                            if Double(minimum) > x || Double(maximum) < x { problems.append("inner \(i) lane \(lane): type \(type) outside the box") }
                        }
                    } else {
                        let child = inner + Int(code) * innerStride
                        for j in 0..<8 where child.load(fromByteOffset: 32 + j * 4, as: Int32.self) != .min {
                            if child.load(fromByteOffset: 64 + k * 16 + j * 2, as: Int16.self) < minimum
                                || child.load(fromByteOffset: 64 + (d + k) * 16 + j * 2, as: Int16.self) > maximum {
                                problems.append("inner \(i) lane \(lane): child box outside")
                            }
                        }
                    }
                }
                if code >= 0 && Int(innerParent[Int(code)]) != i * 8 + lane { problems.append("inner \(code): parent slot \(innerParent[Int(code)])") }
            }
        }
        return problems
    }

    // MARK: building

    /// Inner nodes and leaves of a tree over s types: a leaf for up to 8; else an inner node over
    /// groups of `unit` types (the last smaller), unit = 8ʲ⁺¹ the largest that needs ≤ 8 groups.
    static func counts(for s: Int) -> (inner: Int, leaves: Int) {
        guard s > 8 else { return (0, s > 0 ? 1 : 0) }
        let unit = self.unit(for: s)
        let whole = counts(for: unit), rest = counts(for: s % unit)
        return (1 + (s / unit) * whole.inner + rest.inner, (s / unit) * whole.leaves + rest.leaves)
    }

    private static func unit(for s: Int) -> Int {
        var unit = 8
        while unit * 8 < s { unit *= 8 }
        return unit
    }

    private func build(parallelThreshold: Int) {
        let t = typeCount, d = d, n = positionCount
        // Quantised minima of every type, dimension after dimension, then the maxima, then the
        // earliest positions on the same scale (a split key, not a box).
        var quantised = [Int16](repeating: 0, count: (2 * d + 1) * t)
        quantised.withUnsafeMutableBufferPointer { q in
            for type in 0..<t { q[2 * d * t + type] = Int16(Double(positionList[Int(head[type])]) / Double(n) * DemandBoxTree.steps) }
            for type in 0..<t {
                for k in 0..<d {
                    let x = demand[type * d + k] * factor[k]
                    q[k * t + type] = Int16(Swift.min(32_001, Swift.max(0, DemandBoxTree.floor(x) - 1)))
                    q[(d + k) * t + type] = Int16(Swift.min(32_002, Swift.max(0, DemandBoxTree.ceiling(x) + 1)))
                }
            }
        }
        let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: t)
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: t)
        defer { keys.deallocate(); scratch.deallocate() }
        for type in 0..<t { keys[type] = UInt64(type) }
        quantised.withUnsafeBufferPointer { q in
            let context = BuildContext(tree: self, quantised: q, keys: keys, scratch: scratch, parallelThreshold: parallelThreshold)
            if t <= 8 {
                context.buildLeaf(0, t, leaf: 0, parentSlot: -1)
            } else {
                context.buildInner(0, t, node: 0, innerNext: 1, leafNext: 0, parentSlot: -1)
            }
        }
    }

    /// What the build shares between threads (each subtree writes only its own nodes, leaves and
    /// key range).
    private struct BuildContext: @unchecked Sendable {
        let tree: DemandBoxTree
        /// Minima of type t in dimension k at k·t + type; maxima at (d + k)·t + type; earliest
        /// positions at 2d·t + type.
        let quantised: UnsafeBufferPointer<Int16>
        /// The types being grouped (low 32 bits; high bits: the partition key).
        let keys: UnsafeMutableBufferPointer<UInt64>
        let scratch: UnsafeMutableBufferPointer<UInt64>
        let parallelThreshold: Int

        func buildLeaf(_ lo: Int, _ hi: Int, leaf: Int, parentSlot slot: Int32) {
            let tree = tree, d = tree.d, t = tree.typeCount
            tree.leafParent[leaf] = slot
            let record = tree.leaves + leaf * tree.leafStride
            record.storeBytes(of: SIMD8<Int32>(repeating: .max), as: SIMD8<Int32>.self)
            for k in 0..<d { record.storeBytes(of: SIMD8<Int16>(repeating: .max), toByteOffset: 32 + k * 16, as: SIMD8<Int16>.self) }
            for lane in 0..<(hi - lo) {
                let type = Int(keys[lo + lane] & 0xFFFF_FFFF)
                tree.leafTypes[leaf * 8 + lane] = Int32(type)
                tree.slotOfType[type] = Int32(leaf * 8 + lane)
                record.storeBytes(of: tree.earliest(type), toByteOffset: lane * 4, as: Int32.self)
                for k in 0..<d { record.storeBytes(of: quantised[k * t + type], toByteOffset: 32 + k * 16 + lane * 2, as: Int16.self) }
            }
        }

        /// Inner node i over the types of keys[lo..<hi] (more than 8): its inner children take
        /// indices from `innerNext` on and its leaf children from `leafNext` on, then each inner
        /// child's descendants follow in turn (a subtree of s types has `counts(for: s)` of each,
        /// so the numbering does not depend on the order of building).
        func buildInner(_ lo: Int, _ hi: Int, node i: Int, innerNext: Int, leafNext: Int, parentSlot slot: Int32) {
            let tree = tree, d = tree.d, t = tree.typeCount
            tree.innerParent[i] = slot
            let unit = DemandBoxTree.unit(for: hi - lo)
            partition(lo, hi, unit: unit)
            let count = (hi - lo + unit - 1) / unit
            // Child `lane` holds the types of keys[children[lane]].
            let children = (0..<count).map { lane in (lo + lane * unit)..<Swift.min(hi, lo + (lane + 1) * unit) }
            var codes = [Int32](repeating: 0, count: count)
            var descendants = [(inner: Int, leaf: Int)](repeating: (0, 0), count: count)
            var nextInner = innerNext, nextLeaf = leafNext
            for lane in 0..<count {
                if children[lane].count <= 8 { codes[lane] = ~Int32(nextLeaf); nextLeaf += 1 } else { codes[lane] = Int32(nextInner); nextInner += 1 }
            }
            for lane in 0..<count where codes[lane] >= 0 {
                let c = DemandBoxTree.counts(for: children[lane].count)
                descendants[lane] = (nextInner, nextLeaf)
                nextInner += c.inner - 1
                nextLeaf += c.leaves
            }
            let childCodes = codes, starts = descendants, context = self
            let buildChild: @Sendable (Int) -> Void = { lane in
                let range = children[lane], code = childCodes[lane]
                if code < 0 {
                    context.buildLeaf(range.lowerBound, range.upperBound, leaf: Int(~code), parentSlot: Int32(i * 8 + lane))
                } else {
                    context.buildInner(range.lowerBound, range.upperBound, node: Int(code),
                                       innerNext: starts[lane].inner, leafNext: starts[lane].leaf,
                                       parentSlot: Int32(i * 8 + lane))
                }
            }
            if hi - lo >= parallelThreshold {
                DispatchQueue.concurrentPerform(iterations: count, execute: buildChild)
            } else {
                for lane in 0..<count { buildChild(lane) }
            }
            let record = tree.inner + i * tree.innerStride
            record.storeBytes(of: SIMD8<Int32>(repeating: .max), as: SIMD8<Int32>.self)
            record.storeBytes(of: SIMD8<Int32>(repeating: .min), toByteOffset: 32, as: SIMD8<Int32>.self)
            for k in 0..<d {
                record.storeBytes(of: SIMD8<Int16>(repeating: .max), toByteOffset: 64 + k * 16, as: SIMD8<Int16>.self)
                record.storeBytes(of: SIMD8<Int16>(repeating: -1), toByteOffset: 64 + (d + k) * 16, as: SIMD8<Int16>.self)
            }
            for lane in 0..<count {
                let code = codes[lane]
                record.storeBytes(of: code, toByteOffset: 32 + lane * 4, as: Int32.self)
                let child = code < 0 ? tree.leaves + Int(~code) * tree.leafStride : tree.inner + Int(code) * tree.innerStride
                record.storeBytes(of: child.load(as: SIMD8<Int32>.self).min(), toByteOffset: lane * 4, as: Int32.self)
                for k in 0..<d {
                    var minimum = Int16.max, maximum = Int16(-1)
                    if code < 0 {
                        // A leaf's box, from its types.
                        for p in children[lane] {
                            let type = Int(keys[p] & 0xFFFF_FFFF)
                            minimum = Swift.min(minimum, quantised[k * t + type])
                            maximum = Swift.max(maximum, quantised[(d + k) * t + type])
                        }
                    } else {
                        minimum = child.load(fromByteOffset: 64 + k * 16, as: SIMD8<Int16>.self).min()
                        maximum = child.load(fromByteOffset: 64 + (d + k) * 16, as: SIMD8<Int16>.self).max()
                    }
                    record.storeBytes(of: minimum, toByteOffset: 64 + k * 16 + lane * 2, as: Int16.self)
                    record.storeBytes(of: maximum, toByteOffset: 64 + (d + k) * 16 + lane * 2, as: Int16.self)
                }
            }
        }

        /// Orders keys[lo..<hi] by k-d splits (the dimension of largest spread of the quantised
        /// minima and earliest positions, from at most 64 evenly spaced types; the first part
        /// gets half the units, rounded up) until every part holds at most `unit` types.
        private func partition(_ lo: Int, _ hi: Int, unit: Int) {
            guard hi - lo > unit else { return }
            let d = tree.d, t = tree.typeCount
            let step = Swift.max(1, (hi - lo) / 64)
            // Key k: the minima in dimension k (k < d) or the earliest positions (k == d, stored
            // at block 2d).
            var widest = 0, spread = -1
            for k in 0...d {
                let block = k < d ? k : 2 * d
                var a = Int.max, b = Int.min
                for p in Swift.stride(from: lo, to: hi, by: step) {
                    let x = Int(quantised[block * t + Int(keys[p] & 0xFFFF_FFFF)])
                    a = Swift.min(a, x); b = Swift.max(b, x)
                }
                if b - a > spread { spread = b - a; widest = block }
            }
            for p in lo..<hi {
                let type = keys[p] & 0xFFFF_FFFF
                keys[p] = UInt64(UInt16(bitPattern: quantised[widest * t + Int(type)])) << 32 | type
            }
            let mid = lo + (((hi - lo + unit - 1) / unit + 1) / 2) * unit
            select(lo, hi, mid)
            partition(lo, mid, unit: unit)
            partition(mid, hi, unit: unit)
        }

        /// Quickselect: keys[nth] in its sorted place, nothing greater before it, nothing smaller
        /// after (keys are distinct). Partitions around a median of three, out of place through
        /// `scratch[lo..<hi]` without branches (each key written at both ends, one end advanced).
        private func select(_ lo: Int, _ hi: Int, _ nth: Int) {
            let keys = keys, scratch = scratch
            var lo = lo, hi = hi - 1
            while hi - lo > 16 {
                let mid = (lo + hi) / 2
                let a = keys[lo], b = keys[mid], c = keys[hi]
                let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
                var left = lo, right = hi
                for p in lo...hi {
                    let x = keys[p]
                    scratch[left] = x
                    scratch[right] = x
                    // −1 when x < pivot, else 0 (keys are below 2⁶³).
                    let less = Int(bitPattern: UInt(x &- pivot)) &>> 63
                    left &-= less
                    right &-= 1 &+ less
                }
                for p in lo...hi { keys[p] = scratch[p] }
                // Keys below the pivot at lo ..< left; the pivot is the least of the others.
                if nth < left {
                    hi = left - 1
                } else {
                    var at = left
                    while keys[at] != pivot { at += 1 }
                    keys.swapAt(left, at)
                    if nth == left { return }
                    lo = left + 1
                }
            }
            if hi > lo {
                for p in (lo + 1)...hi {
                    let x = keys[p]
                    var q = p
                    while q > lo && keys[q - 1] > x { keys[q] = keys[q - 1]; q -= 1 }
                    keys[q] = x
                }
            }
        }
    }
}
