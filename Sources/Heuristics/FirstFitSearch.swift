import Dispatch
import Foundation

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
/// * Merges of `parallelMergeSize` hosts or more (by default 1 024 when the process may use a second
///   core — ``AvailableCores`` —, else none) are built on another thread from a snapshot of the residuals, while the
///   two blocks stay searchable and keep changing; the finished tree takes their place at a
///   later seal, after refitting the hosts that changed since the snapshot and dropping those
///   closed. At most four such merges wait; then the oldest is waited for, so a busy machine
///   waits for merges rather than piling up blocks. With merges off this thread, blocks are
///   larger and merge eagerly (`blockSize` 256 and `mergeRatio` 32 by default, else 128 and 4).
///
/// A query asks the blocks in index order (a block whose lowest index is not below the best host
/// found is skipped), then the recent hosts, then the never-used ones. The structure changes only
/// how fast the answer is found, never the answer: the lowest index whose load plus the demand
/// stays within capacity + 1e-9·max(1, |capacity|) in every dimension — the capacity test of
/// ``PlacementChecker`` (``FirstFitReferenceTests`` and ``FirstFitSearchTests`` compare it with a
/// naive scan, with merges built here and on another thread). Same input, same answers, however
/// the threads are timed.
///
/// Logarithmic method: Bentley & Saxe, "Decomposable searching problems I: static-to-dynamic
/// transformation" (J. Algorithms, 1980).
///
/// - Complexity: O(m·d) to set up; per VM, O(d) per node opened in the blocks' trees (about 22
///   nodes of 8 lanes on the continuous benchmark of `heuristics-bench`, against ≈ 2 000 without
///   grouping) plus at most `blockSize` recent hosts; sealing and merging cost
///   O(m·log m·log(m / blockSize)) over a run, most of it on another thread when one is free.
final class FirstFitSearch {
    let d: Int
    let hostCount: Int
    let blockSize: Int
    let leafSize: Int
    /// The last two blocks merge while the last holds at least 1/mergeRatio of the hosts of the
    /// one before.
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
    // The mutable state below is marked `@exclusivity(unchecked)`: no access to it ever overlaps
    // another (a search is used by one thread; a merge on the other thread reads only its own
    // snapshot), and the run-time exclusivity checks cost ≈ 3 % of first fit at scale.
    @exclusivity(unchecked) private var closed: [Bool]
    /// With `grouping`, the never-used hosts (their residual is their capacity, where the tree
    /// prunes exactly); without, every host.
    @exclusivity(unchecked) private var indexTree: ResidualTree
    /// Used hosts not yet sealed in a block, ascending; `isRecent[h]` says whether h is one.
    @exclusivity(unchecked) private var recentHosts: [Int] = []
    @exclusivity(unchecked) private var isRecent: [Bool]
    /// Rounded-up residuals of the recent hosts, 8 hosts a group: lane j % 8 of vector
    /// (j / 8)·d + k is recentHosts[j]'s in dimension k (−∞ past the last host).
    @exclusivity(unchecked) private var recentLanes: [SIMD8<Float>] = []
    @exclusivity(unchecked) private var scratch: [Double]
    /// Whether a host has received a VM (kept with `grouping` only); every usable host below
    /// `lowestUnused` has.
    @exclusivity(unchecked) private var isUsed: [Bool]
    @exclusivity(unchecked) private var lowestUnused = 0
    /// The blocks, oldest first.
    @exclusivity(unchecked) private var blocks: [ResidualBoxTree] = []
    /// Every block by its number; `blockOf[h]` is host h's block number (−1: in none).
    @exclusivity(unchecked) private var blockByNumber: [ResidualBoxTree?] = []
    @exclusivity(unchecked) private var blockOf: [Int]
    /// Merges of at least this many hosts are built on another thread (Int.max: never).
    let parallelMergeSize: Int
    /// Tests: merges built on another thread are taken at the next seal, waiting for them if need
    /// be (the moment they are taken no longer depends on timing).
    let waitsForMerges: Bool
    /// Merges being built on another thread, oldest first (disjoint pairs of adjacent blocks).
    @exclusivity(unchecked) private var pendingMerges: [PendingMerge] = []
    /// At most this many merges wait on the other thread; then the oldest is waited for (a busy
    /// machine gets the sequential behaviour, never an unbounded number of blocks).
    private let maximumPendingMerges = 4
    private lazy var mergeQueue = DispatchQueue(label: "vmplace.first-fit-search.merges", qos: .userInitiated)
    /// Leaf slot (leaf·8 + lane) of each host in its block's tree.
    private let leafOf: UnsafeMutableBufferPointer<Int>
    private let need: UnsafeMutableBufferPointer<Double>
    private let loose: UnsafeMutableBufferPointer<Double>
    /// The query's lower bound on a fitting host's residual rounded down, and the demand rounded
    /// up, per dimension in all 8 lanes (for the blocks and the recent hosts).
    private let lowLanes: UnsafeMutablePointer<SIMD8<Float>>
    private let highLanes: UnsafeMutablePointer<SIMD8<Float>>

