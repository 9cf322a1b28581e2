import ExactSolver
import Formulations
import Foundation
import GLPKSolver
import Heuristics
import PlacementModel
import TestSupport
import XCTest

/// Ryan–Foster branching (every node's columns keep its decisions) and the branch-and-price tree (the brute-forced optimum; never
/// "optimal" without a bound equal to the incumbent).
final class BranchAndPriceTests: XCTestCase {
    func problem(seed: UInt64, vms: Int, dimensions: Int = 2, range: ClosedRange<Int> = 20...60) throws -> VectorPackingProblem {
        let instance = RandomInstances.make(seed: seed, vms: vms, hosts: vms, dimensions: dimensions, capacity: 100, demandRange: range)
        return try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
    }

    /// Whether `bins` hold every item of `problem` and each fits one bin.
    func packsEverything(_ bins: [[Int]], _ problem: VectorPackingProblem) -> Bool {
        guard bins.allSatisfy(problem.fits) else { return false }
        return problem.demand.indices.allSatisfy { t in bins.reduce(0) { $0 + $1[t] } >= problem.demand[t] }
    }

    func testNodeProblemMergesAndSeparates() throws {
        let problem = try problem(seed: 3, vms: 6)
        XCTAssertEqual(problem.demand, Array(repeating: 1, count: 6))
        let decisions = BranchAndPrice.Decisions(together: [.init(0, 1)], apart: [.init(1, 2)])
        let node = try XCTUnwrap(RyanFosterBranching.NodeProblem(problem, decisions: decisions))
        XCTAssertEqual(node.groups, [[0, 1], [2], [3], [4], [5]])
        XCTAssertEqual(node.problem.sizes[0], zip(problem.sizes[0], problem.sizes[1]).map { $0 + $1 })
        XCTAssertEqual(node.conflicts[0], [1])
        XCTAssertNil(node.nodePattern([1, 0, 0, 0, 0, 0]), "0 without 1 breaks 'together'")
        XCTAssertNil(node.nodePattern([1, 1, 1, 0, 0, 0]), "1 with 2 breaks 'apart'")
        XCTAssertEqual(node.nodePattern([1, 1, 0, 1, 0, 0]), [1, 0, 1, 0, 0])
        XCTAssertEqual(node.originalPattern([1, 0, 1, 0, 0]), [1, 1, 0, 1, 0, 0])
        XCTAssertNil(RyanFosterBranching.NodeProblem(problem, decisions: .init(together: [.init(0, 1)], apart: [.init(0, 1)])))
    }

    /// Every column of every node's LP keeps that node's decisions and fits a bin, with the columns
    /// of the root (many of which break the decisions) offered as the pool.
    func testEveryNodesColumnsKeepItsDecisions() throws {
        var checkedNodes = 0
        for seed in UInt64(20)...34 {
            let problem = try problem(seed: seed, vms: 12, range: 10...50)
            guard problem.demand.allSatisfy({ $0 == 1 }) else { continue }
            let tree = BranchAndPrice(problem: problem, solver: GLPKSolver())
            let root = try tree.solveNode(.init(), pool: [], parentBound: 0, incumbent: nil, deadline: .after(30))
            XCTAssertTrue(root.patterns.allSatisfy(problem.fits))
            // Walk one branch of the tree, alternating together / apart on each node's branching pair.
            var decisions = BranchAndPrice.Decisions()
            var outcome = root
            var depth = 0
            while let pair = outcome.branchingPair, depth < 6 {
                if depth % 2 == 0 { decisions.together.append(pair) } else { decisions.apart.append(pair) }
                outcome = try tree.solveNode(decisions, pool: root.patterns, parentBound: 0, incumbent: nil, deadline: .after(30))
                if outcome.infeasible { break }
                XCTAssertFalse(outcome.patterns.isEmpty)
                for pattern in outcome.patterns {
                    XCTAssertTrue(decisions.admits(pattern), "seed \(seed) depth \(depth): \(pattern) breaks \(decisions)")
                    XCTAssertTrue(problem.fits(pattern), "seed \(seed)")
                }
                XCTAssertGreaterThanOrEqual(outcome.lowerBound, root.lowerBound)
                checkedNodes += 1
                depth += 1
            }
        }
        XCTAssertGreaterThan(checkedNodes, 5, "the walk must reach nodes below the root")
    }

