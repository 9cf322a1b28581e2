/// PABFD's destination query (``PowerAwareBestFit`` with ``PowerStretches``) answered from an
/// index of the candidate hosts instead of a scan of all of them, with exactly the scan's answer:
/// the least (power increase, host index) among the candidates that pass every test.
///
/// Hosts are grouped by kind (same CPU capacity C and power curve). For a VM of CPU demand d the
/// increase of a host at utilisation u is a function of u made of pieces: between the stretch
/// starts and the points `end − d/C` it is either the constant `slope · d/C` (u and u + d/C in
/// one stretch: one exact double for the whole piece) or linear in u. Within a kind, the hosts
/// whose CPU load is exactly 0 form one group in index order, the others sit in buckets of
/// utilisation; each bucket keeps its lowest host index in a segment tree over the buckets. A
/// best-first search over the pieces (each keyed by a lower bound of its increases, less a
/// margin far above floating-point rounding) takes from a constant piece the lowest-index
/// member of the buckets wholly inside it (a range minimum, O(log B)) and evaluates exactly only
/// the hosts of its two end buckets; a linear piece is evaluated bucket by bucket from its
/// cheaper end. A host comes out only when no piece can still hold a smaller (increase, index),
/// so the first host that passes is the scan's answer.
///
/// The index must hold each member's current CPU load (``update(host:load:)`` after every move):
/// it evaluates increases from its own copies (no access per host to the instance or the state).
///
/// Beloglazov & Buyya, CCPE 24(13), 2012, Algorithm 1 (PABFD); the search is a best-first
/// (branch-and-bound) enumeration over a bucketed index with range-minimum segment trees.
///
/// - Complexity: O(M + K·B) to reset for M hosts, K kinds and B buckets; O(log B + b) per update
///   (b: hosts of the bucket, when its lowest index leaves); per query O(K·p·log(K·p)) for the
///   p ≤ 21 pieces of a kind, plus per host failing the tests O(b + log B), plus the hosts of
///   the end buckets of the constant pieces and of the buckets of linear pieces whose lower bound
///   is at or under the answer — no longer the whole band of hosts that tie with the answer.
public final class PowerAwareBestFitIndex {
    // Stored state without dynamic exclusivity checks: the index is used from one thread at a
    // time and never hands out references into its arrays.

    /// The curves and the arithmetic of the increase (shared with the scan).
    public let stretches: PowerStretches
    /// Hosts covered (indices 0..<hostCount).
    public var hostCount: Int { stretches.hostCount }
    /// A margin per kind above the rounding of the increase.
    let kindMargin: [Double]
    let bucketCount: Int
    /// Leaves per kind of the segment trees (a power of two ≥ bucketCount + 1).
    let leaves: Int
    /// Member hosts with CPU load ≠ 0, bucket j of kind k at `buckets[k * (bucketCount + 1) + j]`
    /// (the last bucket: utilisation ≥ 1), and their loads in the same order.
    @exclusivity(unchecked) var buckets: [[Int]]
    @exclusivity(unchecked) var bucketLoads: [[Double]]
    /// The query that last evaluated each bucket (a bucket two pieces share is evaluated once).
    @exclusivity(unchecked) var bucketVisit: [Int]
    @exclusivity(unchecked) var bucketOf: [Int]
    @exclusivity(unchecked) var slotOf: [Int]
    /// Per kind a segment tree (`2 · leaves` nodes at `k · 2 · leaves`, root at 1) of the lowest
    /// member index per bucket (`Int.max`: none), hosts that failed the current query's tests left out.
    @exclusivity(unchecked) var lowest: [Int]
    /// The query in which a host failed the tests (−1: none; queries count from 1, and a bucket's
    /// minimum refreshed before the first query must leave nobody out), and the buckets whose
    /// minimum left it out.
    @exclusivity(unchecked) var failedIn: [Int]
    @exclusivity(unchecked) var leftOut: [Int] = []
    /// Member hosts with CPU load exactly 0, per kind.
    @exclusivity(unchecked) var zeroLoad: [HostBitset]
    /// The non-empty buckets of each kind (a linear piece jumps over empty ones).
    @exclusivity(unchecked) var nonEmpty: [HostBitset]
    @exclusivity(unchecked) var isMember: [Bool]
    @exclusivity(unchecked) var query = 0
    @exclusivity(unchecked) var queue: [Entry] = []
    @exclusivity(unchecked) var pieces: [Piece] = []