    /// `capacity` holds host h's capacity in dimension k at h·d + k; hosts with `usable[h] ==
    /// false` (maintenance) never receive anything.
    init(capacity: [Double], dimensions: Int, usable: [Bool], grouping: Bool = true,
         blockSize: Int? = nil, mergeRatio: Int? = nil, leafSize: Int = 8,
         parallelMergeSize: Int? = nil, waitsForMerges: Bool = false) {
        d = dimensions
        // With a second core, merges of 1 024 hosts or more are built there, and blocks are sealed
        // at 256 hosts and merge eagerly (fewer blocks to search; the rebuilding is off this
        // thread, and a merge waiting there cannot merge again); measured best of the settings
        // tried (heuristics-bench --speed). Alone: 128 hosts, merging at 1/4.
        let parallel = AvailableCores.count > 1
        self.parallelMergeSize = parallelMergeSize ?? (parallel ? 1_024 : .max)
        self.waitsForMerges = waitsForMerges
        self.mergeRatio = Swift.max(1, mergeRatio ?? (parallel ? 32 : 4))
        // Block trees keep host indices in 32 bits.
        self.grouping = grouping && usable.count < Int(Int32.max)
        hostCount = usable.count
        self.blockSize = Swift.max(1, blockSize ?? (parallel ? 256 : 128))
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
        scratch = Array(repeating: 0, count: dimensions)
        isUsed = Array(repeating: false, count: hostCount)
        indexTree = ResidualTree(residual: capacity, dimensions: d, usable: usable)
        leafOf = .allocate(capacity: Swift.max(1, hostCount))
        leafOf.initialize(repeating: -1)
        need = .allocate(capacity: Swift.max(1, d))
        loose = .allocate(capacity: Swift.max(1, d))
        need.initialize(repeating: 0)
        loose.initialize(repeating: 0)
        lowLanes = .allocate(capacity: Swift.max(1, d))
        highLanes = .allocate(capacity: Swift.max(1, d))
        lowLanes.initialize(repeating: SIMD8(repeating: -.infinity), count: Swift.max(1, d))
        highLanes.initialize(repeating: SIMD8(repeating: -.infinity), count: Swift.max(1, d))
    }