    /// The tree alone (no incumbent but one bin per item, no bound, no rounding: only integral node
    /// LPs give packings) finds and proves the optimum of small random instances, checked by
    /// exhaustive search.
    func testTreeFindsTheBruteForcedOptimum() throws {
        var branched = 0, proven = 0
        for seed in UInt64(1)...40 {
            // Items of a quarter to a half of a bin in 3 dimensions: LPs are fractional.
            let instance = RandomInstances.make(seed: seed, vms: 11, hosts: 11, dimensions: 3, capacity: 100, demandRange: 22...52)
            let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
            let optimum = BruteForce.fewestHosts(instance)
            var tree = BranchAndPrice(problem: problem, solver: GLPKSolver())
            tree.residualRounding = false
            let result = try tree.run(rootBound: 0, incumbentBins: instance.vms.count + 1, initialPatterns: [], deadline: .after(30))
            XCTAssertLessThanOrEqual(result.lowerBound, optimum, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(result.upperBound, optimum, "seed \(seed)")
            let bins = try XCTUnwrap(result.bins, "seed \(seed)")
            XCTAssertEqual(bins.count, result.upperBound)
            XCTAssertTrue(packsEverything(bins, problem), "seed \(seed)")
            if problem.demand.allSatisfy({ $0 == 1 }) { XCTAssertTrue(result.isProven, "seed \(seed)") }
            if result.isProven {
                proven += 1
                XCTAssertEqual(result.upperBound, optimum, "seed \(seed)")
                XCTAssertEqual(result.openNodes, 0)
            }
            if result.nodes > 1 { branched += 1 }
        }
        XCTAssertGreaterThan(proven, 30)
        print("brute-forced instances: \(proven) of 40 proven, \(branched) needed branching")
        XCTAssertGreaterThan(branched, 0, "some instance must need branching")
    }

    /// At an expired deadline the tree proves nothing beyond the bound it was given.
    func testNoProofWithoutCertifiedBound() throws {
        let instance = RandomInstances.make(seed: 5, vms: 9, hosts: 9, dimensions: 2, capacity: 100, demandRange: 20...60)
        let problem = try XCTUnwrap(VectorPackingProblem.from(instance, goal: .place))
        let result = try BranchAndPrice(problem: problem, solver: GLPKSolver())
            .run(rootBound: 1, incumbentBins: 9, initialPatterns: [], deadline: .after(0))
        XCTAssertFalse(result.isProven)
        XCTAssertEqual(result.lowerBound, 1)
        XCTAssertEqual(result.upperBound, 9)
        XCTAssertNil(result.bins)
        XCTAssertEqual(result.openNodes, 1)
    }

    /// The exact method with the tree: "optimal" only with a bound equal to the objective, and the
    /// brute-forced optimum on instances of 10 VMs, 3 dimensions.
    func testExactMethodClaimsOnlyCertifiedOptima() throws {
        for seed in UInt64(100)...115 {
            let instance = RandomInstances.make(seed: seed, vms: 10, hosts: 10, dimensions: 3, capacity: 100, demandRange: 15...55)
            let result = try ExactMethod().solve(instance, goal: .place, options: SolveOptions(timeLimit: 20))
            let placement = try XCTUnwrap(result.placement)
            XCTAssertEqual(PlacementChecker.check(instance, placement), [])
            XCTAssertEqual(result.status, .optimal, "seed \(seed) \(result.notes)")
            if result.status == .optimal { XCTAssertEqual(result.bound, result.objective, "seed \(seed)") }
            XCTAssertEqual(placement.usedHosts.count, BruteForce.fewestHosts(instance), "seed \(seed)")
        }
    }
}
