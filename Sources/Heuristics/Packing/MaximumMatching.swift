/// Maximum matching in a general graph by Edmonds' blossom algorithm: from a greedy matching,
/// an augmenting path is searched from every free vertex by breadth-first search, odd cycles
/// (blossoms) being contracted to their base; each path found grows the matching by one.
///
/// Edmonds, "Paths, trees, and flowers", Canadian Journal of Mathematics 17 (1965).
///
/// - Complexity: O(V·(V + E)) typical, O(V³) at worst (each search O(E) plus O(V) per blossom).
enum MaximumMatching {
    /// The mate of every vertex (−1: unmatched) in a maximum matching of the undirected graph
    /// given by `neighbours` (symmetric lists). Deterministic: vertices and neighbours are taken
    /// in list order.
    static func mates(_ neighbours: [[Int]]) -> [Int] {
        let n = neighbours.count
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
        return match
    }
}
