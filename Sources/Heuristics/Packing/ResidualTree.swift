import PlacementModel

/// Max segment tree over the hosts' residual capacity: node `i` holds, for each dimension, the
/// largest residual of any host in its range, and the largest residual sum Σ_k r_k. A subtree
/// whose maximum residual in some dimension (or whose maximum residual sum) is below the demand
/// cannot contain a host where the demand fits, so the pruning is exact-safe: first fit finds
/// the lowest-index candidate, in O(d·log m) when the pruning is tight (the exact rule check is
/// done at the leaf; a refused leaf resumes the search to its right).
struct ResidualTree {
    let d: Int
    /// Values per node: d residuals + their sum.
    let width: Int
    let size: Int
    var node: [Double]   // (2·size) × width
    let hostCount: Int

    /// Residuals of `hosts` hosts from `residual(h, k)`; hosts with `usable(h) == false` get −∞.
    init(hosts: Int, dimensions: Int, residual: (Int, Int) -> Double, usable: (Int) -> Bool) {
        var flat = [Double](repeating: 0, count: hosts * dimensions)
        var isUsable = [Bool](repeating: false, count: hosts)
        for h in 0..<hosts where usable(h) {
            isUsable[h] = true
            for k in 0..<dimensions { flat[h * dimensions + k] = residual(h, k) }
        }
        self.init(residual: flat, dimensions: dimensions, usable: isUsable)
    }

    /// Residual of host h in dimension k at `residual[h·dimensions + k]` (`usable.count` hosts);
    /// hosts with `usable[h] == false` get −∞. Built bottom-up in one pass.
    /// - Complexity: O(m·d).
    init(residual: [Double], dimensions: Int, usable: [Bool]) {
        let d = dimensions, width = dimensions + 1, hosts = usable.count
        self.d = d
        self.width = width
        hostCount = hosts
        var s = 1
        while s < Swift.max(hosts, 1) { s *= 2 }
        size = s
        node = [Double](unsafeUninitializedCapacity: 2 * s * width) { nodes, initialized in
            residual.withUnsafeBufferPointer { residual in
                usable.withUnsafeBufferPointer { usable in
                    for k in 0..<width { nodes[k] = -.infinity }
                    for h in 0..<s {
                        let o = (s + h) * width
                        if h < hosts && usable[h] {
                            var total = 0.0
                            for k in 0..<d { let r = residual[h * d + k]; nodes[o + k] = r; total += r }
                            nodes[o + d] = total
                        } else {
                            for k in 0..<width { nodes[o + k] = -.infinity }
                        }
                    }
                }
            }
            if s > 1 {
                for i in stride(from: s - 1, through: 1, by: -1) {
                    let l = 2 * i * width, r = l + width, o = i * width
                    for k in 0..<width { nodes[o + k] = Swift.max(nodes[l + k], nodes[r + k]) }
                }
            }
            initialized = 2 * s * width
        }
    }

    /// Residual of host `h` in dimension `k` as stored.
    func residual(host h: Int, dimension k: Int) -> Double { node[(size + h) * width + k] }

    /// Sets host `h`'s residual vector; ancestors are refreshed until one does not change.
    mutating func update(host h: Int, residual: [Double]) {
        let d = d, width = width
        node.withUnsafeMutableBufferPointer { nodes in
            var i = size + h
            var total = 0.0
            for k in 0..<d { nodes[i * width + k] = residual[k]; total += residual[k] }
            nodes[i * width + d] = total
            i /= 2
            while i >= 1 {
                let l = 2 * i * width, r = l + width, o = i * width
                var changed = false
                for k in 0..<width {
                    let value = Swift.max(nodes[l + k], nodes[r + k])
                    if value != nodes[o + k] { nodes[o + k] = value; changed = true }
                }
                if !changed { break }
                i /= 2
            }
        }
    }

    /// Marks host `h` unusable.
    mutating func disable(host h: Int) {
        update(host: h, residual: Array(repeating: -.infinity, count: d))
    }

    /// Lowest host index ≥ `from` whose residual covers `demand` in every dimension, or nil.
    /// - Complexity: O(d) per subtree visited; O(d·log m) when the pruning is tight.
    func first(covering demand: [Double], from: Int = 0) -> Int? {
        guard from < hostCount else { return nil }
        var need = [Double](repeating: 0, count: width)
        var total = 0.0
        for k in 0..<d {
            need[k] = demand[k] - 1e-9 * Swift.max(1, abs(demand[k]))
            total += demand[k]
        }
        need[d] = total - 1e-9 * Swift.max(1, abs(total))
        return node.withUnsafeBufferPointer { nodes in
            need.withUnsafeBufferPointer { need in
                ResidualTree.search(nodes, need, width, 1, 0, size, from, hostCount)
            }
        }
    }

    private static func search(_ nodes: UnsafeBufferPointer<Double>, _ need: UnsafeBufferPointer<Double>, _ width: Int,
                               _ i: Int, _ lo: Int, _ hi: Int, _ from: Int, _ hostCount: Int) -> Int? {
        if hi <= from { return nil }
        let o = i * width
        // The sum (last value) prunes most often: test it first.
        if nodes[o + width - 1] < need[width - 1] { return nil }
        for k in 0..<(width - 1) where nodes[o + k] < need[k] { return nil }
        if hi - lo == 1 { return lo < hostCount ? lo : nil }
        let mid = (lo + hi) / 2
        if let l = search(nodes, need, width, 2 * i, lo, mid, from, hostCount) { return l }
        return search(nodes, need, width, 2 * i + 1, mid, hi, from, hostCount)
    }
}
