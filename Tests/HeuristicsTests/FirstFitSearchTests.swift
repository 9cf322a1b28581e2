import XCTest
import TestSupport
@testable import Heuristics

/// ``FirstFitSearch`` (and the ``ResidualBoxTree`` blocks inside it) must answer every query
/// exactly as a naive scan does: the lowest-index usable, open host whose load plus the demand
/// stays within capacity + 1e-9·max(1, |capacity|) in every dimension. Small block and leaf sizes
/// make every path run (sealing, merging, refits, removals, lanes past 8 dimensions).
final class FirstFitSearchTests: XCTestCase {
    /// The reference: a scan over every host.
    struct NaiveHosts {
        let d: Int
        let capacity: [Double]
        let usable: [Bool]
        var load: [Double]
        var closed: [Bool]

        init(capacity: [Double], dimensions: Int, usable: [Bool]) {
            d = dimensions
            self.capacity = capacity
            self.usable = usable
            load = Array(repeating: 0, count: capacity.count)
            closed = Array(repeating: false, count: usable.count)
        }

        func first(_ demand: [Double]) -> Int? {
            usable.indices.first { h in
                usable[h] && !closed[h] && (0..<d).allSatisfy { k in
                    let limit = capacity[h * d + k]
                    return load[h * d + k] + demand[k] <= limit + 1e-9 * max(1, abs(limit))
                }
            }
        }

        mutating func add(_ demand: [Double], to h: Int) { for k in 0..<d { load[h * d + k] += demand[k] } }
    }

    /// Runs `steps` random queries on both and compares every answer; returns how many hosts got a VM.
    @discardableResult
    func compare(seed: UInt64, dimensions d: Int, hosts m: Int, steps: Int, typed: Bool, grouping: Bool,
                 blockSize: Int, mergeRatio: Int, leafSize: Int,
                 parallelMergeSize: Int = .max, waitsForMerges: Bool = true,
                 capacity makeCapacity: (inout SeededGenerator, Int, Int) -> Double,
                 demand makeDemand: (inout SeededGenerator, Int) -> Double) -> Int {
        var random = SeededGenerator(seed: seed)
        var capacity = [Double](repeating: 0, count: m * d)
        for h in 0..<m { for k in 0..<d { capacity[h * d + k] = makeCapacity(&random, h, k) } }
        let usable = (0..<m).map { _ in Int.random(in: 0..<12, using: &random) != 0 }
        var naive = NaiveHosts(capacity: capacity, dimensions: d, usable: usable)
        let search = FirstFitSearch(capacity: capacity, dimensions: d, usable: usable, grouping: grouping,
                                    blockSize: blockSize, mergeRatio: mergeRatio, leafSize: leafSize,
                                    parallelMergeSize: parallelMergeSize, waitsForMerges: waitsForMerges)
        let types = (0..<6).map { _ in (0..<d).map { k in makeDemand(&random, k) } }
        var used = Set<Int>()
        for step in 0..<steps {
            let demand = typed ? types[Int.random(in: 0..<types.count, using: &random)] : (0..<d).map { k in makeDemand(&random, k) }
            let expected = naive.first(demand)
            // Any hint at or below the true answer is one the caller may give.
            let from = Int.random(in: 0...(expected ?? m), using: &random)
            let found = search.first(fitting: demand, from: from)
            XCTAssertEqual(found, expected, "seed \(seed), step \(step), from \(from), d \(d), grouping \(grouping)")
            guard let h = expected, found == expected else { if expected == nil { continue } else { return used.count } }
            naive.add(demand, to: h)
            search.add(demand, to: h)
            used.insert(h)
            for k in 0..<d {
                XCTAssertEqual(search.residual(host: h, dimension: k), capacity[h * d + k] - naive.load[h * d + k])
            }
            // Now and then a host is closed (first fit closes hosts that can take nothing more).
            if Int.random(in: 0..<9, using: &random) == 0 {
                naive.closed[h] = true
                search.close(h)
            }
        }
        return used.count
    }

