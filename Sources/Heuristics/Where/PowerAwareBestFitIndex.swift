/// PABFD's destination query (``PowerAwareBestFit``) answered from an index of the candidate
/// hosts instead of a scan of all of them, with exactly the scan's answer: the least
/// (power increase, host index) among the candidates that pass every test.
///
/// Hosts are grouped by kind: same CPU capacity C and same power curve, piecewise linear
/// between the utilisations 0, 0.1, …, 1 (SPECpower's 11 points, or a linear model). For a VM of
/// CPU demand d, the increase of a host of a kind at utilisation u is
/// f(u) = P(min(1, u + d/C)) − P(min(1, u)), linear between the breakpoints k/10 and k/10 − d/C.
/// Within a kind, the hosts whose CPU load is exactly 0 form one group in index order (they share
/// one increase), the others sit in buckets of utilisation. A best-first search over the linear
/// pieces — each keyed by the least f over its unvisited buckets, less a margin far above
/// floating-point rounding — evaluates the hosts of one bucket at a time with the scan's own
/// arithmetic and runs the tests on exactly evaluated hosts in (increase, index) order; a host
/// comes out only when no piece can still hold a smaller one, so the first host that passes is
/// the scan's answer.
///
/// Hosts of one kind must have equal capacity and equal power curve (the caller's grouping), the
/// queries' power function must be ``tenthsWatts(_:first:utilisation:)`` on the curves the index
/// was built with, and the index must hold each member's current CPU load
/// (``update(host:load:)`` after every move): it evaluates increases from its own copies, in
/// the order it stores them (no access per host to the instance or the packing state).
///
/// Beloglazov & Buyya, CCPE 24(13), 2012, Algorithm 1 (PABFD); the search is a best-first
/// (branch-and-bound) enumeration over a bucketed index of the hosts.
///
/// - Complexity: O(M + K·B) to reset for M hosts, K kinds and B buckets; O(1) per update; per
///   query O(K·p·log(K·p)) for the p ≤ 21 pieces of a kind, plus O(log q) per bucket visited and
///   per host evaluated (q: entries queued) — the hosts of the buckets whose lower bound is at or
///   under the answer's increase, instead of every candidate. Hosts whose increases tie with the
///   answer's up to rounding (one flat segment of a curve, or segments of equal slope) are all
///   evaluated: which of them wins is decided by the rounding, as in the scan.
public final class PowerAwareBestFitIndex {
    // Stored state without dynamic exclusivity checks: the index is used from one thread at a
    // time and never hands out references into its arrays.

    /// Hosts covered (indices 0..<hostCount).
    public let hostCount: Int
    let kindOf: [Int]
    let kindCapacity: [Double]
    /// Each kind's power at utilisation k/10, k = 0…10 (kind k at `kindCurves[11 k ..< 11 k + 11]`),
    /// and a margin above the rounding of f.
    let kindCurves: [Double]
    let kindMargin: [Double]
    /// A host of each kind (kinds are asked about through it).
    let kindRepresentative: [Int]
    let bucketCount: Int
    /// Member hosts with CPU load ≠ 0, bucket j of kind k at `buckets[k * (bucketCount + 1) + j]`
    /// (the last bucket: utilisation ≥ 1), and their loads in the same order.
    @exclusivity(unchecked) var buckets: [[Int]]
    @exclusivity(unchecked) var bucketLoads: [[Double]]
    /// The query that last evaluated each bucket (a bucket two pieces share is evaluated once).
    @exclusivity(unchecked) var bucketVisit: [Int]
    /// Members per bucket (so a piece skips empty buckets without queueing them).
    @exclusivity(unchecked) var bucketSize: [Int]
    @exclusivity(unchecked) var bucketOf: [Int]
    @exclusivity(unchecked) var slotOf: [Int]
    /// Member hosts with CPU load exactly 0, per kind.
    @exclusivity(unchecked) var zeroLoad: [HostBitset]
    @exclusivity(unchecked) var isMember: [Bool]
    @exclusivity(unchecked) var query = 0
    @exclusivity(unchecked) var queue: [Entry] = []
    @exclusivity(unchecked) var pieces: [Piece] = []
    @exclusivity(unchecked) var breaks: [Double] = []

    struct Entry {
        var key: Double
        /// ≥ 0: a host (evaluated exactly); < 0: piece −1 − id.
        var id: Int
        /// The kind whose zero-load group this host represents, −1 for none.
        var group: Int
        @inline(__always) static func < (a: Entry, b: Entry) -> Bool { a.key < b.key || (a.key == b.key && a.id < b.id) }
    }

