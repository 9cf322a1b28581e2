import Formulations
import TestSupport
import XCTest

final class VectorKnapsackTests: XCTestCase {
    func testByHand() {
        // Capacity (10,10): (6,2) value 5, (4,7) value 4, (3,3) value 3 ×2.
        let solution = VectorKnapsack.solve(values: [5, 4, 3], sizes: [[6, 2], [4, 7], [3, 3]], bounds: [1, 1, 2], capacity: [10, 10])
        // 5 + 4 = 9 (10,9); 5 + 3 = 8; 4 + 3·2 = 10 needs (10,13) no; 3+3+... best 9? (6,2)+(3,3) = (9,5) → 8; (4,7)+(3,3)=(7,10) → 7.
        XCTAssertEqual(solution.value, 9)
        XCTAssertEqual(solution.counts, [1, 1, 0])
        XCTAssertTrue(solution.complete)
    }

    func testMatchesEnumeration() {
        for seed in UInt64(1)...80 {
            var random = SeededGenerator(seed: seed)
            let t = 5, d = 3
            let sizes = (0..<t).map { _ in (0..<d).map { _ in Double(Int.random(in: 1...60, using: &random)) } }
            let values = (0..<t).map { _ in Double(Int.random(in: 0...20, using: &random)) / 7 }
            let bounds = (0..<t).map { _ in Int.random(in: 1...3, using: &random) }
            let capacity = [100.0, 100, 100]
            var best = 0.0
            var counts = Array(repeating: 0, count: t)
            func enumerate(_ i: Int) {
                if i == t {
                    for k in 0..<d {
                        var load = 0.0
                        for j in 0..<t { load += Double(counts[j]) * sizes[j][k] }
                        if load > capacity[k] { return }
                    }
                    var value = 0.0
                    for j in 0..<t { value += Double(counts[j]) * values[j] }
                    best = max(best, value)
                    return
                }
                for c in 0...bounds[i] { counts[i] = c; enumerate(i + 1) }
                counts[i] = 0
            }
            enumerate(0)
            let solution = VectorKnapsack.solve(values: values, sizes: sizes, bounds: bounds, capacity: capacity)
            XCTAssertEqual(solution.value, best, accuracy: 1e-9, "seed \(seed)")
            XCTAssertTrue(solution.complete)
        }
    }

    func testNodeLimitGivesValidUpperBound() {
        let sizes: [[Double]] = (0..<30).map { (i: Int) -> [Double] in
            let a: Double = Double(10 + i % 7)
            let b: Double = Double(12 + i % 5)
            return [a, b]
        }
        let values: [Double] = (0..<30).map { (i: Int) -> Double in 1.0 + Double(i % 4) / 10.0 }
        let full = VectorKnapsack.solve(values: values, sizes: sizes, bounds: Array(repeating: 1, count: 30), capacity: [100, 100])
        let cut = VectorKnapsack.solve(values: values, sizes: sizes, bounds: Array(repeating: 1, count: 30), capacity: [100, 100], nodeLimit: 5)
        XCTAssertFalse(cut.complete)
        XCTAssertGreaterThanOrEqual(cut.upperBound, full.value - 1e-9)
        XCTAssertLessThanOrEqual(cut.value, full.value + 1e-9)
    }

    /// With conflicts (Ryan–Foster "apart" pairs): the optimum of an enumeration that skips every
    /// selection holding a conflicting pair, and neither the exact nor the greedy answers hold one.
    func testConflictsMatchEnumeration() {
        for seed in UInt64(1)...80 {
            var random = SeededGenerator(seed: seed)
            let t = 6, d = 2
            let sizes = (0..<t).map { _ in (0..<d).map { _ in Double(Int.random(in: 5...45, using: &random)) } }
            let values = (0..<t).map { _ in Double(Int.random(in: 1...20, using: &random)) / 7 }
            let bounds = (0..<t).map { _ in Int.random(in: 1...2, using: &random) }
            var conflicts = Array(repeating: [Int](), count: t)
            for _ in 0..<3 {
                let a = Int.random(in: 0..<t, using: &random), b = Int.random(in: 0..<t, using: &random)
                if a != b && !conflicts[a].contains(b) { conflicts[a].append(b); conflicts[b].append(a) }
            }
            let capacity = [100.0, 100]
            func allowed(_ counts: [Int]) -> Bool {
                for a in 0..<t where counts[a] > 0 { for b in conflicts[a] where counts[b] > 0 { return false } }
                return (0..<d).allSatisfy { k in (0..<t).reduce(0.0) { $0 + Double(counts[$1]) * sizes[$1][k] } <= capacity[k] }
            }
            var best = 0.0
            var counts = Array(repeating: 0, count: t)
            func enumerate(_ i: Int) {
                if i == t {
                    if allowed(counts) { best = max(best, (0..<t).reduce(0.0) { $0 + Double(counts[$1]) * values[$1] }) }
                    return
                }
                for c in 0...bounds[i] { counts[i] = c; enumerate(i + 1) }
                counts[i] = 0
            }
            enumerate(0)
            let solution = VectorKnapsack.solve(values: values, sizes: sizes, bounds: bounds, capacity: capacity, conflicts: conflicts)
            XCTAssertEqual(solution.value, best, accuracy: 1e-9, "seed \(seed)")
            XCTAssertTrue(solution.complete)
            XCTAssertTrue(allowed(solution.counts), "seed \(seed)")
            for alternative in solution.alternatives { XCTAssertTrue(allowed(alternative), "seed \(seed)") }
            let greedy = VectorKnapsack.greedy(values: values, sizes: sizes, bounds: bounds, capacity: capacity, seeds: 3,
                                               conflicts: conflicts)
            XCTAssertFalse(greedy.isEmpty)
            for answer in greedy { XCTAssertTrue(allowed(answer.counts), "seed \(seed)") }
        }
    }

    /// Stopping soon after a solution worth more than `goodEnough`: that solution is returned,
    /// and the upper bound still bounds the maximum.
    func testGoodEnoughStopsEarlyWithValidBound() {
        let t = 40
        let sizes: [[Double]] = (0..<t).map { (i: Int) -> [Double] in
            let a: Int = 100 + (i * 37) % 300
            let b: Int = 100 + (i * 53) % 300
            return [Double(a), Double(b)]
        }
        let values: [Double] = (0..<t).map { (i: Int) -> Double in
            let step: Int = (i * 29) % 17
            return 0.2 + Double(step) / 40
        }
        let bounds = Array(repeating: 1, count: t)
        let full = VectorKnapsack.solve(values: values, sizes: sizes, bounds: bounds, capacity: [1000, 1000])
        XCTAssertTrue(full.complete)
        let early = VectorKnapsack.solve(values: values, sizes: sizes, bounds: bounds, capacity: [1000, 1000],
                                         goodEnough: 1, nodesAfterGoodEnough: 0)
        XCTAssertGreaterThan(early.value, 1)
        XCTAssertLessThanOrEqual(early.value, full.value + 1e-9)
        XCTAssertGreaterThanOrEqual(early.upperBound, full.value - 1e-9)
        if early.complete { XCTAssertEqual(early.value, full.value, accuracy: 1e-9) }
        XCTAssertEqual(zip(early.counts, values).reduce(0.0) { $0 + Double($1.0) * $1.1 }, early.value, accuracy: 1e-9)
    }
}
