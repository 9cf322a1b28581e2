import Formulations
import TestSupport
import XCTest

/// The pricing knapsack's bounds (tuned surrogate, cardinality, per dimension; issue 19): every
/// combination finds the same optimum as brute force, with conflicts and on Ryan–Foster node
/// problems ("together" groups merged, "apart" pairs as conflicts); a cut-off search's bound is
/// valid; the tuned surrogate multipliers bound no worse than uniform ones.
final class KnapsackBoundsTests: XCTestCase {
    static let combinations: [VectorKnapsack.Bounds] = [
        .uniformSurrogate,
        VectorKnapsack.Bounds(tunedSurrogate: true, cardinality: false, perDimension: false),
        VectorKnapsack.Bounds(tunedSurrogate: false, cardinality: true, perDimension: false),
        VectorKnapsack.Bounds(tunedSurrogate: true, cardinality: true, perDimension: true),
        VectorKnapsack.Bounds(),
    ]

    /// A random knapsack: t types in d dimensions, sizes in 5…45 % of capacity 100.
    struct Case {
        var values: [Double], sizes: [[Double]], bounds: [Int], conflicts: [[Int]]
        let capacity: [Double]
    }

    static func randomCase(seed: UInt64, types t: Int, dimensions d: Int, maxCopies: Int, conflictPairs: Int) -> Case {
        var random = SeededGenerator(seed: seed)
        let sizes = (0..<t).map { _ in (0..<d).map { _ in Double(Int.random(in: 5...45, using: &random)) } }
        let values = (0..<t).map { _ in Double(Int.random(in: 0...30, using: &random)) / 13 }
        let bounds = (0..<t).map { _ in Int.random(in: 1...maxCopies, using: &random) }
        var conflicts = Array(repeating: [Int](), count: t)
        for _ in 0..<conflictPairs {
            let a = Int.random(in: 0..<t, using: &random), b = Int.random(in: 0..<t, using: &random)
            if a != b && !conflicts[a].contains(b) { conflicts[a].append(b); conflicts[b].append(a) }
        }
        return Case(values: values, sizes: sizes, bounds: bounds, conflicts: conflicts, capacity: Array(repeating: 100, count: d))
    }

    /// The maximum by enumerating every count vector.
    static func bruteForce(_ c: Case) -> Double {
        let t = c.values.count, d = c.capacity.count
        var counts = Array(repeating: 0, count: t)
        var best = 0.0
        func enumerate(_ i: Int) {
            if i == t {
                for a in 0..<t where counts[a] > 0 { for b in c.conflicts[a] where counts[b] > 0 { return } }
                for k in 0..<d where (0..<t).reduce(0.0, { $0 + Double(counts[$1]) * c.sizes[$1][k] }) > c.capacity[k] { return }
                best = max(best, (0..<t).reduce(0.0) { $0 + Double(counts[$1]) * c.values[$1] })
                return
            }
            for n in 0...c.bounds[i] { counts[i] = n; enumerate(i + 1) }
            counts[i] = 0
        }
        enumerate(0)
        return best
    }

    func testEveryBoundCombinationMatchesBruteForce() {
        for seed in UInt64(1)...120 {
            let c = Self.randomCase(seed: seed, types: 8, dimensions: 1 + Int(seed % 5), maxCopies: seed % 3 == 0 ? 3 : 1,
                                    conflictPairs: seed % 2 == 0 ? 4 : 0)
            let best = Self.bruteForce(c)
            for bounds in Self.combinations {
                let solution = VectorKnapsack.solve(values: c.values, sizes: c.sizes, bounds: c.bounds, capacity: c.capacity,
                                                    conflicts: c.conflicts, using: bounds)
                XCTAssertTrue(solution.complete, "seed \(seed) \(bounds)")
                XCTAssertEqual(solution.value, best, accuracy: 1e-9, "seed \(seed) \(bounds)")
                XCTAssertEqual(solution.upperBound, best, accuracy: 1e-9, "seed \(seed) \(bounds)")
            }
        }
    }

