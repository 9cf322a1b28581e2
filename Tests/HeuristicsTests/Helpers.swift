import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

/// Seeded random instances with every kind of rule, for the property tests.
enum TestInstances {
    /// Instance number `seed` with every kind of rule (``RuleRichInstances``).
    static func make(_ seed: UInt64, currentPlacement: Bool = true) -> Instance {
        RuleRichInstances.make(seed, currentPlacement: currentPlacement)
    }

    /// Asserts the result passes the independent checker (unplaced allowed), that every VM is
    /// placed or reported with a reason, and that the status agrees.
    static func assertValid(_ result: SolveResult, _ instance: Instance, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let placement = result.placement else { return XCTFail("\(label): no placement", file: file, line: line) }
        let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: true))
        XCTAssertEqual(violations, [], "\(label)", file: file, line: line)
        let missing = placement.hostOfVM.indices.filter { placement[$0] == nil }
        XCTAssertEqual(missing, result.unplaced.map(\.vm), "\(label): unplaced VMs must be reported", file: file, line: line)
        XCTAssertTrue(result.unplaced.allSatisfy { !$0.reason.isEmpty }, "\(label): reasons", file: file, line: line)
        if !missing.isEmpty { XCTAssertEqual(result.status, .infeasible, "\(label)", file: file, line: line) }
    }

    /// Fewest hosts of any packing (``BruteForce/fewestHosts(_:)``).
    static func optimumHosts(_ instance: Instance) -> Int { BruteForce.fewestHosts(instance) }

    /// Sole host of each dimension capacity 100 per dimension.
    static func host(_ id: String, _ capacity: [Double]) -> PlacementModel.Host { PlacementModel.Host(id: id, capacity: ResourceVector(capacity)) }
    static func vm(_ id: String, _ demand: [Double], on host: Int? = nil, memory: Double? = nil) -> VirtualMachine {
        VirtualMachine(id: id, demand: ResourceVector(demand), memoryMiB: memory, currentHost: host)
    }
}