    /// A queued bound: a piece (`id` < 0: piece −1 − id), or a host evaluated exactly.
    struct Entry {
        var key: Double
        var id: Int
        /// For a host: the kind whose zero-load group it represents, else −1.
        var group: Int
        /// For a host: the constant piece whose range minimum it is, else −1.
        var range: Int
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
        /// The stretch (global index) of the utilisation before and after the move.
        var from: Int
        var to: Int
        /// A constant piece: its increase, and the buckets wholly inside it (inner...innerLast,
        /// empty when inner > innerLast); `nil` for a linear piece.
        var constant: Double?
        var inner: Int
        var innerLast: Int
    }

    /// - Parameter stretches: the hosts' kinds, capacities and curves.
    public init(stretches: PowerStretches) {
        self.stretches = stretches
        let hostCount = stretches.hostCount
        let kinds = stretches.kindCapacity.count
        kindMargin = (0..<kinds).map { k in
            1e-9 * (1 + (0...10).map { abs(stretches.watts(kind: k, utilisation: Double($0) / 10)) }.max()!)
        }
        let bucketCount = min(4096, max(32, hostCount / 16))
        self.bucketCount = bucketCount
        var leaves = 1
        while leaves < bucketCount + 1 { leaves *= 2 }
        self.leaves = leaves
        buckets = Array(repeating: [], count: kinds * (bucketCount + 1))
        bucketLoads = Array(repeating: [], count: buckets.count)
        bucketVisit = Array(repeating: 0, count: buckets.count)
        bucketOf = Array(repeating: -1, count: hostCount)
        slotOf = Array(repeating: -1, count: hostCount)
        lowest = Array(repeating: Int.max, count: kinds * 2 * leaves)
        failedIn = Array(repeating: -1, count: hostCount)
        zeroLoad = (0..<kinds).map { _ in HostBitset(count: hostCount) }
        nonEmpty = (0..<kinds).map { _ in HostBitset(count: bucketCount + 1) }
        isMember = Array(repeating: false, count: hostCount)
    }

    /// An index over ``PowerStretches`` of these curves.
    /// - Returns: `nil` when a curve is not finite (the scan must answer).
    public convenience init?(capacities: [Double], kinds: [Int], curves: [Double]) {
        guard let stretches = PowerStretches(capacities: capacities, kinds: kinds, curves: curves) else { return nil }
        self.init(stretches: stretches)
    }

    /// Watts at `utilisation` (clamped to [0, 1]) of the 11-point curve at
    /// `table[first ..< first + 11]`, linear between tenths (CloudSim's interpolation).
    @inlinable @inline(__always)
    public static func tenthsWatts(_ table: [Double], first: Int, utilisation: Double) -> Double {
        let position = min(1, max(0, utilisation)) * 10
        let lower = min(9, Int(position))
        let base = first + lower
        return table[base] + (table[base + 1] - table[base]) * (position - Double(lower))
    }

    // MARK: - Membership

    /// Empties the index (no member).
    public func removeAll() {
        for j in buckets.indices where !buckets[j].isEmpty {
            buckets[j].removeAll(keepingCapacity: true)
            bucketLoads[j].removeAll(keepingCapacity: true)
        }
        for h in 0..<hostCount {
            bucketOf[h] = -1
            isMember[h] = false
        }
        for i in lowest.indices { lowest[i] = Int.max }
        for k in zeroLoad.indices {
            zeroLoad[k].removeAll()
            nonEmpty[k].removeAll()
        }
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
        let kind = stretches.kindOf[host]
        if load == 0 {
            zeroLoad[kind].insert(host)
            return
        }
        let local = bucket(utilisation: load / stretches.kindCapacity[kind])
        let j = kind * (bucketCount + 1) + local
        bucketOf[host] = j
        slotOf[host] = buckets[j].count
        buckets[j].append(host)
        bucketLoads[j].append(load)
        if buckets[j].count == 1 { nonEmpty[kind].insert(local) }
        if host < lowest[leaf(kind, local)] { setLowest(kind, local, host) }
    }

