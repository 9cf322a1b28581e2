import TestSupport
import XCTest
@testable import Heuristics

/// ``DemandBoxTree`` must answer every query as a naive scan does: the earliest position still to
/// place whose demand fits — load + demand ≤ capacity + 1e-9·max(1, |capacity|) in every
/// dimension — through the whole host-by-host first fit, whatever the demands' magnitudes, ties
/// or repetitions, and whether subtrees were built concurrently.
final class DemandBoxTreeTests: XCTestCase {
    /// One first fit computed host by host with the tree, every answer compared with a scan over
    /// the positions; the tree's structure checked as it goes. Returns the host of each position.
    @discardableResult
    func run(ordered: [Double], types: [Int32], typeCount: Int, dimensions d: Int, capacity: [[Double]],
             parallelThreshold: Int = .max, file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        let n = types.count
        var largest = [Double](repeating: 0, count: d)
        for host in capacity { for k in 0..<d { largest[k] = max(largest[k], host[k]) } }
        let tree = ordered.withUnsafeBufferPointer { ordered in
            types.withUnsafeBufferPointer { types in
                DemandBoxTree(ordered: ordered, typeOfPosition: types, typeCount: typeCount, dimensions: d,
                              largestCapacity: largest, parallelThreshold: parallelThreshold)
            }
        }
        XCTAssertEqual(tree.structuralProblems(), [], "after building", file: file, line: line)
        var placed = [Bool](repeating: false, count: n)
        var hostOf = [Int](repeating: -1, count: n)
        var load = [Double](repeating: 0, count: d), limit = [Double](repeating: 0, count: d)
        var queries = 0
        for (h, host) in capacity.enumerated() {
            for k in 0..<d { load[k] = 0; limit[k] = host[k] + 1e-9 * max(1, abs(host[k])) }
            while true {
                let expected = (0..<n).first { p in
                    !placed[p] && (0..<d).allSatisfy { k in load[k] + ordered[p * d + k] <= limit[k] }
                }
                let answer = load.withUnsafeBufferPointer { load in
                    limit.withUnsafeBufferPointer { limit in
                        tree.setHost(load: load.baseAddress!, limit: limit.baseAddress!)
                        return tree.first(load: load.baseAddress!, limit: limit.baseAddress!)
                    }
                }
                queries += 1
                XCTAssertEqual(answer?.position, expected, "host \(h), query \(queries)", file: file, line: line)
                guard let p = expected, let answer, answer.position == p else { break }
                XCTAssertEqual(answer.type, Int(types[p]), file: file, line: line)
                placed[p] = true
                hostOf[p] = h
                for k in 0..<d { load[k] += ordered[p * d + k] }
                tree.remove(type: answer.type)
                if queries % 97 == 0 { XCTAssertEqual(tree.structuralProblems(), [], "query \(queries)", file: file, line: line) }
            }
        }
        XCTAssertEqual(tree.structuralProblems(), [], "at the end", file: file, line: line)
        return hostOf
    }

    /// Demands in a random order (the tree does not need them sorted) with their types.
    func instance(seed: UInt64, count n: Int, dimensions d: Int, typeCount: Int?,
                  value: (inout SeededGenerator) -> Double) -> (ordered: [Double], types: [Int32], typeCount: Int) {
        var random = SeededGenerator(seed: seed)
        guard let typeCount else {
            let ordered = (0..<(n * d)).map { _ in value(&random) }
            return (ordered, (0..<n).map { Int32($0) }, n)
        }
        let catalogue = (0..<typeCount).map { _ in (0..<d).map { _ in value(&random) } }
        // Every type used at least once, then random ones.
        var types = (0..<n).map { p in Int32(p < typeCount ? p : Int.random(in: 0..<typeCount, using: &random)) }
        types.shuffle(using: &random)
        return (types.flatMap { catalogue[Int($0)] }, types, typeCount)
    }

