import Formulations
import GLPKSolver
import PlacementModel
import TestSupport
import XCTest

/// Wentges dual smoothing: the same final bound as plain column generation, and the centre moves
/// only to a better bound.
final class WentgesSmoothingTests: XCTestCase {
    func problem(seed: UInt64, vms: Int, dimensions: Int, range: ClosedRange<Int>) throws -> VectorPackingProblem {
        let instance = RandomInstances.make(seed: seed, vms: vms, hosts: vms, dimensions: dimensions, capacity: 100, demandRange: range)
        return try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
    }

    func testSmoothedColumnGenerationReachesThePlainBound() throws {
        var smoothedIterations = 0, plainIterations = 0
        for seed in UInt64(1)...16 {
            let problem = try problem(seed: seed, vms: 14, dimensions: 2 + Int(seed % 2), range: 10...55)
            var plain = ColumnGeneration(problem: problem, solver: GLPKSolver())
            plain.greedySeeds = 0
            var smoothed = plain
            smoothed.smoothing = 0.5
            let a = try plain.run(demand: problem.demand, initialPatterns: [], deadline: .after(30))
            let b = try smoothed.run(demand: problem.demand, initialPatterns: [], deadline: .after(30))
            XCTAssertTrue(a.converged && b.converged, "seed \(seed)")
            XCTAssertEqual(a.masterValue, b.masterValue, accuracy: 1e-6, "seed \(seed)")
            XCTAssertEqual(a.lowerBound, b.lowerBound, "seed \(seed)")
            XCTAssertLessThanOrEqual(b.dualBound, b.masterValue + 1e-6, "seed \(seed)")
            plainIterations += a.iterations
            smoothedIterations += b.iterations
        }
        print("column generation iterations on 16 instances: plain \(plainIterations), smoothed \(smoothedIterations)")
    }

    func testSmoothingPointAndCentre() {
        var smoothing = WentgesSmoothing(weight: 0.25)
        XCTAssertEqual(smoothing.separationPoint([1, 2]), [1, 2])
        smoothing.offer([0, 4], bound: 3)
        XCTAssertEqual(smoothing.separationPoint([1, 2]), [0.75, 2.5])
        smoothing.offer([8, 8], bound: 2)  // a worse bound does not move the centre
        XCTAssertEqual(smoothing.centre, [0, 4])
    }
}
