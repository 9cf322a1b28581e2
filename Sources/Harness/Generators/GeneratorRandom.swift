import PlacementModel

/// The generators' random source: SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom
/// number generators", OOPSLA 2014) with our own fixed range reduction, so the same seed gives
/// the same instances on every platform and Swift version (the standard library's
/// `random(in:)` algorithm is not guaranteed to stay the same).
/// - Complexity: O(1) per number.
public struct GeneratorRandom: Sendable {
    private var source: SplitMix64

    public init(seed: UInt64) { source = SplitMix64(seed: seed) }

    /// A seed for instance `index` of class `name` under the user's `seed` (FNV-1a of the three).
    public static func instanceSeed(seed: UInt64, name: String, index: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(name)#\(index)#\(seed)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    public mutating func next() -> UInt64 { source.next() }

    /// Uniform integer in `range` (multiply-high reduction; bias below 2⁻⁴⁰ for our ranges).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// Uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform double in `range`, rounded to `decimals` decimals (so files stay short).
    public mutating func double(in range: ClosedRange<Double>, decimals: Int = 2) -> Double {
        let value = range.lowerBound + unit() * (range.upperBound - range.lowerBound)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// Index drawn with probability proportional to `weights`.
    public mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (i, weight) in weights.enumerated() {
            if target < weight { return i }
            target -= weight
        }
        return weights.count - 1
    }

    /// Fisher–Yates shuffle.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(in: 0...i))
        }
    }
}
