import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class PortfolioTests: XCTestCase {
    func testPortfolioIsBestOfMembersValidAndDeterministic() throws {
        // The catalogue portfolio with a short ruin-and-recreate run, to keep the debug test fast.
        let portfolio = Portfolio(members: HeuristicCatalogue.portfolio.members, perturbationIterations: 30)
        XCTAssertFalse(portfolio.members.contains { ($0 as? MultiBinPacking)?.rule == .pairing }, "pairing rules are not default members")
        for seed in UInt64(1)...24 {
            let instance = TestInstances.make(seed)
            for goal in Goal.allCases {
                let result = try portfolio.solve(instance, goal: goal, options: SolveOptions())
                TestInstances.assertValid(result, instance, "portfolio \(goal) seed \(seed)")
                XCTAssertTrue(result.notes.first?.hasPrefix("portfolio winner: ") ?? false)
                let objective = try XCTUnwrap(result.objective)
                for member in portfolio.members(for: goal) {
                    let other = try member.solve(instance, goal: goal, options: SolveOptions())
                    // Ranked as the portfolio ranks: unplaced VMs, status, then (hotspot answers
                    // that leave hot spots) how many hosts stay hot, then the objective.
                    let sameHot = goal != .hotspot || result.status != .infeasible
                        || instance.hostsAboveOverloadThresholds(other.placement!).count == instance.hostsAboveOverloadThresholds(result.placement!).count
                    if other.unplaced.count == result.unplaced.count && other.status == result.status && sameHot {
                        XCTAssertLessThanOrEqual(objective, instance.objective(of: other.placement!, goal: goal) + 1e-9, "\(member.name) beats portfolio, seed \(seed) \(goal)")
                    }
                }
                let again = try portfolio.solve(instance, goal: goal, options: SolveOptions())
                XCTAssertEqual(result.placement, again.placement)
                XCTAssertEqual(result.notes.first, again.notes.first)
            }
        }
    }

    /// When the best member already meets the lower bound the local searches are skipped (and
    /// say so); on seeded vector instances without rules the result is checked, deterministic,
    /// never below the bound, and at the bound whenever the note says the bound was met.
    func testEarlyStopAtLowerBoundIsCheckedAndDeterministic() throws {
        let pairs = Instance(name: "halves", dimensions: ["cpu"], hosts: (0..<4).map { TestInstances.host("h\($0)", [100]) },
                             vms: (0..<4).map { TestInstances.vm("v\($0)", [50]) })
        let met = try HeuristicCatalogue.portfolio.solve(pairs, goal: .place, options: SolveOptions())
        XCTAssertEqual(met.placement?.usedHosts.count, 2)
        XCTAssertTrue(met.notes.contains { $0.contains("meets the lower bound of 2 host(s)") }, "\(met.notes)")
        let portfolio = Portfolio(members: HeuristicCatalogue.portfolioMembers, perturbationIterations: 20)
        var reached = 0
        for seed in UInt64(1)...30 {
            let instance = RandomInstances.make(seed: seed, vms: 24, hosts: 24, dimensions: 1 + Int(seed % 3), demandRange: 10...60)
            let result = try portfolio.solve(instance, goal: .place, options: SolveOptions())
            TestInstances.assertValid(result, instance, "seed \(seed)")
            let placement = try XCTUnwrap(result.placement)
            let bound = HostLowerBound.hosts(instance)
            XCTAssertGreaterThanOrEqual(placement.usedHosts.count, bound, "seed \(seed)")
            if result.notes.contains(where: { $0.contains("meets the lower bound") }) {
                XCTAssertEqual(placement.usedHosts.count, bound, "seed \(seed)")
                reached += 1
            }
            XCTAssertEqual(try portfolio.solve(instance, goal: .place, options: SolveOptions()).placement, placement, "seed \(seed): not deterministic")
        }
        XCTAssertGreaterThan(reached, 0, "no seeded instance met the bound: the early stop is not exercised")
    }

    /// The migration budget caps voluntary migrations (forced ones are exempt): whenever some
    /// member consolidates within the budget, so does the portfolio — its ranking and its
    /// improvement step count voluntary moves only and never take a winner over the budget.
    func testConsolidationKeepsTheBudgetWhenAMemberDoes() throws {
        let portfolio = Portfolio(members: HeuristicCatalogue.portfolio.members, perturbationIterations: 20)
        var exercised = 0
        for seed in UInt64(1)...30 {
            let instance = TestInstances.make(seed)
            for budget in [0, 1, 2] {
                let options = SolveOptions(migrationBudget: budget)
                let result = try portfolio.solve(instance, goal: .consolidate, options: options)
                TestInstances.assertValid(result, instance, "seed \(seed) budget \(budget)")
                let within = try portfolio.members(for: .consolidate).contains { member in
                    let other = try member.solve(instance, goal: .consolidate, options: options)
                    guard let placement = other.placement, other.unplaced.count == result.unplaced.count, other.status != .infeasible else { return false }
                    return instance.voluntaryMigrationCount(placement) <= budget
                }
                guard within, let placement = result.placement else { continue }
                exercised += 1
                XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(placement), budget, "seed \(seed) budget \(budget): \(result.notes)")
            }
        }
        XCTAssertGreaterThan(exercised, 20)
    }

    func testHostEliminationNeverWorsensAndStaysValid() {
        for seed in UInt64(1)...80 {
            let instance = TestInstances.make(seed)
            let start = instance.currentPlacement
            let (better, emptied) = HostElimination.improve(instance, start)
            XCTAssertEqual(PlacementChecker.check(instance, better, options: .init(allowUnplaced: true)), PlacementChecker.check(instance, start, options: .init(allowUnplaced: true)).filter { $0.kind != .capacity && $0.kind != .antiAffinity && $0.kind != .affinity }, "seed \(seed)")
            XCTAssertEqual(better.usedHosts.count, start.usedHosts.count - emptied, "seed \(seed)")
            XCTAssertEqual(better.hostOfVM.map { $0 == nil }, start.hostOfVM.map { $0 == nil })
        }
    }
}

