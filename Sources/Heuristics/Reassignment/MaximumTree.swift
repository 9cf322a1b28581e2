/// A segment tree over one value per host that keeps the maximum (and which host holds it):
/// the balance term of the objective (maximum utilisation) after every move without a scan.
///
/// Bentley, "Solutions to Klee's rectangle problems" (1977) — the segment tree.
///
/// - Complexity: O(m) to build, O(log m) per update, O(1) for the maximum.
struct MaximumTree: Sendable {
    private var size: Int
    private var node: [Double]
    private var owner: [Int]

    /// A tree over `values` (one per host).
    init(_ values: [Double]) {
        size = 1
        while size < max(1, values.count) { size *= 2 }
        node = Array(repeating: -.infinity, count: 2 * size)
        owner = Array(repeating: -1, count: 2 * size)
        for (i, value) in values.enumerated() {
            node[size + i] = value
            owner[size + i] = i
        }
        if size > 1 { for i in stride(from: size - 1, through: 1, by: -1) { pull(i) } }
    }

    /// The largest value (−∞ when empty).
    var maximum: Double { node[1] }
    /// The lowest index holding ``maximum`` (−1 when empty).
    var argument: Int { owner[1] }

    /// Sets the value of `index`. - Complexity: O(log m).
    mutating func update(_ index: Int, _ value: Double) {
        var i = size + index
        node[i] = value
        i /= 2
        while i >= 1 {
            pull(i)
            i /= 2
        }
    }

    private mutating func pull(_ i: Int) {
        let l = 2 * i, r = 2 * i + 1
        if node[l] >= node[r] { node[i] = node[l]; owner[i] = owner[l] } else { node[i] = node[r]; owner[i] = owner[r] }
    }
}
