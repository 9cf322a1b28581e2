import Heuristics
import PlacementModel
import TestSupport
import XCTest

/// Goal algorithms start from the current placement; when it breaks rules (maintenance, new
/// anti-affinity or affinity rules, a host over capacity) their output must still be clean.
final class StartingPlacementRepairTests: XCTestCase {
    /// A random instance whose current placement ignores the rules (so most start broken), one
    /// host in maintenance; nil when the instance is invalid.
    static func brokenStart(seed: UInt64) -> Instance? {
        var instance = RandomInstances.make(seed: seed, vms: 14, hosts: 7, dimensions: 2, withCurrentPlacement: true,
                                            antiAffinityGroups: 3, affinityGroups: 2)
        instance.hosts[Int(seed % 7)].state = .maintenance
        instance.overloadThreshold = [0.9, 0.9]
        return InstanceValidator.validate(instance).allSatisfy({ $0.severity != .error }) ? instance : nil
    }

    func testGoalMethodsRepairARuleBreakingCurrentPlacement() throws {
        let goalMethods = HeuristicCatalogue.methods.filter { !$0.goals.isDisjoint(with: [.consolidate, .balance, .hotspot]) && !$0.goals.contains(.place) }
        XCTAssertGreaterThanOrEqual(goalMethods.count, 10)
        var repaired = 0, checked = 0
        for seed in 0..<60 as Range<UInt64> {
            guard let instance = Self.brokenStart(seed: seed) else { continue }
            if !PlacementChecker.check(instance, instance.currentPlacement, options: .init(allowUnplaced: true)).isEmpty { repaired += 1 }
            for method in goalMethods {
                for goal in method.goals.sorted(by: { $0.rawValue < $1.rawValue }) where goal != .place {
                    let result = try method.solve(instance, goal: goal, options: SolveOptions(seed: seed))
                    guard let placement = result.placement else { continue }
                    checked += 1
                    let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true))
                    XCTAssertEqual(violations, [], "\(method.name) \(goal) seed \(seed)")
                    let unplaced = Set(result.unplaced.map(\.vm))
                    XCTAssertEqual(unplaced, Set(placement.hostOfVM.indices.filter { placement[$0] == nil }),
                                   "\(method.name) seed \(seed): every VM placed or reported")
                }
            }
        }
        XCTAssertGreaterThan(repaired, 20, "the test really starts from broken placements")
        XCTAssertGreaterThan(checked, 20 * goalMethods.count, "most runs return a placement to check")
    }

    /// The migration budget caps voluntary moves only: from broken starting placements, the
    /// balance and consolidation heuristics make the forced moves whatever the budget and never
    /// exceed it with voluntary ones.
    func testBudgetCapsVoluntaryMovesOnlyFromBrokenStarts() throws {
        let methods = HeuristicCatalogue.methods.filter { $0.name == "balance-greedy" || $0.name.hasPrefix("consolidate-") }
        XCTAssertGreaterThanOrEqual(methods.count, 4)
        var withForced = 0
        for seed in 0..<60 as Range<UInt64> {
            guard let instance = Self.brokenStart(seed: seed) else { continue }
            let forced = instance.forcedMigrations
            if !forced.evicted.isEmpty { withForced += 1 }
            for method in methods {
                let goal: Goal = method.goals.contains(.balance) ? .balance : .consolidate
                for budget in [0, 1, 2] {
                    let result = try method.solve(instance, goal: goal, options: SolveOptions(seed: seed, migrationBudget: budget))
                    let placement = try XCTUnwrap(result.placement)
                    let label = "\(method.name) budget \(budget) seed \(seed)"
                    XCTAssertLessThanOrEqual(forced.count(instance, placement).voluntary, budget, label)
                    // The forced moves are made: no VM stays where it may not run, none breaks a rule.
                    XCTAssertEqual(PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true)), [], label)
                }
            }
        }
        XCTAssertGreaterThan(withForced, 20, "the test really has forced moves")
    }

    /// A newcomer whose affinity partner runs on a host without room for it: moving the partner is voluntary,
    /// so with budget 0 the newcomer stays unplaced (reported) rather than exceed the budget.
    func testNewcomerGroupMoveRespectsTheBudget() throws {
        let instance = Instance(name: "newcomer", dimensions: ["cpu"],
                                hosts: [PlacementModel.Host(id: "a", capacity: ResourceVector([10])), PlacementModel.Host(id: "b", capacity: ResourceVector([10]))],
                                vms: [VirtualMachine(id: "old", demand: ResourceVector([6]), currentHost: 0),
                                      VirtualMachine(id: "filler", demand: ResourceVector([3]), currentHost: 0),
                                      VirtualMachine(id: "new", demand: ResourceVector([3]))],
                                affinity: [PlacementRule(name: "pair", vms: [0, 2])])
        for method in [LoadBalancing(), Consolidation(variant: "ffd", selection: SizeMeasureSelection(measure: .sum), destination: FirstFitDestination())] as [any PlacementMethod] {
            let goal: Goal = method.goals.contains(.balance) ? .balance : .consolidate
            let free = try method.solve(instance, goal: goal, options: SolveOptions())
            XCTAssertEqual(free.placement?.hostOfVM, [1, 0, 1], "\(method.name): without a budget the pair moves to b")
            let limited = try method.solve(instance, goal: goal, options: SolveOptions(migrationBudget: 0))
            XCTAssertEqual(limited.placement?.hostOfVM, [0, 0, nil], method.name)
            XCTAssertEqual(limited.unplaced.map(\.vm), [2], method.name)
        }
    }
}
