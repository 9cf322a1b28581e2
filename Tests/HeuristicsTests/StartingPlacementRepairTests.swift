import Heuristics
import PlacementModel
import TestSupport
import XCTest

/// Goal algorithms start from the current placement; when it breaks rules (maintenance, new
/// anti-affinity or affinity rules, a host over capacity) their output must still be clean.
final class StartingPlacementRepairTests: XCTestCase {
    func testGoalMethodsRepairARuleBreakingCurrentPlacement() throws {
        let goalMethods = HeuristicCatalogue.methods.filter { !$0.goals.isDisjoint(with: [.consolidate, .balance, .hotspot]) && !$0.goals.contains(.place) }
        XCTAssertGreaterThanOrEqual(goalMethods.count, 10)
        var repaired = 0
        for seed in 0..<60 as Range<UInt64> {
            // Random current placements ignore the rules, so most of these start broken.
            var instance = RandomInstances.make(seed: seed, vms: 14, hosts: 7, dimensions: 2, withCurrentPlacement: true,
                                                antiAffinityGroups: 3, affinityGroups: 2)
            instance.hosts[Int(seed % 7)].state = .maintenance
            instance.overloadThreshold = [0.9, 0.9]
            guard InstanceValidator.validate(instance).allSatisfy({ $0.severity != .error }) else { continue }
            if !PlacementChecker.check(instance, instance.currentPlacement, options: .init(allowUnplaced: true)).isEmpty { repaired += 1 }
            for method in goalMethods {
                for goal in method.goals.sorted(by: { $0.rawValue < $1.rawValue }) where goal != .place {
                    let result = try method.solve(instance, goal: goal, options: SolveOptions(seed: seed))
                    guard let placement = result.placement else { continue }
                    let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true))
                    XCTAssertEqual(violations, [], "\(method.name) \(goal) seed \(seed)")
                    let unplaced = Set(result.unplaced.map(\.vm))
                    XCTAssertEqual(unplaced, Set(placement.hostOfVM.indices.filter { placement[$0] == nil }),
                                   "\(method.name) seed \(seed): every VM placed or reported")
                }
            }
        }
        XCTAssertGreaterThan(repaired, 20, "the test really starts from broken placements")
    }
}
