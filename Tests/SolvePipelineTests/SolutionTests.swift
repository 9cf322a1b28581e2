import Foundation
import InstanceFormats
import PlacementModel
import SolvePipeline
import TestSupport
import XCTest

final class SolutionTests: XCTestCase {
    /// The rendered solution reads back: its placement and plan through the readers `vmplace check`
    /// uses, the whole document through `Codable` (re-rendered to the same bytes).
    func testSolutionPlacementAndPlanRoundTrip() throws {
        let instance = RandomInstances.make(seed: 9, vms: 8, hosts: 4, withCurrentPlacement: true)
        var target = instance.currentPlacement
        target[0] = (target[0]! + 1) % 4
        target[7] = nil
        let result = SolveResult(status: .feasible, placement: target, objective: 4, method: "test", goal: .consolidate,
                                 unplaced: [UnplacedVM(vm: 7, reason: "test")])
        let outcome = SolveOutcome(instance: instance, result: result, seconds: 0, migrationBudget: nil)
        let text = outcome.solution.json
        XCTAssertEqual(try SolutionJSON.decodePlacement(text, instance: instance), target)
        let plan = try XCTUnwrap(try SolutionJSON.decodePlan(text, instance: instance))
        XCTAssertEqual(plan.moves.map { [$0.vm, $0.from, $0.to] }, outcome.plan?.moves.map { [$0.vm, $0.from, $0.to] })
        for key in ["\"status\": \"feasible\"", "\"termination\": \"completed\"", "\"bound\": null", "\"hostsUsed\":",
                    "\"migrations\": 1", "\"placement\":", "\"plan\":", "\"v8\": null"] {
            XCTAssertTrue(text.contains(key), key)
        }
        var decoded = try JSONDecoder().decode(Solution.self, from: Data(text.utf8))
        let order = Dictionary(uniqueKeysWithValues: instance.vms.enumerated().map { ($1.id, $0) })
        decoded.placement?.assignments.sort { order[$0.vm]! < order[$1.vm]! }
        XCTAssertEqual(decoded.json, text, "Codable reads back every field")
    }

    /// Every top-level key the pipeline writes is in the solution schema, and the schema requires
    /// nothing the pipeline does not write.
    func testSchemaListsEveryKey() throws {
        let schemaPath = SharedData.instances("solution.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: schemaPath))) as! [String: Any]
        let properties = Set((schema["properties"] as! [String: Any]).keys)
        let required = Set(schema["required"] as! [String])
        let instance = RandomInstances.make(seed: 3, vms: 6, hosts: 3, withCurrentPlacement: true)
        let outcome = SolveOutcome(instance: instance, result: SolveResult(status: .feasible, placement: instance.currentPlacement,
                                                                          method: "test", goal: .consolidate),
                                   seconds: 0, migrationBudget: nil)
        let written = try JSONSerialization.jsonObject(with: Data(outcome.solution.json.utf8)) as! [String: Any]
        XCTAssertEqual(Set(written.keys), properties)
        XCTAssertTrue(required.isSubset(of: properties))
    }
}