    func unfile(_ host: Int) {
        let j = bucketOf[host]
        let kind = stretches.kindOf[host]
        guard j >= 0 else { return zeroLoad[kind].remove(host) }
        let slot = slotOf[host]
        let moved = buckets[j].removeLast()
        let movedLoad = bucketLoads[j].removeLast()
        if moved != host {
            buckets[j][slot] = moved
            bucketLoads[j][slot] = movedLoad
            slotOf[moved] = slot
        }
        bucketOf[host] = -1
        let local = j - kind * (bucketCount + 1)
        if buckets[j].isEmpty { nonEmpty[kind].remove(local) }
        if lowest[leaf(kind, local)] == host { refreshLowest(bucket: j) }
    }

    // MARK: - Lowest member index per bucket (segment trees)

    @inline(__always) func leaf(_ kind: Int, _ local: Int) -> Int { kind * 2 * leaves + leaves + local }

    /// Sets bucket `local`'s lowest index and the minima above it.
    func setLowest(_ kind: Int, _ local: Int, _ value: Int) {
        let root = kind * 2 * leaves
        var node = leaves + local
        lowest[root + node] = value
        while node > 1 {
            node /= 2
            let least = min(lowest[root + 2 * node], lowest[root + 2 * node + 1])
            if lowest[root + node] == least { return }
            lowest[root + node] = least
        }
    }

    /// Recomputes the lowest index of bucket `j` (global bucket number), leaving out the hosts
    /// that failed the tests of the current query.
    func refreshLowest(bucket j: Int) {
        var least = Int.max
        for host in buckets[j] where host < least && failedIn[host] != query { least = host }
        let kind = j / (bucketCount + 1)
        setLowest(kind, j - kind * (bucketCount + 1), least)
    }

    /// The lowest index in buckets `from...to` of `kind`, `Int.max` for none.
    func lowestMember(_ kind: Int, from: Int, to: Int) -> Int {
        let root = kind * 2 * leaves
        var lo = from + leaves, hi = to + leaves + 1
        var least = Int.max
        while lo < hi {
            if lo & 1 == 1 { least = min(least, lowest[root + lo]); lo += 1 }
            if hi & 1 == 1 { hi -= 1; least = min(least, lowest[root + hi]) }
            lo /= 2
            hi /= 2
        }
        return least
    }

