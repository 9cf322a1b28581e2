import PlacementModel
import XCTest
@testable import Heuristics

/// Orders VMs by index (a fallback that is easy to recognise).
private struct IndexOrder: VMSelectionPolicy {
    var name: String { "index" }
    var summary: String { "" }
    var citation: String { "" }
    func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        state.placement.hostOfVM.indices.filter { state.placement[$0] == host }
    }
}

final class MaximumCorrelationSelectionTests: XCTestCase {
    func state(vms: Int) -> PackingState {
        let instance = Instance(name: "mc", dimensions: ["cpu"], hosts: [Host(id: "h", capacity: ResourceVector([100]))],
                                vms: (0..<vms).map { VirtualMachine(id: "v\($0)", demand: ResourceVector([10]), currentHost: 0) })
        return PackingState(instance: instance, startingFrom: instance.currentPlacement)
    }

    func testCorrelatedVMLeavesBeforeIndependentOne() {
        // v1 follows v2 closely; v0 is unrelated: v0 has the lowest R² and must not leave first.
        let independent: [Double] = [0.5, 0.1, 0.4, 0.9, 0.2, 0.6, 0.3, 0.8, 0.1, 0.7]
        let base: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.4, 0.3, 0.2, 0.3, 0.5]
        let follower = base.enumerated().map { $0.element + ($0.offset % 2 == 0 ? 0.01 : -0.01) }
        let history = [independent, follower, base]
        let coefficients = MaximumCorrelationSelection.coefficients(of: [0, 1, 2], history: history)
        XCTAssertNotNil(coefficients)
        if let r2 = coefficients {
            XCTAssertLessThan(r2[0], 0.5)
            XCTAssertGreaterThan(r2[1], 0.9)
            XCTAssertGreaterThan(r2[2], 0.9)
        }
        let order = MaximumCorrelationSelection(fallback: IndexOrder()).order(vmsOn: 0, state: state(vms: 3),
                                                                               context: PolicyContext(vmHistory: history))
        XCTAssertEqual(Set(order), [0, 1, 2])
        XCTAssertNotEqual(order.first, 0)
        // The rest keeps the fallback's order.
        XCTAssertEqual(Array(order.dropFirst()), [0, 1, 2].filter { $0 != order.first })
    }

    func testFallbackWhenTooFewSamples() {
        // 3 VMs need more than 3 samples.
        let history: [[Double]] = [[0.1, 0.2, 0.3], [0.3, 0.1, 0.2], [0.2, 0.2, 0.1]]
        let order = MaximumCorrelationSelection(fallback: IndexOrder()).order(vmsOn: 0, state: state(vms: 3),
                                                                               context: PolicyContext(vmHistory: history))
        XCTAssertEqual(order, [0, 1, 2])
        XCTAssertNil(MaximumCorrelationSelection.coefficients(of: [0, 1, 2], history: history))
    }

    func testNearLinearDependenceHasDeterminationNearOneAndExactDependenceFallsBack() {
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let jitter: [Double] = [0.001, -0.001, 0.002, 0, -0.002, 0.001]
        let r2 = MaximumCorrelationSelection.coefficients(of: [0, 1], history: [x, zip(x, jitter).map { 3 * $0 + 1 + $1 }])
        XCTAssertEqual(r2?[0] ?? 0, 1, accuracy: 1e-5)
        XCTAssertEqual(r2?[1] ?? 0, 1, accuracy: 1e-5)
        // Exactly collinear histories: singular, so the fallback decides.
        XCTAssertNil(MaximumCorrelationSelection.coefficients(of: [0, 1], history: [x, x.map { 3 * $0 + 1 }]))
        // Uncorrelated pair: R² = r² = 0 for orthogonal centred series.
        let u: [Double] = [1, -1, 1, -1], v: [Double] = [1, 1, -1, -1]
        let zero = MaximumCorrelationSelection.coefficients(of: [0, 1], history: [u, v])
        XCTAssertEqual(zero?[0] ?? 1, 0, accuracy: 1e-12)
    }

    /// The Gauss-Jordan inversion as first written (every column of every row at every step) of
    /// the same covariance, the reference for the coefficients' sparse updates.
    static func referenceCoefficients(of vms: [Int], history: [[Double]]) -> [Double]? {
        guard var a = MaximumCorrelationSelection.augmentedCovariance(of: vms, history: history) else { return nil }
        let n = vms.count, w = 2 * n
        let diagonal = (0..<n).map { a[$0 * w + $0] }
        let scale = diagonal.max() ?? 0
        guard scale > 0 else { return nil }
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(col + 1, n) where abs(a[r * w + col]) > abs(a[pivot * w + col]) { pivot = r }
            if abs(a[pivot * w + col]) <= 1e-10 * scale { return nil }
            if pivot != col { for c in 0..<w { a.swapAt(col * w + c, pivot * w + c) } }
            let p = a[col * w + col]
            for c in 0..<w { a[col * w + c] /= p }
            for r in 0..<n where r != col {
                let f = a[r * w + col]
                if f == 0 { continue }
                for c in 0..<w { a[r * w + c] -= f * a[col * w + c] }
            }
        }
        return (0..<n).map { i in
            let product = diagonal[i] * a[i * w + n + i]
            return product > 0 ? max(0, min(1, 1 - 1 / product)) : 0
        }
    }

    /// Bit for bit the reference on seeded random histories: independent, correlated (shared
    /// component), with constant or repeated series (singular), of 2…16 VMs and 3…30 samples.
    func testCoefficientsEqualTheFullGaussJordanBitForBit() {
        var random = SplitMix64(seed: 11)
        var compared = 0
        for _ in 0..<600 {
            let n = Int.random(in: 2...16, using: &random), m = Int.random(in: 3...30, using: &random)
            let shared = (0..<m).map { _ in Double.random(in: 0...1, using: &random) }
            let mix = Double.random(in: 0...1, using: &random)
            var history = (0..<n).map { _ in (0..<m).map { t in
                ((mix * shared[t] + (1 - mix) * Double.random(in: 0...1, using: &random)) * 100).rounded() / 100 } }
            if Int.random(in: 0..<4, using: &random) == 0 { history[0] = history[n - 1] }
            if Int.random(in: 0..<6, using: &random) == 0 { history[1] = Array(repeating: 0.5, count: m) }
            let vms = Array(0..<n).shuffled(using: &random)
            let expected = Self.referenceCoefficients(of: vms, history: history)
            let actual = MaximumCorrelationSelection.coefficients(of: vms, history: history)
            XCTAssertEqual(actual?.map(\.bitPattern), expected?.map(\.bitPattern))
            if expected != nil { compared += 1 }
        }
        XCTAssertGreaterThan(compared, 200)
    }
}
