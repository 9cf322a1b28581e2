import ExactSolver
import Formulations
import GLPKSolver
import Heuristics
import LinearProgramming
import PlacementModel
import TestSupport
import XCTest

/// The compact model: hand-computed optima for every goal and term, agreement with brute force
/// on random tiny instances, and model objective = `Instance.objective` of the mapped placement.
final class FormulationBuilderTests: XCTestCase {
    let compactOnly = ExactMethod(useColumnGeneration: false)

    func assertOptimum(_ instance: Instance, _ goal: Goal, _ expected: Double, budget: Int? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        for method in [compactOnly, ExactMethod(), ExactMethod(formulation: .textbook, useColumnGeneration: false, injectIncumbent: false)] {
            let result = try Tiny.solve(instance, goal: goal, method: method, options: SolveOptions(timeLimit: 20, migrationBudget: budget))
            XCTAssertEqual(result.status, .optimal, "\(instance.name) \(goal) \(result.notes)", file: file, line: line)
            XCTAssertEqual(result.objective ?? .nan, expected, accuracy: 1e-6, "\(instance.name) \(goal)", file: file, line: line)
            XCTAssertEqual(result.bound ?? .nan, expected, accuracy: 1e-6, file: file, line: line)
            let placement = try XCTUnwrap(result.placement, file: file, line: line)
            XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: goal == .hotspot)), [],
                           file: file, line: line)
            XCTAssertFalse(result.notes.contains { $0.contains("differs") }, "\(result.notes)", file: file, line: line)
        }
    }

    func testConsolidationPacksIntoTwoHosts() throws {
        // 6+4 and 5+5 fill two hosts of 10; three hosts available.
        let instance = Instance(name: "pack", dimensions: ["cpu"], hosts: (0..<3).map { Tiny.host("h\($0)", [10]) },
                                vms: [6, 4, 5, 5].enumerated().map { Tiny.vm("v\($0.offset)", [$0.element]) })
        try assertOptimum(instance, .consolidate, 2)
        try assertOptimum(instance, .place, 2)
    }

    /// Capacities in bytes (1e9…1e15) once made GLPK call a trivially feasible model infeasible
    /// ("proven"): capacity rows are now scaled to fractions of the host.
    func testLargeCapacitiesAreNotMisjudgedInfeasible() throws {
        for capacity in [1e9, 1e12, 1e15] {
            let instance = Instance(name: "bytes", dimensions: ["mem"], hosts: (0..<3).map { Tiny.host("h\($0)", [capacity]) },
                                    vms: [Tiny.vm("a", [0.6 * capacity]), Tiny.vm("b", [0.6 * capacity]), Tiny.vm("c", [1e-3])])
            for (method, goal) in [(ExactMethod(), Goal.hotspot), (ExactMethod(), .place), (ExactMethod(lexicographic: true), .place)] {
                let result = try Tiny.solve(instance, goal: goal, method: method)
                let placement = try XCTUnwrap(result.placement, "capacity \(capacity) \(goal): \(result.status) \(result.notes)")
                XCTAssertEqual(PlacementChecker.check(instance, placement), [], "capacity \(capacity) \(goal)")
                if goal != .hotspot { XCTAssertEqual(instance.objective(of: placement, goal: goal), 2, "capacity \(capacity) \(goal)") }
            }
        }
    }

    func testMigrationCostAgainstHostCost() throws {
        // Two half-full hosts; merging costs one migration (3) and saves one host (w.hosts).
        func make(hostWeight: Double) -> Instance {
            Instance(name: "migr", dimensions: ["cpu"], hosts: [Tiny.host("a", [10]), Tiny.host("b", [10])],
                     vms: [Tiny.vm("x", [5], current: 0, cost: 3), Tiny.vm("y", [5], current: 1, cost: 3)],
                     weights: ObjectiveWeights(hosts: hostWeight, migration: 1))
        }
        try assertOptimum(make(hostWeight: 10), .consolidate, 13)  // merge: 10 + 3
        try assertOptimum(make(hostWeight: 2), .consolidate, 4)    // stay: 2 + 2
    }

    func testTrafficSplitIsCharged() throws {
        // 6 and 6 cannot share a host of 10: 2 hosts + traffic 7; 4 and 4 share: 1 host.
        let apart = Instance(name: "traffic", dimensions: ["cpu"], hosts: [Tiny.host("a", [10]), Tiny.host("b", [10])],
                             vms: [Tiny.vm("x", [6]), Tiny.vm("y", [6])], traffic: [VirtualMachinePair(0, 1, amount: 7)],
                             weights: ObjectiveWeights(hosts: 1, traffic: 1))
        try assertOptimum(apart, .consolidate, 9)
        var together = apart
        together.vms = [Tiny.vm("x", [4]), Tiny.vm("y", [4])]
        try assertOptimum(together, .consolidate, 1)
        // Balance with traffic weight: together 0.8; split 0.4 + 7·0.1 = 1.1.
        together.weights = ObjectiveWeights(hosts: 1, traffic: 0.1)
        try assertOptimum(together, .balance, 0.8)
    }

    func testMemorySharingLetsPairFit() throws {
        // mem 6 + 6 − shared 3 = 9 ≤ 10: one host; without sharing two.
        var instance = Instance(name: "share", dimensions: ["cpu", "mem"], hosts: [Tiny.host("a", [10, 10]), Tiny.host("b", [10, 10])],
                                vms: [Tiny.vm("x", [2, 6]), Tiny.vm("y", [2, 6])], sharedMemory: [VirtualMachinePair(0, 1, amount: 3)])
        try assertOptimum(instance, .consolidate, 1)
        instance.sharedMemory = []
        try assertOptimum(instance, .consolidate, 2)
    }

    func testAntiAffinityAndAffinity() throws {
        var instance = Instance(name: "anti", dimensions: ["cpu"], hosts: (0..<3).map { Tiny.host("h\($0)", [10]) },
                                vms: [Tiny.vm("x", [1]), Tiny.vm("y", [1])], antiAffinity: [PlacementRule(name: "g", vms: [0, 1])])
        try assertOptimum(instance, .consolidate, 2)
        // 6,4,4,6: free 2 hosts; affinity {1,2} (8) forces 3.
        instance = Instance(name: "aff", dimensions: ["cpu"], hosts: (0..<4).map { Tiny.host("h\($0)", [10]) },
                            vms: [6, 4, 4, 6].enumerated().map { Tiny.vm("v\($0.offset)", [$0.element]) })
        try assertOptimum(instance, .consolidate, 2)
        instance.affinity = [PlacementRule(name: "pair", vms: [1, 2])]
        try assertOptimum(instance, .consolidate, 3)
    }

    func testPinningEligibilityAndMaintenance() throws {
        // Pinned VMs on different hosts keep both hosts open; a maintenance host takes nothing.
        var instance = Instance(name: "pin", dimensions: ["cpu"],
                                hosts: [Tiny.host("a", [10]), Tiny.host("b", [10]), Tiny.host("c", [10], cost: 5)],
                                vms: [Tiny.vm("x", [2], current: 0, pinned: true), Tiny.vm("y", [2], current: 1, pinned: true)])
        try assertOptimum(instance, .consolidate, 2)
        instance.vms[1].pinned = false
        try assertOptimum(instance, .consolidate, 1)
        // y may only use host c (cost 5): 1 + 5.
        instance.vms[1].allowedHosts = [2]
        try assertOptimum(instance, .consolidate, 6)
        instance.vms[1].allowedHosts = nil
        instance.vms[1].forbiddenHosts = [0]
        instance.hosts[1].state = .maintenance
        try assertOptimum(instance, .consolidate, 6)
    }

    func testLoadBalancingMinimisesMaximumUtilisation() throws {
        // 6 | 4+2 → 0.6.
        var instance = Instance(name: "bal", dimensions: ["cpu"], hosts: [Tiny.host("a", [10]), Tiny.host("b", [10])],
                                vms: [Tiny.vm("x", [6]), Tiny.vm("y", [4]), Tiny.vm("z", [2])])
        try assertOptimum(instance, .balance, 0.6)
        // All on a, migrations cost 1 each with weight 0.05: moving x gives 0.6 + 0.05.
        instance.vms = [Tiny.vm("x", [6], current: 0, cost: 1), Tiny.vm("y", [3], current: 0, cost: 1), Tiny.vm("z", [1], current: 0, cost: 1)]
        instance.weights = ObjectiveWeights(migration: 0.05)
        try assertOptimum(instance, .balance, 0.65)
        // With a budget of 0 migrations nothing moves: 1.0.
        try assertOptimum(instance, .balance, 1.0, budget: 0)
    }

    /// The budget caps voluntary migrations: moves off a host in maintenance are exempt, so budget
    /// 0 with a VM on a maintenance host is feasible (that VM moves, nothing else).
    func testMigrationBudgetExemptsForcedMoves() throws {
        var instance = Instance(name: "forced", dimensions: ["cpu"],
                                hosts: [Tiny.host("m", [10], state: .maintenance), Tiny.host("a", [10]), Tiny.host("b", [10])],
                                vms: [Tiny.vm("x", [4], current: 0, cost: 1), Tiny.vm("y", [8], current: 1, cost: 1), Tiny.vm("z", [1], current: 2, cost: 1)])
        instance.weights = ObjectiveWeights(hosts: 1, migration: 0.01)
        // Free: x joins z on b, 2 hosts, 1 migration. Budget 0: the same (x's move is forced).
        try assertOptimum(instance, .consolidate, 2.01, budget: 0)
        // Balance: y alone at 0.8 is the peak whatever happens; x to b → 0.5 (+0.01).
        try assertOptimum(instance, .balance, 0.81, budget: 0)
        // With x on a it would not fit (4 + 8 > 10): the forced move is made, not refused.
        let result = try Tiny.solve(instance, goal: .consolidate, options: SolveOptions(timeLimit: 20, migrationBudget: 0))
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(placement.hostOfVM, [2, 1, 2])
        XCTAssertEqual(instance.voluntaryMigrationCount(placement), 0)
        // z may not stay on b any more (forbidden there): two forced moves, still budget 0.
        instance.vms[2].forbiddenHosts = [2]
        try assertOptimum(instance, .consolidate, 2.02, budget: 0)
    }

    /// Pure packing with running VMs once went to the column-generation pipeline, which knows no
    /// migrations, and ignored the budget: now the compact model, with the budget row, solves.
    func testPackingWithRunningVMsKeepsTheBudget() throws {
        let instance = Instance(name: "running", dimensions: ["cpu"], hosts: (0..<3).map { Tiny.host("h\($0)", [10]) },
                                vms: [Tiny.vm("x", [4], current: 0), Tiny.vm("y", [4], current: 1)])
        try assertOptimum(instance, .consolidate, 1)
        try assertOptimum(instance, .consolidate, 2, budget: 0)
        try assertOptimum(instance, .consolidate, 1, budget: 1)
    }

    /// One rule for the exact model, brute force and the heuristics on tiny random instances whose
    /// current placement breaks rules (a host in maintenance, random rules): the exact optimum
    /// under the budget equals brute force under the voluntary-migration rule, and whenever a goal
    /// heuristic places every VM within the budget, the exact model is feasible and no worse.
    func testBudgetRuleAgreesAcrossExactBruteForceAndHeuristics() throws {
        let heuristics = Heuristics.HeuristicCatalogue.methods.filter { $0.name == "balance-greedy" || $0.name == "consolidate-ffd" }
        XCTAssertEqual(heuristics.count, 2)
        var forcedSeen = 0, heuristicCompared = 0
        for seed in UInt64(1)...24 {
            var instance = RandomInstances.make(seed: seed, vms: 5, hosts: 3, dimensions: 2, capacity: 100, demandRange: 10...45,
                                                withCurrentPlacement: true, antiAffinityGroups: Int(seed % 3), affinityGroups: Int(seed % 2))
            instance.hosts[Int(seed % 3)].state = .maintenance
            instance.weights = ObjectiveWeights(hosts: 1, migration: 0.01)
            for v in instance.vms.indices { instance.vms[v].migrationCost = Double(1 + v % 3) }
            guard InstanceValidator.validate(instance).allSatisfy({ $0.severity != .error }) else { continue }
            if !instance.forcedMigrations.evicted.isEmpty { forcedSeen += 1 }
            for goal in [Goal.consolidate, .balance] {
                for budget in [0, 1] {
                    let label = "seed \(seed) \(goal) budget \(budget)"
                    let expected = BruteForce.optimum(instance, goal: goal, budget: budget)
                    let result = try Tiny.solve(instance, goal: goal, options: SolveOptions(timeLimit: 20, migrationBudget: budget))
                    guard let expected else {
                        XCTAssertEqual(result.status, .infeasible, "\(label): \(result.notes)")
                        continue
                    }
                    XCTAssertEqual(result.status, .optimal, "\(label): \(result.notes)")
                    XCTAssertEqual(result.objective ?? .nan, expected.value, accuracy: 1e-6, label)
                    let placement = try XCTUnwrap(result.placement, label)
                    XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(placement), budget, label)
                    for method in heuristics where method.goals.contains(goal) {
                        let heuristic = try method.solve(instance, goal: goal, options: SolveOptions(migrationBudget: budget))
                        guard let found = heuristic.placement, heuristic.unplaced.isEmpty else { continue }
                        heuristicCompared += 1
                        XCTAssertLessThanOrEqual(instance.voluntaryMigrationCount(found), budget, "\(method.name) \(label)")
                        XCTAssertLessThanOrEqual(expected.value, instance.objective(of: found, goal: goal) + 1e-9, "\(method.name) \(label)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(forcedSeen, 8, "the instances really force moves")
        XCTAssertGreaterThan(heuristicCompared, 20)
    }

    func testHotspotMovesTheCheapestVM() throws {
        // Host a at 9 > threshold 8; moving y (cost 2) to b gives 3 + 4 = 7 ≤ 8.
        let instance = Instance(name: "hot", dimensions: ["cpu"], hosts: [Tiny.host("a", [10]), Tiny.host("b", [10])],
                                vms: [Tiny.vm("x", [5], current: 0, cost: 10), Tiny.vm("y", [4], current: 0, cost: 2),
                                      Tiny.vm("z", [3], current: 1, cost: 1)],
                                overloadThreshold: [0.8])
        try assertOptimum(instance, .hotspot, 2)
    }

    func testRandomTinyInstancesMatchBruteForce() throws {
        for seed in UInt64(1)...40 {
            var random = SeededGenerator(seed: seed)
            var instance = RandomInstances.make(seed: seed, vms: 5, hosts: 3, dimensions: 2, capacity: 100, demandRange: 10...60,
                                                withCurrentPlacement: seed % 2 == 0, antiAffinityGroups: Int(seed % 3), affinityGroups: Int(seed % 2))
            instance.name = "random-\(seed)"
            for v in instance.vms.indices { instance.vms[v].migrationCost = Double(Int.random(in: 1...5, using: &random)) }
            if seed % 3 == 0 { instance.traffic = [VirtualMachinePair(0, 1, amount: Double(Int.random(in: 1...9, using: &random)))] }
            if seed % 4 == 1 { instance.sharedMemory = [VirtualMachinePair(2, 3, amount: 5)] }
            if seed % 5 == 2 { instance.hosts[2].openCost = 2 }
            instance.weights = ObjectiveWeights(hosts: 1, migration: seed % 2 == 0 ? 0.5 : 0, traffic: 0.25,
                                                balance: seed % 7 == 3 ? 0.5 : 0)
            instance.overloadThreshold = [0.9, 0.9]
            for goal in Goal.allCases {
                if goal == .hotspot && !instance.vms.allSatisfy({ $0.currentHost != nil }) { continue }
                let expected = BruteForce.optimum(instance, goal: goal)
                let result = try Tiny.solve(instance, goal: goal)
                guard let expected else {
                    XCTAssertEqual(result.status, .infeasible, "seed \(seed) \(goal): \(result.notes)")
                    continue
                }
                XCTAssertEqual(result.status, .optimal, "seed \(seed) \(goal) \(result.notes)")
                XCTAssertEqual(result.objective ?? .nan, expected.value, accuracy: 1e-6, "seed \(seed) \(goal)")
                if let placement = result.placement {
                    XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: goal == .hotspot)), [])
                }
            }
        }
    }

    func testModelObjectiveEqualsInstanceObjective() throws {
        // Any feasible placement written into the model has the model objective = Instance.objective.
        for seed in UInt64(100)...130 {
            var instance = RandomInstances.make(seed: seed, vms: 6, hosts: 4, dimensions: 2, withCurrentPlacement: true)
            for v in instance.vms.indices { instance.vms[v].migrationCost = Double(v + 1) }
            instance.traffic = [VirtualMachinePair(0, 1, amount: 3), VirtualMachinePair(2, 5, amount: 2)]
            instance.sharedMemory = [VirtualMachinePair(1, 2, amount: 4)]
            instance.weights = ObjectiveWeights(hosts: 2, migration: 0.5, traffic: 1.5, balance: 0.25)
            let placement = instance.currentPlacement
            guard PlacementChecker.check(instance, placement).isEmpty else { continue }
            for goal in [Goal.consolidate, .balance, .place] {
                let (mip, mapping) = try FormulationBuilder.build(instance, goal: goal)
                let values = try mapping.values(for: placement)
                XCTAssertEqual(mip.violations(values, tolerance: 1e-6).count, 0, "seed \(seed) \(goal)")
                XCTAssertEqual(mip.evaluate(values), instance.objective(of: placement, goal: goal), accuracy: 1e-9, "seed \(seed) \(goal)")
                XCTAssertEqual(mapping.placement(from: values), mapping.canonical(placement))
            }
        }
    }

    func testSymmetryBreakingKeepsTheOptimum() throws {
        for seed in UInt64(200)...215 {
            let instance = RandomInstances.make(seed: seed, vms: 7, hosts: 5, dimensions: 2, capacity: 100, demandRange: 20...60)
            let strong = try Tiny.solve(instance, goal: .consolidate, method: compactOnly)
            let plain = try Tiny.solve(instance, goal: .consolidate, method: ExactMethod(formulation: .textbook, useColumnGeneration: false, injectIncumbent: false))
            XCTAssertEqual(strong.status, .optimal)
            XCTAssertEqual(plain.status, .optimal)
            XCTAssertEqual(strong.objective, plain.objective, "seed \(seed)")
        }
    }

    /// Each later stage keeps the optimum of the stages before it: stage 3 may not buy balance
    /// with a migration stage 2 ruled out; without a current placement stage 2 is skipped.
    func testLexicographicStages() throws {
        // x 6, y 2 on h0 (0.8), z 4 on h1: moving y to h1 would balance at 0.6, but costs a migration.
        var instance = Instance(name: "lex2", dimensions: ["cpu"], hosts: (0..<3).map { Tiny.host("h\($0)", [10]) },
                                vms: [Tiny.vm("x", [6], current: 0, cost: 1), Tiny.vm("y", [2], current: 0, cost: 1),
                                      Tiny.vm("z", [4], current: 1, cost: 1)])
        instance.weights = ObjectiveWeights(hosts: 1)
        let result = try Tiny.solve(instance, goal: .consolidate, method: ExactMethod(lexicographic: true))
        let placement = try XCTUnwrap(result.placement)
        XCTAssertEqual(placement.usedHosts.count, 2)
        XCTAssertEqual(instance.migrationCount(placement), 0)
        XCTAssertEqual(instance.maximumUtilisation(placement), 0.8, accuracy: 1e-9)
        XCTAssertEqual(result.notes, ["stage 1 host cost 2 (optimal)", "stage 2 migrations 0 (optimal)",
                                      "stage 3 maximum utilisation 0.8 (optimal)", "lexicographic optimum proven in every stage"])
        // The objective is the host cost alone: stage 1's bound on it certifies the optimum.
        XCTAssertEqual(result.bound, 2)
        XCTAssertEqual(result.status, .optimal)
        // Balance: the lowest maximum utilisation (0.6: x alone), then the fewest migrations that
        // keep it (y leaves h0).
        let balance = try Tiny.solve(instance, goal: .balance, method: ExactMethod(lexicographic: true))
        XCTAssertEqual(balance.notes, ["stage 1 maximum utilisation 0.6 (optimal)", "stage 2 migrations 1 (optimal)",
                                       "lexicographic optimum proven in every stage"])
        XCTAssertEqual(instance.maximumUtilisation(try XCTUnwrap(balance.placement)), 0.6, accuracy: 1e-9)
        XCTAssertEqual(balance.status, .optimal, "the maximum utilisation is the whole objective: stage 1 bounds it")
        // Hotspot (threshold 70 %: h0 at 80 % is hot): one migration, the cheaper VM (y).
        var hot = instance
        hot.overloadThreshold = [0.7]
        hot.vms[0].migrationCost = 5
        let hotspot = try Tiny.solve(hot, goal: .hotspot, method: ExactMethod(lexicographic: true))
        XCTAssertEqual(hotspot.notes, ["stage 1 migrations 1 (optimal)", "stage 2 migration cost 1 (optimal)",
                                       "lexicographic optimum proven in every stage"])
        XCTAssertNotEqual(try XCTUnwrap(hotspot.placement)[1], 0, "y leaves h0")
        XCTAssertEqual(hotspot.objective, 1)
        XCTAssertEqual(hotspot.status, .optimal, "the cheapest cover of h0's excess bounds it")
        // With a migration weight the lexicographic optimum (no move) need not be the weighted one:
        // a bound, and optimal only when the bound reaches the objective.
        instance.weights = ObjectiveWeights(hosts: 1, migration: 0.5)
        let weighted = try Tiny.solve(instance, goal: .consolidate, method: ExactMethod(lexicographic: true))
        XCTAssertLessThanOrEqual(try XCTUnwrap(weighted.bound), try XCTUnwrap(weighted.objective) + 1e-9)
        // New VMs only: no migrations to minimise, the balance stage reaches 0.6 on two hosts.
        instance.weights = ObjectiveWeights(hosts: 1)
        for v in instance.vms.indices { instance.vms[v].currentHost = nil }
        let fresh = try Tiny.solve(instance, goal: .place, method: ExactMethod(lexicographic: true))
        XCTAssertEqual(fresh.notes, ["stage 1 host cost 2 (optimal)", "stage 2 maximum utilisation 0.6 (optimal)",
                                     "lexicographic optimum proven in every stage"])
        XCTAssertEqual(try XCTUnwrap(fresh.placement).usedHosts.count, 2)
    }

    func testEmptyInstancesAreHandled() throws {
        let none = Instance(name: "none", dimensions: ["cpu"], hosts: [Tiny.host("a", [10])], vms: [])
        for goal in Goal.allCases {
            let result = try Tiny.solve(none, goal: goal)
            XCTAssertEqual(result.status, .optimal)
            XCTAssertEqual(result.objective, 0)
        }
        let noHosts = Instance(name: "nohosts", dimensions: ["cpu"], hosts: [], vms: [Tiny.vm("x", [1])])
        // No host at all is invalid input (a clear error), not a crash.
        XCTAssertThrowsError(try Tiny.solve(noHosts, goal: .place)) { error in
            XCTAssertTrue("\(error)".contains("host"), "\(error)")
        }
    }

    func testNoHostForVMIsReportedNotCrashed() throws {
        let instance = Instance(name: "nohost", dimensions: ["cpu"], hosts: [Tiny.host("a", [10])], vms: [Tiny.vm("x", [20])])
        XCTAssertThrowsError(try FormulationBuilder.build(instance, goal: .place))
        let result = try Tiny.solve(instance, goal: .place)
        XCTAssertEqual(result.status, .infeasible)
        XCTAssertTrue(result.notes.joined().contains("x"), "\(result.notes)")
    }
}