    // MARK: - Query

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
        defer { restoreLeftOut() }
        for kind in stretches.kindCapacity.indices where stretches.kindCapacity[kind] > 0 && admits(stretches.kindRepresentative[kind]) {
            enqueueZeroLoadGroup(kind, from: 0, demand: demand)
            enqueuePieces(kind, demand: demand, utilisationLimit: utilisationLimit)
        }
        while let entry = popFirst() {
            if entry.id < 0 {
                expand(piece: -1 - entry.id, demand: demand)
            } else if passes(entry.id) {
                return entry.id
            } else if entry.group >= 0 {
                enqueueZeroLoadGroup(entry.group, from: entry.id + 1, demand: demand)
            } else if entry.range >= 0 {
                leaveOut(entry.id)
                enqueueRangeMinimum(of: entry.range)
            }
        }
        return nil
    }

    /// Takes a host that failed the tests out of its bucket's minimum for this query.
    func leaveOut(_ host: Int) {
        failedIn[host] = query
        let j = bucketOf[host]
        leftOut.append(j)
        refreshLowest(bucket: j)
    }

    /// Puts the hosts left out by the query back into their buckets' minima.
    func restoreLeftOut() {
        guard !leftOut.isEmpty else { return }
        query += 1
        for j in leftOut { refreshLowest(bucket: j) }
        leftOut.removeAll(keepingCapacity: true)
    }

    /// The lowest-index zero-load member of `kind` from `start` on (all share one increase).
    func enqueueZeroLoadGroup(_ kind: Int, from start: Int, demand: Double) {
        guard let host = zeroLoad[kind].first(from: start), let value = stretches.increase(kind: kind, load: 0, demand: demand) else { return }
        push(Entry(key: value, id: host, group: kind, range: -1))
    }

    /// The increase at utilisation `u` of a host of a piece whose utilisation lies in stretch
    /// `piece.from` before the move and in `piece.to` after it (global stretch indices): the
    /// difference of the two stretch lines, up to rounding.
    @inline(__always) func rise(_ piece: Piece, _ u: Double) -> Double {
        let s = piece.from, t = piece.to
        let v = min(1, u + piece.demandFraction)
        return (stretches.base[t] + stretches.slope[t] * (v - stretches.start[t])) - (stretches.base[s] + stretches.slope[s] * (u - stretches.start[s]))
    }

    /// The pieces of the increase on [0, largest utilisation that can take the demand], in
    /// utilisation order: a piece ends where the utilisation before the move enters the next
    /// stretch or the utilisation after it does (u = end − d/C).
    func enqueuePieces(_ kind: Int, demand: Double, utilisationLimit: Double?) {
        let fraction = demand / stretches.kindCapacity[kind]
        // Hosts above `top` cannot take the demand (capacity, or the caller's limit); the margin
        // keeps every host near the line evaluated and tested exactly.
        let top = min(1, utilisationLimit ?? 1) + 1e-6 - fraction
        guard top >= 0 else { return }
        let last = stretches.first[kind + 1] - 1
        var from = stretches.first[kind]
        var to = from
        while to < last && stretches.end[to] < fraction { to += 1 }
        var lower = 0.0
        while true {
            let nextStart = from < last ? stretches.start[from + 1] : Double.infinity
            let nextEnd = to < last ? stretches.end[to] - fraction : Double.infinity
            let upper = min(top, nextStart, nextEnd)
            enqueuePiece(Piece(kind: kind, lower: lower, upper: upper, first: bucket(utilisation: lower), last: bucket(utilisation: upper),
                               ascending: true, demandFraction: fraction, from: from, to: to, constant: nil, inner: 0, innerLast: -1),
                         demand: demand)
            if upper >= top { return }
            if nextStart == upper { from += 1 }
            if nextEnd == upper { to += 1 }
            lower = upper
        }
    }

    /// Queues one piece: constant when the utilisation stays in one stretch, else linear.
    func enqueuePiece(_ piece: Piece, demand: Double) {
        var piece = piece
        let key: Double
        if piece.from == piece.to {
            // No member in the piece's buckets: nothing to queue.
            guard let j = nonEmpty[piece.kind].first(from: piece.first), j <= piece.last else { return }
            setConstant(&piece, value: stretches.slope[piece.from] * (demand / stretches.kindCapacity[piece.kind]))
            key = piece.constant! - kindMargin[piece.kind]
        } else {
            piece.ascending = rise(piece, piece.lower) <= rise(piece, piece.upper)
            guard skipEmptyBuckets(&piece) else { return }
            key = self.key(of: piece)
        }
        pieces.append(piece)
        push(Entry(key: key, id: -pieces.count, group: -1, range: -1))
    }

    /// Marks a piece constant and finds the buckets wholly inside it: every host there has its
    /// utilisation (rounding included) inside the piece and room for the demand, so its increase
    /// is exactly `value`.
    func setConstant(_ piece: inout Piece, value: Double) {
        let width = Double(bucketCount)
        let guardBand = 1e-9
        let upper = min(piece.upper, 1 - piece.demandFraction)
        piece.constant = value
        piece.inner = piece.lower <= 0 ? 0 : Int(((piece.lower + guardBand) * width).rounded(.up))
        piece.innerLast = min(bucketCount - 1, Int(((upper - guardBand) * width).rounded(.down)) - 1)
    }

    /// Expands a popped piece: a linear piece's next bucket; a constant piece's end buckets
    /// (exactly) and the lowest-index member inside.
    func expand(piece id: Int, demand: Double) {
        guard pieces[id].constant != nil else { return visitNextBucket(of: id, demand: demand) }
        let piece = pieces[id]
        if piece.inner > piece.innerLast {
            for j in piece.first...piece.last { evaluate(bucket: j, of: piece.kind, demand: demand) }
        } else {
            for j in piece.first..<piece.inner { evaluate(bucket: j, of: piece.kind, demand: demand) }
            if piece.last > piece.innerLast {
                for j in piece.innerLast + 1 ... piece.last { evaluate(bucket: j, of: piece.kind, demand: demand) }
            }
            enqueueRangeMinimum(of: id)
        }
    }

    /// Queues the lowest-index member (not failed this query) of the constant piece's inner buckets.
    func enqueueRangeMinimum(of id: Int) {
        let piece = pieces[id]
        let host = lowestMember(piece.kind, from: piece.inner, to: piece.innerLast)
        guard host != Int.max, let value = piece.constant else { return }
        push(Entry(key: value, id: host, group: -1, range: id))
    }

    /// Queues the exact increase of every member of bucket `j` of `kind` (once per query).
    func evaluate(bucket local: Int, of kind: Int, demand: Double) {
        let bucket = kind * (bucketCount + 1) + local
        guard bucketVisit[bucket] != query else { return }
        bucketVisit[bucket] = query
        let hosts = buckets[bucket], loads = bucketLoads[bucket]
        for i in hosts.indices {
            if let value = stretches.increase(kind: kind, load: loads[i], demand: demand) { push(Entry(key: value, id: hosts[i], group: -1, range: -1)) }
        }
    }

    /// Lower bound of the increase of the hosts in the unvisited buckets of a linear piece.
    func key(of piece: Piece) -> Double {
        let width = 1 / Double(bucketCount)
        let from = max(piece.lower, Double(piece.first) * width)
        let to = piece.last >= bucketCount ? piece.upper : min(piece.upper, Double(piece.last + 1) * width)
        return min(rise(piece, from), rise(piece, to)) - kindMargin[piece.kind]
    }

    /// Evaluates the members of a linear piece's next bucket (from its cheaper end) and re-queues it.
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
        evaluate(bucket: j, of: piece.kind, demand: demand)
        pieces[id] = piece
        if skipEmptyBuckets(&pieces[id]) { push(Entry(key: key(of: pieces[id]), id: -1 - id, group: -1, range: -1)) }
    }

    /// Moves the piece's cheaper end past empty buckets; false when no bucket is left.
    func skipEmptyBuckets(_ piece: inout Piece) -> Bool {
        guard piece.first <= piece.last else { return false }
        if piece.ascending {
            piece.first = nonEmpty[piece.kind].first(from: piece.first) ?? Int.max
        } else {
            piece.last = nonEmpty[piece.kind].last(through: piece.last) ?? -1
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

/// A set of indices with the least member at or after an index, and the greatest at or before
/// one, in O(n / 4096) words.
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

    /// The greatest member at or before `end`, `nil` for none.
    func last(through end: Int) -> Int? {
        guard end >= 0, !words.isEmpty else { return nil }
        let e = min(end, words.count * 64 - 1)
        var w = e >> 6
        let inWord = words[w] & Self.through(e & 63)
        if inWord != 0 { return w << 6 + 63 - inWord.leadingZeroBitCount }
        guard w > 0 else { return nil }
        w -= 1
        var s = w >> 6
        var mask = Self.through(w & 63)
        while s >= 0 {
            let bits = summary[s] & mask
            if bits != 0 {
                let word = s << 6 + 63 - bits.leadingZeroBitCount
                return word << 6 + 63 - words[word].leadingZeroBitCount
            }
            s -= 1
            mask = ~UInt64(0)
        }
        return nil
    }

    /// Bits 0...bit set.
    @inline(__always) static func through(_ bit: Int) -> UInt64 { bit == 63 ? ~UInt64(0) : (UInt64(1) << UInt64(bit + 1)) - 1 }
}
