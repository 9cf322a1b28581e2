import PlacementModel

/// A fast lower bound on the number of hosts any packing of the VMs needs, so that local searches
/// can stop as soon as a packing reaches it (nothing can do better). Valid when every host has the
/// same capacity, none is in maintenance and no VMs share memory (else 0: no bound); rules
/// (eligibility, pinning, affinity) only restrict packings, so the bound stays valid under them.
/// The best of:
/// * L1, the continuous bound: max over dimensions of ⌈Σ demand_k / capacity_k⌉;
/// * the cardinality bound ⌈n / t⌉, t the most VMs one host can hold (the t smallest demands of
///   every dimension fit within its capacity, and the t smallest sums of normalised demand add
///   up to at most d);
/// * the clique bound: VMs of which no two fit on one host together each need their own host; a
///   clique of this conflict graph is grown greedily (VMs by decreasing sum of normalised demand
///   or by decreasing conflict degree, 8 starts each);
/// * the matching bound: n − ν, ν the size of a maximum matching of the VMs that can share a
///   host, when no three VMs fit one host together (t ≤ 2, or no such triple found; the bound is
///   then exact), and n − ν − ⌊m₃ / 3⌋ when t = 3, m₃ the number of VMs in some triple that fits.
/// Capacities are taken with the tolerance of ``PackingState/canPlace(vm:on:capacityFraction:)``
/// (1e-9 relative), so no packing that the heuristics accept can beat the bound.
///
/// Martello, Toth, "Lower bounds and reduction procedures for the bin packing problem", Discrete
/// Applied Mathematics 28 (1990) (L1); Caprara, Toth, "Lower bounds and algorithms for the
/// 2-dimensional vector packing problem", Discrete Applied Mathematics 111 (2001) (bounds from
/// the conflict graph); Edmonds (1965) for the matching. `Formulations.BinPackingBounds` adds L2
/// for the exact method; this one is the set for the heuristics' early stops.
///
/// - Complexity: O(d·n log n) for L1 and the cardinality bound, O(n²·d) for the conflict graph
///   (as bit rows), O(n²/64) per clique start, the search for a fitting triple O(e·(n/64 + c·d))
///   (c common compatible VMs per pair; it stops at the first one when t > 3), and when it
///   applies the matching O(n·(n + e)); n VMs, d dimensions, e compatible pairs.
public enum HostLowerBound {
    /// The bound for placing `vms` (default: every VM of `instance`), or 0 when no bound holds.
    public static func hosts(_ instance: Instance, placing vms: [Int]? = nil) -> Int {
        let d = instance.dimensionCount
        guard d > 0, let first = instance.hosts.first, instance.sharedMemory.isEmpty,
              first.capacity.count == d,
              instance.hosts.allSatisfy({ $0.capacity == first.capacity && $0.state != .maintenance }) else { return 0 }
        let list = vms ?? Array(instance.vms.indices)
        guard !list.isEmpty, list.allSatisfy({ instance.vms.indices.contains($0) && instance.vms[$0].demand.count == d }) else { return 0 }
        // Capacity with the placement tolerance: what a host can hold at most.
        let capacity = (0..<d).map { k in first.capacity[k] + 1e-9 * Swift.max(1, abs(first.capacity[k])) }
        var demand = [Double](repeating: 0, count: list.count * d)
        for (i, vm) in list.enumerated() { for k in 0..<d { demand[i * d + k] = instance.vms[vm].demand.values[k] } }
        var bound = 1
        // L1.
        for k in 0..<d where capacity[k] > 0 {
            var total = 0.0
            for i in list.indices { total += demand[i * d + k] }
            bound = Swift.max(bound, ceiling(total / capacity[k]))
        }
        // Normalised size: Σ_k demand_k / capacity_k over the dimensions with capacity.
        let dimensions = (0..<d).filter { capacity[$0] > 0 }
        let size = list.indices.map { i in dimensions.reduce(0.0) { $0 + demand[i * d + $1] / capacity[$1] } }
        // Cardinality: at most t VMs fit on one host — the t smallest demands of every dimension,
        // and the t smallest sizes (a host's sizes add up to at most the number of dimensions).
        var most = list.count
        for k in 0..<d {
            most = Swift.min(most, fitting(list.indices.map { demand[$0 * d + k] }, within: capacity[k]))
        }
        most = Swift.min(most, fitting(size, within: Double(dimensions.count) * (1 + 1e-9)))
        if most == 0 { return 0 }   // some VM fits on no host: no packing of all of them exists
        bound = Swift.max(bound, (list.count + most - 1) / most)
        // Conflict graph: VMs that cannot share a host, as bit rows.
        let n = list.count
        let words = (n + 63) / 64
        var conflicts = [UInt64](repeating: 0, count: n * words)
        // Two VMs of at most half the capacity in every dimension never conflict.
        let half = (0..<n).map { i in (0..<d).allSatisfy { demand[i * d + $0] <= capacity[$0] / 2 } }
        demand.withUnsafeBufferPointer { demand in
            capacity.withUnsafeBufferPointer { capacity in
                for i in 0..<n {
                    for j in (i + 1)..<Swift.max(n, i + 1) where !(half[i] && half[j]) {
                        var conflict = false
                        for k in 0..<d where demand[i * d + k] + demand[j * d + k] > capacity[k] { conflict = true; break }
                        if conflict {
                            conflicts[i * words + j / 64] |= 1 << UInt64(j % 64)
                            conflicts[j * words + i / 64] |= 1 << UInt64(i % 64)
                        }
                    }
                }
            }
        }
        bound = Swift.max(bound, clique(conflicts, n: n, words: words, size: size))
        // A host holds one VM, a pair (hosts with two or more VMs hold disjoint compatible pairs:
        // at most a maximum matching ν of them) or, when at most three fit, a triple (at most
        // ⌊(VMs in some triple that fits) / 3⌋ of them): hosts ≥ n − ν − triples. When no triple
        // fits at all, no host holds more than two VMs, whatever t is.
        let noTriple = most <= 2 || tripleMembers(conflicts, n: n, words: words, demand: demand, d: d, capacity: capacity, stopAt: 1) == 0
        if noTriple || most == 3 {
            let matching = maximumMatching(conflicts, n: n, words: words)
            if noTriple { bound = Swift.max(bound, n - matching) }
            else if n - matching > bound {
                let inTriples = tripleMembers(conflicts, n: n, words: words, demand: demand, d: d, capacity: capacity,
                                              stopAt: 3 * (n - matching - bound))
                bound = Swift.max(bound, n - matching - inTriples / 3)
            }
        }
        return bound
    }