    struct Piece {
        var kind: Int
        /// The piece's utilisation range and the buckets not visited yet (first...last).
        var lower: Double
        var upper: Double
        var first: Int
        var last: Int
        var ascending: Bool
        var demandFraction: Double
    }

    /// - Parameters:
    ///   - capacities: each host's CPU capacity.
    ///   - kinds: any label per host; hosts with one label must have equal capacity and power.
    ///   - curves: each host's power at utilisation 0, 0.1, …, 1 (host h at `curves[11 h ..< 11 h + 11]`).
    /// - Returns: `nil` when a curve is not finite (the scan must answer).
    public init?(capacities: [Double], kinds: [Int], curves: [Double]) {
        precondition(capacities.count == kinds.count && curves.count == 11 * kinds.count)
        hostCount = capacities.count
        var dense: [Int: Int] = [:]
        var representative: [Int] = []
        kindOf = kinds.enumerated().map { host, label in
            if let k = dense[label] { return k }
            dense[label] = representative.count
            representative.append(host)
            return representative.count - 1
        }
        kindRepresentative = representative
        kindCapacity = representative.map { capacities[$0] }
        let ownCurves = representative.flatMap { host in curves[11 * host ..< 11 * host + 11] }
        guard ownCurves.allSatisfy(\.isFinite) else { return nil }
        kindCurves = ownCurves
        kindMargin = representative.indices.map { k in 1e-9 * (1 + (ownCurves[11 * k ..< 11 * k + 11].map(abs).max() ?? 0)) }
        bucketCount = min(1024, max(32, hostCount / 32))
        buckets = Array(repeating: [], count: representative.count * (bucketCount + 1))
        bucketLoads = Array(repeating: [], count: buckets.count)
        bucketVisit = Array(repeating: 0, count: buckets.count)
        bucketSize = Array(repeating: 0, count: buckets.count)
        bucketOf = Array(repeating: -1, count: hostCount)
        slotOf = Array(repeating: -1, count: hostCount)
        zeroLoad = representative.map { _ in HostBitset(count: capacities.count) }
        isMember = Array(repeating: false, count: hostCount)
    }

    /// Watts at `utilisation` (clamped to [0, 1]) of the 11-point curve at
    /// `table[first ..< first + 11]`, linear between tenths: the power function of the queries.
    @inlinable @inline(__always)
    public static func tenthsWatts(_ table: [Double], first: Int, utilisation: Double) -> Double {
        let position = min(1, max(0, utilisation)) * 10
        let lower = min(9, Int(position))
        let base = first + lower
        return table[base] + (table[base + 1] - table[base]) * (position - Double(lower))
    }

    /// Empties the index (no member).
    public func removeAll() {
        for j in buckets.indices where bucketSize[j] > 0 {
            buckets[j].removeAll(keepingCapacity: true)
            bucketLoads[j].removeAll(keepingCapacity: true)
            bucketSize[j] = 0
        }
        for h in 0..<hostCount {
            bucketOf[h] = -1
            isMember[h] = false
        }
        for k in zeroLoad.indices { zeroLoad[k].removeAll() }
    }

    /// Makes `host` a candidate with CPU load `load`.
    public func insert(host: Int, load: Double) {
        guard !isMember[host] else { return update(host: host, load: load) }
        isMember[host] = true
        file(host, load)
    }

    /// Makes `host` no longer a candidate.
    public func remove(host: Int) {
        guard isMember[host] else { return }
        unfile(host)
        isMember[host] = false
    }

    /// Records the CPU load of a member after a move (no effect on other hosts).
    public func update(host: Int, load: Double) {
        guard isMember[host] else { return }
        unfile(host)
        file(host, load)
    }

    func bucket(utilisation u: Double) -> Int {
        u >= 1 ? bucketCount : max(0, min(bucketCount - 1, Int(u * Double(bucketCount))))
    }

    func file(_ host: Int, _ load: Double) {
        let kind = kindOf[host]
        if load == 0 {
            zeroLoad[kind].insert(host)
            return
        }
        let j = kind * (bucketCount + 1) + bucket(utilisation: load / kindCapacity[kind])
        bucketOf[host] = j
        slotOf[host] = buckets[j].count
        buckets[j].append(host)
        bucketLoads[j].append(load)
        bucketSize[j] += 1
    }

