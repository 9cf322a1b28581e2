import ExactSolver
import Formulations
import Foundation
import GLPKSolver
import Heuristics
import InstanceFormats
import PlacementModel
import TestSupport
import XCTest

/// Column generation bound and the packing pipeline: never above the optimum (brute force on
/// small random instances, published optima on a sample of the public sets).
final class ColumnGenerationTests: XCTestCase {
    func generation(_ problem: VectorPackingProblem) -> ColumnGeneration {
        let solver = GLPKSolver()
        return ColumnGeneration(problem: problem, solver: solver)
    }

    func testBoundNeverAboveBruteForceOptimum() throws {
        for seed in UInt64(1)...20 {
            let instance = RandomInstances.make(seed: seed, vms: 5, hosts: 5, dimensions: 2, capacity: 100, demandRange: 20...70)
            let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
            let result = try generation(problem).run(demand: problem.demand, initialPatterns: [], deadline: .after(20))
            XCTAssertTrue(result.converged)
            let optimum = try XCTUnwrap(BruteForce.optimum(instance, goal: .place))
            XCTAssertLessThanOrEqual(Double(result.lowerBound), optimum.value, "seed \(seed)")
            XCTAssertLessThanOrEqual(result.dualBound, optimum.value + 1e-9)
            // The LP bound is at least the continuous bound.
            XCTAssertGreaterThanOrEqual(result.lowerBound, BinPackingBounds.l1(sizes: problem.itemSizes, capacity: problem.capacity))
        }
    }

    func testDiveGivesAFeasiblePacking() throws {
        for seed in UInt64(40)...50 {
            let instance = RandomInstances.make(seed: seed, vms: 12, hosts: 12, dimensions: 3, capacity: 100, demandRange: 15...55)
            let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
            let cg = generation(problem)
            let start = try cg.run(demand: problem.demand, initialPatterns: [], deadline: .after(20))
            let bins = try XCTUnwrap(try cg.dive(from: start, deadline: .after(20)).bins)
            XCTAssertTrue(bins.allSatisfy(problem.fits))
            let placement = try XCTUnwrap(problem.placement(bins: bins, vmCount: instance.vms.count))
            XCTAssertEqual(PlacementChecker.check(instance, placement), [])
            XCTAssertGreaterThanOrEqual(placement.usedHosts.count, start.lowerBound)
        }
    }

    /// Stopped before convergence (columns priced after the last LP), the LP values still cover
    /// every column (0 for the new ones), so the dive starts from them and packs everything.
    func testUnconvergedRunStillDives() throws {
        for seed in UInt64(80)...85 {
            let instance = RandomInstances.make(seed: seed, vms: 15, hosts: 15, dimensions: 3, capacity: 100, demandRange: 15...55)
            let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
            var cg = generation(problem)
            cg.maximumIterations = 2
            let start = try cg.run(demand: problem.demand, initialPatterns: [], deadline: .after(20))
            XCTAssertFalse(start.converged, "seed \(seed)")
            XCTAssertEqual(start.lpValues.count, start.patterns.count, "seed \(seed)")
            cg.maximumIterations = 5000
            let bins = try XCTUnwrap(try cg.dive(from: start, deadline: .after(20)).bins, "seed \(seed)")
            XCTAssertNotNil(problem.placement(bins: bins, vmCount: instance.vms.count), "seed \(seed)")
        }
    }

    func testPackingPipelineAgreesWithCompactModel() throws {
        for seed in UInt64(60)...75 {
            let instance = RandomInstances.make(seed: seed, vms: 8, hosts: 8, dimensions: 2, capacity: 100, demandRange: 20...60)
            let pipeline = try Tiny.solve(instance, goal: .place)
            let compact = try Tiny.solve(instance, goal: .place, method: ExactMethod(useColumnGeneration: false))
            XCTAssertEqual(pipeline.status, .optimal, "seed \(seed) \(pipeline.notes)")
            XCTAssertEqual(compact.status, .optimal)
            XCTAssertEqual(pipeline.objective, compact.objective, "seed \(seed)")
            XCTAssertEqual(PlacementChecker.check(instance, try XCTUnwrap(pipeline.placement)), [])
        }
    }

    /// Published optima (Panigrahy classes, n = 20, every 9th file): never an optimum above OPT,
    /// never a bound above OPT, and every placement passes the checker.
    func testNeverAbovePublishedOptimum() throws {
        guard SharedData.path("vbp/known") != nil, let data = SharedData.root else { throw XCTSkip("../shared/data is absent: published-optimum check skipped") }
        let table = try String(contentsOfFile: data + "/vbp/known/Panigrahy_summary_known.csv", encoding: .utf8)
        var optimum: [String: Int] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t")
            if fields.count >= 3, let opt = Int(fields[2]), opt > 0 { optimum[String(fields[0])] = opt }
        }
        var checked = 0
        for c in 1...9 {
            let directory = data + "/vbp/panigrahy/class\(c)"
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("_20_") && $0.hasSuffix(".vbp") }.sorted()
            for (i, file) in files.enumerated() where i % 9 == 0 {
                guard let opt = optimum[String(file.dropLast(4))] else { continue }
                let instance = try VBPFormat.read(path: directory + "/" + file)
                let result = try Tiny.solve(instance, goal: .place, options: SolveOptions(timeLimit: 5))
                let placement = try XCTUnwrap(result.placement)
                XCTAssertEqual(PlacementChecker.check(instance, placement), [], file)
                XCTAssertLessThanOrEqual(result.bound ?? 0, Double(opt) + 1e-9, file)
                XCTAssertGreaterThanOrEqual(placement.usedHosts.count, opt, file)
                if result.status == .optimal { XCTAssertEqual(placement.usedHosts.count, opt, file) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10)
    }
}