    deinit {
        for buffer in [limit, load, residual, need, loose] { buffer.deallocate() }
        leafOf.deallocate()
        lowLanes.deallocate()
        highLanes.deallocate()
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
        var best = Int.max
        if grouping {
            ResidualBoxTree.vectors(need: need, loose: loose, dimensions: d, low: lowLanes, high: highLanes)
            // Blocks hold ascending index ranges unless a host skipped earlier (heterogeneous
            // capacities) is used late: the ranges are checked, not assumed.
            for block in blocks where block.range.upperBound > from && block.range.lowerBound < best {
                if let h = block.lowest(need: need, low: lowLanes, high: highLanes, below: best) { best = h }
            }
        }
        // The recent hosts, 8 at a time: lanes whose residual misses the demand are skipped, the
        // others tested exactly in index order.
        let d = d, lowLanes = lowLanes
        let weights = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
        recentHosts.withUnsafeBufferPointer { hosts in
            recentLanes.withUnsafeBufferPointer { lanes in
                var g = 0
                scan: while g * 8 < hosts.count {
                    let first = g * 8
                    defer { g += 1 }
                    if hosts[first] >= best { break }
                    if hosts[Swift.min(first + 7, hosts.count - 1)] < from { continue }
                    var outside = lanes[g * d] .< lowLanes[0]
                    var k = 1
                    while k < d { outside .|= lanes[g * d + k] .< lowLanes[k]; k += 1 }
                    var bits = UInt32(truncatingIfNeeded: SIMD8<Int32>(repeating: 0).replacing(with: weights, where: .!outside).wrappedSum())
                    while bits != 0 {
                        // Lanes past the last host hold −∞, which a query bound of −∞ (residuals
                        // beyond single precision) does not exclude.
                        let j = first + bits.trailingZeroBitCount
                        if j >= hosts.count { break scan }
                        let h = hosts[j]
                        bits &= bits &- 1
                        if h >= best { break scan }
                        if h >= from && fits(h) { best = h; break scan }
                    }
                }
            }
        }
        // The index tree (never-used hosts, or every host without grouping) only matters below
        // the best host found, or when none is.
        while lowestUnused < hostCount && (!usable[lowestUnused] || isUsed[lowestUnused]) { lowestUnused += 1 }
        if best <= lowestUnused { return best == Int.max ? nil : best }
        // The lowest never-used host first (it takes most new demands when hosts are alike).
        if from <= lowestUnused && lowestUnused < hostCount && fits(lowestUnused) { return lowestUnused }
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
            blockByNumber[blockOf[h]]!.refit(slot: leafOf[h])
        } else if isRecent[h] {
            setRecentLane(recentPosition(h))
        } else {
            // First VM on this host: from the never-used hosts to the recent ones.
            indexTree.disable(host: h)
            isUsed[h] = true
            isRecent[h] = true
            let j = recentPosition(h)
            recentHosts.insert(h, at: j)
            layOutRecentLanes(from: j)
            if recentHosts.count >= blockSize { seal() }
        }
    }

    /// Host `h` will receive nothing more: it leaves the search for good.
    func close(_ h: Int) {
        guard !closed[h] else { return }
        closed[h] = true
        isUsed[h] = true
        if blockOf[h] >= 0 {
            blockByNumber[blockOf[h]]!.remove(slot: leafOf[h])
            blockOf[h] = -1
        } else if isRecent[h] {
            let j = recentPosition(h)
            recentHosts.remove(at: j)
            layOutRecentLanes(from: j)
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
    private func setRecentLane(_ j: Int) {
        let h = recentHosts[j], g = j / 8, lane = j % 8, d = d, residual = residual
        recentLanes.withUnsafeMutableBytes { lanes in
            for k in 0..<d {
                lanes.storeBytes(of: ResidualBoxTree.roundedUp(residual[h * d + k]), toByteOffset: ((g * d + k) * 8 + lane) * 4, as: Float.self)
            }
        }
    }

    /// Lays the lanes out again from position j on (after an insertion or removal there; an
    /// append touches one lane).
    private func layOutRecentLanes(from j: Int) {
        let groups = (recentHosts.count + 7) / 8
        if recentLanes.count > groups * d { recentLanes.removeLast(recentLanes.count - groups * d) }
        while recentLanes.count < groups * d { recentLanes.append(SIMD8(repeating: -.infinity)) }
        if j == recentHosts.count - 1 { setRecentLane(j); return }
        for g in (j / 8)..<groups { for k in 0..<d { recentLanes[g * d + k] = SIMD8(repeating: -.infinity) } }
        for p in ((j / 8) * 8)..<recentHosts.count { setRecentLane(p) }
    }

    /// Seals the recent hosts into a new block, takes the finished merges, then merges the last
    /// two blocks while the last holds at least 1/mergeRatio of the hosts of the one before —
    /// here, or on another thread when they hold `parallelMergeSize` hosts or more.
    private func seal() {
        let hosts = recentHosts
        for h in hosts { isRecent[h] = false }
        recentHosts.removeAll(keepingCapacity: true)
        recentLanes.removeAll(keepingCapacity: true)
        blocks.append(register(tree(over: hosts), hosts: hosts))
        adoptMerges(waiting: waitsForMerges)
        while blocks.count >= 2 {
            let before = blocks[blocks.count - 2], last = blocks[blocks.count - 1]
            if isPending(before) || isPending(last) { break }
            guard last.size * mergeRatio >= before.size else { break }
            if before.size + last.size >= parallelMergeSize {
                startMerge(of: before, last)
                break
            }
            let hosts = (before.hosts + last.hosts).sorted()
            blockByNumber[before.number] = nil
            blockByNumber[last.number] = nil
            blocks.removeLast(2)
            blocks.append(register(tree(over: hosts), hosts: hosts))
        }
    }

    /// Gives `tree` a number and makes it the block of `hosts`.
    private func register(_ tree: ResidualBoxTree, hosts: [Int]) -> ResidualBoxTree {
        tree.number = blockByNumber.count
        blockByNumber.append(tree)
        for h in hosts { blockOf[h] = tree.number }
        return tree
    }

    private func isPending(_ block: ResidualBoxTree) -> Bool {
        pendingMerges.contains { $0.first === block || $0.second === block }
    }

    /// Residuals of `hosts` now, host after host.
    private func snapshot(of hosts: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: hosts.count * d)
        for (p, h) in hosts.enumerated() { for k in 0..<d { values[p * d + k] = residual[h * d + k] } }
        return values
    }

    /// A block over `hosts` (ascending), built here; their leaf slots recorded.
    private func tree(over hosts: [Int]) -> ResidualBoxTree {
        let tree = snapshot(of: hosts).withUnsafeBufferPointer { values in
            ResidualBoxTree(hosts: hosts, snapshot: values, dimensions: d, residual: residual, load: load, limit: limit, leafSize: leafSize)
        }
        for (p, h) in hosts.enumerated() { leafOf[h] = tree.slots[p] }
        return tree
    }

    /// Two adjacent blocks merged into one built on another thread from a snapshot of their
    /// hosts' residuals (the blocks stay searchable and keep changing meanwhile).
    private final class PendingMerge: @unchecked Sendable {
        let first: ResidualBoxTree, second: ResidualBoxTree
        /// Hosts and their residuals (host after host) when the merge started; ascending by host
        /// once built.
        var hosts: [Int]
        var snapshot: [Double]
        let group = DispatchGroup()
        /// Set by the building thread before it leaves `group`; read once `group` is done.
        var tree: ResidualBoxTree?
        // The live buffers the finished tree reads (never read while building).
        let residual, load, limit: UnsafeMutableBufferPointer<Double>
        let dimensions: Int, leafSize: Int

        init(first: ResidualBoxTree, second: ResidualBoxTree, hosts: [Int], snapshot: [Double],
             residual: UnsafeMutableBufferPointer<Double>, load: UnsafeMutableBufferPointer<Double>,
             limit: UnsafeMutableBufferPointer<Double>, dimensions: Int, leafSize: Int) {
            self.first = first; self.second = second
            self.hosts = hosts; self.snapshot = snapshot
            self.residual = residual; self.load = load; self.limit = limit
            self.dimensions = dimensions; self.leafSize = leafSize
        }

        /// Runs on the other thread: orders the hosts, then builds.
        func build() {
            let d = dimensions
            let order = hosts.indices.sorted { hosts[$0] < hosts[$1] }
            var sortedSnapshot = [Double](repeating: 0, count: snapshot.count)
            for (p, q) in order.enumerated() { for k in 0..<d { sortedSnapshot[p * d + k] = snapshot[q * d + k] } }
            hosts = order.map { hosts[$0] }
            snapshot = sortedSnapshot
            tree = snapshot.withUnsafeBufferPointer { values in
                ResidualBoxTree(hosts: hosts, snapshot: values, dimensions: d, residual: residual,
                                load: load, limit: limit, leafSize: leafSize)
            }
        }
    }

    private func startMerge(of first: ResidualBoxTree, _ second: ResidualBoxTree) {
        let hosts = first.hosts + second.hosts
        let job = PendingMerge(first: first, second: second, hosts: hosts, snapshot: snapshot(of: hosts), residual: residual,
                               load: load, limit: limit, dimensions: d, leafSize: leafSize)
        pendingMerges.append(job)
        mergeQueue.async(group: job.group) { job.build() }
        while pendingMerges.count > maximumPendingMerges { adopt(pendingMerges.removeFirst()) }
    }

    /// Takes every finished merge (every merge when `waiting`).
    private func adoptMerges(waiting: Bool) {
        var i = 0
        while i < pendingMerges.count {
            if waiting || pendingMerges[i].group.wait(timeout: .now()) == .success {
                adopt(pendingMerges.remove(at: i))
            } else {
                i += 1
            }
        }
    }

    /// Puts a merge in place of its two blocks (waiting for it to be built): hosts closed since
    /// the snapshot leave it, hosts whose residual changed are refitted.
    private func adopt(_ job: PendingMerge) {
        job.group.wait()
        guard let tree = job.tree, let index = blocks.firstIndex(where: { $0 === job.first }),
              index + 1 < blocks.count, blocks[index + 1] === job.second else { return }
        blockByNumber[job.first.number] = nil
        blockByNumber[job.second.number] = nil
        blocks.replaceSubrange(index...(index + 1), with: [register(tree, hosts: job.hosts.filter { !closed[$0] })])
        for (p, h) in job.hosts.enumerated() {
            let slot = tree.slots[p]
            if closed[h] { tree.remove(slot: slot); continue }
            leafOf[h] = slot
            for k in 0..<d where residual[h * d + k] != job.snapshot[p * d + k] { tree.refit(slot: slot); break }
        }
    }
}