    func testMatchesNaiveScanOnRandomSequences() {
        for seed in UInt64(1)...60 {
            var random = SeededGenerator(seed: seed &* 31 &+ 5)
            let d = Int.random(in: 1...11, using: &random)   // 9–11: two SIMD lanes of 8
            let heterogeneous = seed % 2 == 0
            let used = compare(seed: seed, dimensions: d, hosts: Int.random(in: 40...220, using: &random),
                               steps: 400, typed: seed % 5 == 0, grouping: seed % 7 != 0,
                               blockSize: Int.random(in: 1...12, using: &random), mergeRatio: Int.random(in: 1...4, using: &random),
                               leafSize: Int.random(in: 2...6, using: &random),
                               // Every third sequence builds merges on another thread: taken at
                               // the next seal (deterministic) or whenever they are ready.
                               parallelMergeSize: seed % 3 == 0 ? Int.random(in: 2...40, using: &random) : .max,
                               waitsForMerges: seed % 2 == 0,
                               capacity: { r, _, _ in heterogeneous ? Double(Int.random(in: 50...120, using: &r)) : 100 },
                               demand: { r, _ in Double.random(in: 0...45, using: &r) })
            XCTAssertGreaterThan(used, 20, "seed \(seed): the sequence should use many hosts")
        }
    }

    /// Values single precision cannot hold exactly (tiny, huge, beyond Float's range, sums that
    /// land on the tolerance): the outward rounding of the boxes must neither hide a host that
    /// fits nor take one that does not.
    func testExtremeMagnitudesAndToleranceBoundaries() {
        let scales: [Double] = [1e-40, 1e-7, 0.1, 3, 1e9, 1e39, 1e300]
        for (index, scale) in scales.enumerated() {
            let seed = UInt64(100 + index)
            compare(seed: seed, dimensions: 5, hosts: 120, steps: 500, typed: false, grouping: true,
                    blockSize: 4, mergeRatio: 2, leafSize: 3,
                    capacity: { _, _, _ in scale },
                    demand: { r, _ in
                        // Thirds, tenths and near-exact fits of the capacity.
                        [scale / 3, scale / 10, scale * 0.1 + scale * 0.2, scale * (1 - 1e-10), scale * 1e-9,
                         scale * Double.random(in: 0...0.4, using: &r)][Int.random(in: 0..<6, using: &r)]
                    })
        }
    }

    /// Many hosts, continuous demands, the default block and leaf sizes: the configuration
    /// first fit decreasing uses at scale.
    func testDefaultConfigurationAtScale() {
        let used = compare(seed: 7, dimensions: 5, hosts: 1_000, steps: 4_000, typed: false, grouping: true,
                           blockSize: 128, mergeRatio: 4, leafSize: 8,
                           capacity: { _, _, _ in 1000 }, demand: { r, _ in Double(Int.random(in: 1...400, using: &r)) })
        XCTAssertGreaterThan(used, 700, "the run should seal and merge many blocks")
    }

    /// The same with merges built on another thread, taken at the next seal (hosts filled and
    /// closed while the merge was built are refitted or removed then) or whenever they are ready.
    func testMergesBuiltOnAnotherThread() {
        for (seed, waits) in [(UInt64(8), true), (9, false), (10, false)] {
            let used = compare(seed: seed, dimensions: 5, hosts: 1_000, steps: 4_000, typed: false, grouping: true,
                               blockSize: 16, mergeRatio: 4, leafSize: 8, parallelMergeSize: 64, waitsForMerges: waits,
                               capacity: { _, _, _ in 1000 }, demand: { r, _ in Double(Int.random(in: 1...400, using: &r)) })
            XCTAssertGreaterThan(used, 700, "seed \(seed): the run should seal and merge many blocks")
        }
    }
}
