/// A pattern (copies per item type) as a set element whose hash reads only the nonzero entries:
/// patterns are dense arrays over every type but hold a handful of items, so hashing every entry
/// (Swift's `Array` hash) dominated column generation at thousands of types.
///
/// - Complexity: O(types) per hash and comparison, with a cheap step per zero.
public struct PatternKey: Hashable, Sendable {
    public let counts: [Int]

    public init(_ counts: [Int]) { self.counts = counts }

    public func hash(into hasher: inout Hasher) {
        for (type, count) in counts.enumerated() where count != 0 {
            hasher.combine(type)
            hasher.combine(count)
        }
    }
}