    func unfile(_ host: Int) {
        let j = bucketOf[host]
        guard j >= 0 else { return zeroLoad[kindOf[host]].remove(host) }
        let slot = slotOf[host]
        let moved = buckets[j].removeLast()
        let movedLoad = bucketLoads[j].removeLast()
        bucketSize[j] -= 1
        if moved != host {
            buckets[j][slot] = moved
            bucketLoads[j][slot] = movedLoad
            slotOf[moved] = slot
        }
        bucketOf[host] = -1
    }

    /// The kind's curve at utilisation x (clamped to [0, 1]).
    @inline(__always) func curve(_ kind: Int, _ x: Double) -> Double {
        Self.tenthsWatts(kindCurves, first: 11 * kind, utilisation: x)
    }

    /// The exact increase of a host of `kind` with CPU `load` for `demand`: the scan's
    /// arithmetic (``PowerAwareBestFit``) on the kind's curve; `nil` when the CPU does not fit.
    @inline(__always) func increase(_ kind: Int, load: Double, demand: Double) -> Double? {
        let first = 11 * kind
        let curves = kindCurves
        func watts(_: Int, _ u: Double) -> Double { Self.tenthsWatts(curves, first: first, utilisation: u) }
        return PowerAwareBestFit.increase(host: 0, load: load, demand: demand, capacity: kindCapacity[kind], watts: watts, wattsNow: watts)
    }

    /// f(u) of the type comment, without rounding analysis (the margin covers it).
    @inline(__always) func rise(_ kind: Int, _ u: Double, _ fraction: Double) -> Double {
        curve(kind, min(1, u + fraction)) - curve(kind, min(1, u))
    }

    /// Lower bound of the increase of the hosts in the unvisited buckets of a piece.
    func key(of piece: Piece) -> Double {
        let width = 1 / Double(bucketCount)
        let from = max(piece.lower, Double(piece.first) * width)
        let to = piece.last >= bucketCount ? piece.upper : min(piece.upper, Double(piece.last + 1) * width)
        return min(rise(piece.kind, from, piece.demandFraction), rise(piece.kind, to, piece.demandFraction)) - kindMargin[piece.kind]
    }

    /// The least (increase, index) member passing `passes`, among the kinds `admits` accepts.
    ///
    /// - Parameters:
    ///   - demand: the VM's CPU demand.
    ///   - admits: whether the hosts of a kind may be considered, asked with a host of the kind.
    ///   - passes: the full tests (rules, exclusions, overload check).
    ///   - utilisationLimit: a CPU utilisation after the move above which `passes` surely fails
    ///     for a host with load (those hosts are not evaluated); `nil` = none.
    public func destination(demand: Double, admits: (Int) -> Bool, passes: (Int) -> Bool,
                            utilisationLimit: Double? = nil) -> Int? {
        query += 1
        queue.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        for kind in kindCapacity.indices where kindCapacity[kind] > 0 && admits(kindRepresentative[kind]) {
            enqueueZeroLoadGroup(kind, from: 0, demand: demand)
            enqueuePieces(kind, demand: demand, utilisationLimit: utilisationLimit)
        }
        while let entry = popFirst() {
            if entry.id < 0 {
                visitNextBucket(of: -1 - entry.id, demand: demand)
            } else if passes(entry.id) {
                return entry.id
            } else if entry.group >= 0 {
                enqueueZeroLoadGroup(entry.group, from: entry.id + 1, demand: demand)
            }
        }
        return nil
    }

    /// The lowest-index zero-load member of `kind` from `start` on (all share one increase).
    func enqueueZeroLoadGroup(_ kind: Int, from start: Int, demand: Double) {
        guard let host = zeroLoad[kind].first(from: start), let value = increase(kind, load: 0, demand: demand) else { return }
        push(Entry(key: value, id: host, group: kind))
    }

    /// The linear pieces of f on [0, largest utilisation that can take the demand].
    func enqueuePieces(_ kind: Int, demand: Double, utilisationLimit: Double?) {
        let fraction = demand / kindCapacity[kind]
        // Hosts above `top` cannot take the demand (capacity, or the caller's limit); the margin
        // keeps every host near the line evaluated and tested exactly.
        let top = min(1, utilisationLimit ?? 1) + 1e-6 - fraction
        guard top >= 0 else { return }
        breaks.removeAll(keepingCapacity: true)
        breaks.append(0)
        breaks.append(top)
        for k in 1...10 {
            let tenth = Double(k) / 10
            if tenth < top { breaks.append(tenth) }
            if tenth - fraction > 0 && tenth - fraction < top { breaks.append(tenth - fraction) }
        }
        breaks.sort()
        for (lower, upper) in zip(breaks, breaks.dropFirst()) {
            let ascending = rise(kind, lower, fraction) <= rise(kind, upper, fraction)
            var piece = Piece(kind: kind, lower: lower, upper: upper, first: bucket(utilisation: lower),
                              last: bucket(utilisation: upper), ascending: ascending, demandFraction: fraction)
            guard skipEmptyBuckets(&piece) else { continue }
            pieces.append(piece)
            push(Entry(key: key(of: piece), id: -pieces.count, group: -1))
        }
    }