    func testRandomDemandsAgainstScanAcrossSizes() {
        // Sizes around every leaf and inner-node boundary (8, 64, 512); 1 to 12 dimensions.
        for (seed, n) in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 100, 511, 512, 513, 700].enumerated() {
            let d = [1, 2, 3, 5, 9, 12][seed % 6]
            let (ordered, types, t) = instance(seed: UInt64(seed), count: n, dimensions: d, typeCount: nil) { r in
                Double(Int.random(in: 1...400, using: &r))
            }
            var random = SeededGenerator(seed: UInt64(1_000 + seed))
            let capacity = (0..<n).map { _ in (0..<d).map { _ in Double(Int.random(in: 400...1000, using: &random)) } }
            run(ordered: ordered, types: types, typeCount: t, dimensions: d, capacity: capacity)
        }
    }

    func testCatalogueTypesAgainstScan() {
        for seed in UInt64(20)..<26 {
            let d = Int(seed % 5) + 1, t = [1, 3, 8, 9, 40, 70][Int(seed - 20)]
            let (ordered, types, count) = instance(seed: seed, count: 400, dimensions: d, typeCount: t) { r in
                Double(Int.random(in: 0...60, using: &r))
            }
            let capacity: [[Double]] = (0..<400).map { (h: Int) -> [Double] in
                (0..<d).map { (k: Int) -> Double in Double(60 + (h * 7 + k * 13) % 61) }
            }
            run(ordered: ordered, types: types, typeCount: count, dimensions: d, capacity: capacity)
        }
    }

    /// Magnitudes where single precision and the 16-bit steps matter: demands of 1e-12 next to
    /// 1e12, demands equal to the capacity or one ulp above, zeros, a dimension of zero capacity.
    func testQuantisationEdgesAgainstScan() {
        let d = 3
        var random = SeededGenerator(seed: 77)
        let big = 1e12, one = 1.0
        var choices: [Double] = [0, 1e-12, big, big.nextUp, big / 2, one, one.nextUp, 0.5, big / 3]
        let tiny: [Double] = [0, 0, 1e-300]
        var ordered: [Double] = []
        for _ in 0..<300 {
            choices[choices.count - 1] = Double.random(in: 0...big, using: &random)
            ordered.append(choices.randomElement(using: &random)!)
            ordered.append(choices.randomElement(using: &random)!)
            ordered.append(tiny.randomElement(using: &random)!)
        }
        let types = (0..<300).map { Int32($0) }
        let capacity = (0..<300).map { h -> [Double] in [h % 2 == 0 ? big : one, h % 3 == 0 ? big : 2 * big, 0] }
        run(ordered: ordered, types: types, typeCount: 300, dimensions: d, capacity: capacity)
    }

    /// Exactly full hosts: the demands of a host sum to its capacity (ties at every step).
    func testExactFitsAgainstScan() {
        let d = 2
        var ordered: [Double] = []
        for i in 0..<240 { ordered += [Double(10 * (i % 6 + 1)), Double(100 - 10 * (i % 6 + 1))] }
        let types = (0..<240).map { Int32($0) }
        let capacity = Array(repeating: [70.0, 100.0], count: 240)
        run(ordered: ordered, types: types, typeCount: 240, dimensions: d, capacity: capacity)
    }

    /// Subtrees built concurrently (a small threshold so that a small tree uses it) give the tree
    /// the same answers — and the same hosts — as a serial build.
    func testConcurrentBuildMatchesSerial() {
        let d = 4, n = 3_000
        let (ordered, types, t) = instance(seed: 5, count: n, dimensions: d, typeCount: nil) { r in
            Double(Int.random(in: 1...400, using: &r))
        }
        let capacity = Array(repeating: Array(repeating: 1000.0, count: d), count: 900)
        let serial = run(ordered: ordered, types: types, typeCount: t, dimensions: d, capacity: capacity)
        let concurrent = run(ordered: ordered, types: types, typeCount: t, dimensions: d, capacity: capacity, parallelThreshold: 64)
        XCTAssertEqual(serial, concurrent)
        XCTAssertFalse(serial.contains(-1), "every VM fits an empty host")
    }

    func testNodeCounts() {
        XCTAssertEqual(DemandBoxTree.counts(for: 0).leaves, 0)
        XCTAssertEqual(DemandBoxTree.counts(for: 1).inner, 0)
        XCTAssertEqual(DemandBoxTree.counts(for: 8).leaves, 1)
        XCTAssertEqual(DemandBoxTree.counts(for: 9).inner, 1)
        XCTAssertEqual(DemandBoxTree.counts(for: 9).leaves, 2)
        XCTAssertEqual(DemandBoxTree.counts(for: 64).leaves, 8)
        // 65 types: a root over a 64-type child (8 leaves) and a 1-type leaf.
        XCTAssertEqual(DemandBoxTree.counts(for: 65).inner, 2)
        XCTAssertEqual(DemandBoxTree.counts(for: 65).leaves, 9)
    }
}