final class HeuristicCatalogueTests: XCTestCase {
    func testNamesUniqueAndResolvable() {
        let names = HeuristicCatalogue.methods.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        for name in ["ffd", "ffd-sum", "ffd-max", "ffd-l2", "ffd-product", "ffd-volume", "ffd-vsr", "ffd-weighted-sum", "bfd-sum", "bfd-volume",
                     "bc-dot", "bc-l2", "mb-pairing-dot", "mb-wfd-sum", "consolidate-ffd", "balance-greedy", "sandpiper", "portfolio"] {
            XCTAssertEqual(HeuristicCatalogue.method(named: name)?.name, name)
        }
        XCTAssertNil(HeuristicCatalogue.method(named: "no-such-method"))
        for method in HeuristicCatalogue.methods {
            XCTAssertFalse(method.summary.isEmpty || method.citation.isEmpty || method.goals.isEmpty, method.name)
        }
    }

    func testPoliciesRegisteredWithoutSimulationNames() {
        let selections = HeuristicCatalogue.selectionPolicies.map(\.name)
        XCTAssertEqual(Set(selections).count, selections.count)
        for name in ["mmt", "random", "volume", "vsr", "resource-constrained", "weighted-sum", "max", "vector", "affinity"] {
            XCTAssertEqual(HeuristicCatalogue.selectionPolicy(named: name)?.name, name)
        }
        XCTAssertFalse(selections.contains("max-correlation"))
        let destinations = HeuristicCatalogue.destinationPolicies.map(\.name)
        XCTAssertEqual(Set(destinations).count, destinations.count)
        XCTAssertFalse(destinations.contains("pabfd"))
        for name in ["first-fit", "best-fit", "worst-fit", "vector-dot", "vector", "affinity"] {
            XCTAssertEqual(HeuristicCatalogue.destinationPolicy(named: name)?.name, name)
        }
    }
}