    /// Evaluates the members of the piece's next bucket (from its cheaper end) and re-queues it.
    func visitNextBucket(of id: Int, demand: Double) {
        var piece = pieces[id]
        let j: Int
        if piece.ascending {
            j = piece.first
            piece.first += 1
        } else {
            j = piece.last
            piece.last -= 1
        }
        let bucket = piece.kind * (bucketCount + 1) + j
        if bucketVisit[bucket] != query {
            bucketVisit[bucket] = query
            let hosts = buckets[bucket], loads = bucketLoads[bucket]
            for i in hosts.indices {
                if let value = increase(piece.kind, load: loads[i], demand: demand) { push(Entry(key: value, id: hosts[i], group: -1)) }
            }
        }
        pieces[id] = piece
        if skipEmptyBuckets(&pieces[id]) { push(Entry(key: key(of: pieces[id]), id: -1 - id, group: -1)) }
    }

    /// Moves the piece's cheaper end past empty buckets; false when no bucket is left.
    func skipEmptyBuckets(_ piece: inout Piece) -> Bool {
        let base = piece.kind * (bucketCount + 1)
        if piece.ascending {
            while piece.first <= piece.last && bucketSize[base + piece.first] == 0 { piece.first += 1 }
        } else {
            while piece.first <= piece.last && bucketSize[base + piece.last] == 0 { piece.last -= 1 }
        }
        return piece.first <= piece.last
    }

    // MARK: - Binary min-heap on (key, id)

    func push(_ entry: Entry) {
        queue.append(entry)
        var i = queue.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard queue[i] < queue[parent] else { break }
            queue.swapAt(i, parent)
            i = parent
        }
    }

    func popFirst() -> Entry? {
        guard let first = queue.first else { return nil }
        let last = queue.removeLast()
        guard !queue.isEmpty else { return first }
        queue[0] = last
        var i = 0
        while true {
            let left = 2 * i + 1
            guard left < queue.count else { break }
            var child = left
            if left + 1 < queue.count && queue[left + 1] < queue[left] { child = left + 1 }
            guard queue[child] < queue[i] else { break }
            queue.swapAt(i, child)
            i = child
        }
        return first
    }
}

/// A set of host indices with the least member at or after an index in O(n / 4096) words.
struct HostBitset {
    var words: [UInt64]
    /// Bit w set when `words[w]` is not zero.
    var summary: [UInt64]

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        summary = Array(repeating: 0, count: (words.count + 63) / 64)
    }

    mutating func removeAll() {
        for w in words.indices { words[w] = 0 }
        for s in summary.indices { summary[s] = 0 }
    }

    mutating func insert(_ i: Int) {
        words[i >> 6] |= 1 << UInt64(i & 63)
        summary[i >> 12] |= 1 << UInt64((i >> 6) & 63)
    }

    mutating func remove(_ i: Int) {
        words[i >> 6] &= ~(1 << UInt64(i & 63))
        if words[i >> 6] == 0 { summary[i >> 12] &= ~(1 << UInt64((i >> 6) & 63)) }
    }

    func first(from start: Int) -> Int? {
        guard start >= 0 else { return first(from: 0) }
        var w = start >> 6
        guard w < words.count else { return nil }
        let inWord = words[w] & (~0 << UInt64(start & 63))
        if inWord != 0 { return w << 6 + inWord.trailingZeroBitCount }
        w += 1
        var s = w >> 6
        guard s < summary.count else { return nil }
        var mask = ~UInt64(0) << UInt64(w & 63)
        while s < summary.count {
            let bits = summary[s] & mask
            if bits != 0 {
                let word = s << 6 + bits.trailingZeroBitCount
                return word << 6 + words[word].trailingZeroBitCount
            }
            s += 1
            mask = ~UInt64(0)
        }
        return nil
    }
}