    /// Node problems of Ryan–Foster decisions: merged "together" groups and "apart" conflicts.
    func testNodeProblemsMatchBruteForce() {
        var checked = 0
        for seed in UInt64(1)...80 {
            var random = SeededGenerator(seed: seed &+ 1000)
            let t = 9, d = 3
            let sizes = (0..<t).map { _ in (0..<d).map { _ in Double(Int.random(in: 5...35, using: &random)) } }
            let original = VectorPackingProblem(capacity: [100, 100, 100], sizes: sizes, demand: Array(repeating: 1, count: t),
                                                vmsOfType: (0..<t).map { [$0] }, hosts: Array(0..<t), costPerBin: 1)
            var decisions = RyanFosterBranching.Decisions()
            for _ in 0..<2 {
                let a = Int.random(in: 0..<t, using: &random), b = Int.random(in: 0..<t, using: &random)
                if a != b { decisions.together.append(RyanFosterBranching.TypePair(a, b)) }
            }
            for _ in 0..<3 {
                let a = Int.random(in: 0..<t, using: &random), b = Int.random(in: 0..<t, using: &random)
                if a != b { decisions.apart.append(RyanFosterBranching.TypePair(a, b)) }
            }
            guard let node = RyanFosterBranching.NodeProblem(original, decisions: decisions) else { continue }
            let values = node.problem.sizes.indices.map { _ in Double(Int.random(in: 1...30, using: &random)) / 11 }
            let c = Case(values: values, sizes: node.problem.sizes, bounds: node.problem.demand, conflicts: node.conflicts,
                         capacity: node.problem.capacity)
            let best = Self.bruteForce(c)
            for bounds in Self.combinations {
                let solution = VectorKnapsack.solve(values: c.values, sizes: c.sizes, bounds: c.bounds, capacity: c.capacity,
                                                    conflicts: c.conflicts, using: bounds)
                XCTAssertEqual(solution.value, best, accuracy: 1e-9, "seed \(seed) \(bounds)")
                XCTAssertTrue(decisions.admits(node.originalPattern(solution.counts)), "seed \(seed)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// Cut off after a few nodes, the bound of the open subtrees still bounds the maximum, and it
    /// is never above the root bound of a one-node search.
    func testCutOffBoundIsValid() {
        for seed in UInt64(1)...60 {
            let c = Self.randomCase(seed: seed &+ 500, types: 14, dimensions: 2 + Int(seed % 4), maxCopies: seed % 2 == 0 ? 2 : 1,
                                    conflictPairs: seed % 3 == 0 ? 5 : 0)
            let full = VectorKnapsack.solve(values: c.values, sizes: c.sizes, bounds: c.bounds, capacity: c.capacity, conflicts: c.conflicts)
            XCTAssertTrue(full.complete)
            let root = VectorKnapsack.solve(values: c.values, sizes: c.sizes, bounds: c.bounds, capacity: c.capacity,
                                            nodeLimit: 0, conflicts: c.conflicts)
            for limit in [1, 3, 10, 40] {
                let cut = VectorKnapsack.solve(values: c.values, sizes: c.sizes, bounds: c.bounds, capacity: c.capacity,
                                               nodeLimit: limit, conflicts: c.conflicts)
                XCTAssertGreaterThanOrEqual(cut.upperBound, full.value - 1e-9, "seed \(seed) limit \(limit)")
                XCTAssertLessThanOrEqual(cut.value, full.value + 1e-9, "seed \(seed) limit \(limit)")
                if !cut.complete { XCTAssertLessThanOrEqual(cut.upperBound, root.upperBound + 1e-9, "seed \(seed) limit \(limit)") }
            }
        }
    }

    /// The tuned multipliers' fractional bound is at most the uniform one and at least the maximum.
    func testTunedSurrogateBoundsTheMaximumNoWorseThanUniform() {
        var tighter = 0
        for seed in UInt64(1)...60 {
            let c = Self.randomCase(seed: seed &+ 2000, types: 8, dimensions: 2 + Int(seed % 4), maxCopies: 1, conflictPairs: 0)
            let normalised = c.sizes.map { $0.map { $0 / 100 } }
            let copies = c.bounds
            let tuned = SurrogateMultipliers.tuned(values: c.values, normalised: normalised, copies: copies)
            let uniform = SurrogateMultipliers.tuned(values: c.values, normalised: normalised, copies: copies, iterations: 1)
            XCTAssertLessThanOrEqual(tuned.bound, uniform.bound + 1e-9, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(tuned.bound, Self.bruteForce(c) - 1e-9, "seed \(seed)")
            XCTAssertEqual(tuned.multipliers.reduce(0, +), Double(c.capacity.count), accuracy: 1e-9)
            if tuned.bound < uniform.bound - 1e-6 { tighter += 1 }
        }
        XCTAssertGreaterThan(tighter, 0, "tuning never tightened the bound")
    }
}