    /// How many VMs lie in some triple of pairwise compatible VMs that fits on one host together,
    /// counted until `stopAt` is reached.
    static func tripleMembers(_ conflicts: [UInt64], n: Int, words: Int, demand: [Double], d: Int, capacity: [Double], stopAt: Int) -> Int {
        var member = [Bool](repeating: false, count: n)
        var count = 0
        var common = [UInt64](repeating: 0, count: words)
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(n, i + 1) where conflicts[i * words + j / 64] & (1 << UInt64(j % 64)) == 0 {
                // Third VMs after j compatible with both.
                for w in 0..<words { common[w] = ~(conflicts[i * words + w] | conflicts[j * words + w]) }
                var k = j + 1
                while k < n {
                    let word = common[k / 64] >> UInt64(k % 64)
                    if word == 0 { k = (k / 64 + 1) * 64; continue }
                    k += word.trailingZeroBitCount
                    guard k < n else { break }
                    if member[i] && member[j] && member[k] { k += 1; continue }
                    var fits = true
                    for r in 0..<d where demand[i * d + r] + demand[j * d + r] + demand[k * d + r] > capacity[r] { fits = false; break }
                    if fits {
                        for v in [i, j, k] where !member[v] { member[v] = true; count += 1 }
                        if count >= stopAt { return count }
                    }
                    k += 1
                }
            }
        }
        return count
    }

    /// How many of `values`, smallest first, fit within `limit`.
    static func fitting(_ values: [Double], within limit: Double) -> Int {
        var total = 0.0, count = 0
        for v in values.sorted() {
            total += v
            if total > limit { break }
            count += 1
        }
        return count
    }

    /// The largest clique found greedily in the conflict graph: VMs taken in decreasing order of
    /// size, or of conflict degree, each added when it conflicts with every VM taken so far,
    /// starting from each of the first 8 VMs of either order.
    static func clique(_ conflicts: [UInt64], n: Int, words: Int, size: [Double]) -> Int {
        var degree = [Int](repeating: 0, count: n)
        for i in 0..<n { for w in 0..<words { degree[i] += conflicts[i * words + w].nonzeroBitCount } }
        let bySize = (0..<n).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        let byDegree = (0..<n).sorted { (a: Int, b: Int) -> Bool in
            if degree[a] != degree[b] { return degree[a] > degree[b] }
            if size[a] != size[b] { return size[a] > size[b] }
            return a < b
        }
        var best = n > 0 ? 1 : 0
        var candidates = [UInt64](repeating: 0, count: words)
        for order in [bySize, byDegree] {
            for start in order.prefix(8) {
                for w in 0..<words { candidates[w] = conflicts[start * words + w] }
                var count = 1
                for i in order where candidates[i / 64] & (1 << UInt64(i % 64)) != 0 {
                    count += 1
                    for w in 0..<words { candidates[w] &= conflicts[i * words + w] }
                }
                best = Swift.max(best, count)
            }
        }
        return best
    }

    /// Size of a maximum matching of the compatibility graph (VMs that can share a host: the
    /// complement of `conflicts`), by Edmonds' blossom algorithm from a greedy matching. With at
    /// most two VMs per host, a packing is a matching plus single VMs, so it needs at least
    /// n − (this size) hosts.
    ///
    /// Edmonds, "Paths, trees, and flowers", Canadian Journal of Mathematics 17 (1965).
    /// - Complexity: O(n·(n + e)) for e compatible pairs, O(n³) at worst.
    static func maximumMatching(_ conflicts: [UInt64], n: Int, words: Int) -> Int {
        var neighbours = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(n, i + 1) where conflicts[i * words + j / 64] & (1 << UInt64(j % 64)) == 0 {
                neighbours[i].append(j)
                neighbours[j].append(i)
            }
        }
        var match = [Int](repeating: -1, count: n)
        for v in 0..<n where match[v] < 0 {
            if let u = neighbours[v].first(where: { match[$0] < 0 }) { match[v] = u; match[u] = v }
        }
        var parent = [Int](repeating: -1, count: n)
        var base = Array(0..<n)
        var used = [Bool](repeating: false, count: n)
        var blossom = [Bool](repeating: false, count: n)
        var onPath = [Bool](repeating: false, count: n)
        var queue: [Int] = []
        func commonBase(_ a: Int, _ b: Int) -> Int {
            for i in 0..<n { onPath[i] = false }
            var a = a
            while true {
                a = base[a]
                onPath[a] = true
                if match[a] < 0 { break }
                a = parent[match[a]]
            }
            var b = b
            while true {
                b = base[b]
                if onPath[b] { return b }
                b = parent[match[b]]
            }
        }
        func markPath(_ v: Int, _ b: Int, _ child: Int) {
            var v = v, child = child
            while base[v] != b {
                blossom[base[v]] = true
                blossom[base[match[v]]] = true
                parent[v] = child
                child = match[v]
                v = parent[match[v]]
            }
        }
        /// End of an augmenting path from `root`, or −1.
        func augmentingPath(_ root: Int) -> Int {
            for i in 0..<n { used[i] = false; parent[i] = -1; base[i] = i }
            used[root] = true
            queue.removeAll(keepingCapacity: true)
            queue.append(root)
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for to in neighbours[v] {
                    if base[v] == base[to] || match[v] == to { continue }
                    if to == root || match[to] >= 0 && parent[match[to]] >= 0 {
                        let current = commonBase(v, to)
                        for i in 0..<n { blossom[i] = false }
                        markPath(v, current, to)
                        markPath(to, current, v)
                        for i in 0..<n where blossom[base[i]] {
                            base[i] = current
                            if !used[i] { used[i] = true; queue.append(i) }
                        }
                    } else if parent[to] < 0 {
                        parent[to] = v
                        if match[to] < 0 { return to }
                        used[match[to]] = true
                        queue.append(match[to])
                    }
                }
            }
            return -1
        }
        for v in 0..<n where match[v] < 0 && !neighbours[v].isEmpty {
            var u = augmentingPath(v)
            while u >= 0 {
                let p = parent[u], next = match[p]
                match[u] = p
                match[p] = u
                u = next
            }
        }
        return match.filter { $0 >= 0 }.count / 2
    }

    /// ⌈x⌉, robust to rounding noise just above an integer.
    static func ceiling(_ x: Double) -> Int {
        guard x.isFinite, abs(x) < 1e15 else { return 0 }
        let r = x.rounded()
        if abs(x - r) <= 1e-9 * Swift.max(1, abs(x)) { return Int(r) }
        return Int(x.rounded(.up))
    }
}
