import XCTest
import PlacementModel
import TestSupport
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

    /// Fewest hosts of any packing, by exhaustive search (VM i goes to a used host or the next
    /// empty one), for tiny instances.
    static func optimumHosts(_ instance: Instance) -> Int {
        let d = instance.dimensionCount
        let capacity = instance.hosts[0].capacity.values
        var loads: [[Double]] = []
        var best = instance.vms.count
        func place(_ v: Int) {
            if loads.count >= best { return }
            if v == instance.vms.count { best = loads.count; return }
            let demand = instance.vms[v].demand.values
            for h in loads.indices where (0..<d).allSatisfy({ loads[h][$0] + demand[$0] <= capacity[$0] }) {
                for k in 0..<d { loads[h][k] += demand[k] }
                place(v + 1)
                for k in 0..<d { loads[h][k] -= demand[k] }
            }
            loads.append(demand)
            place(v + 1)
            loads.removeLast()
        }
        place(0)
        return best
    }

    /// Sole host of each dimension capacity 100 per dimension.
    static func host(_ id: String, _ capacity: [Double]) -> PlacementModel.Host { PlacementModel.Host(id: id, capacity: ResourceVector(capacity)) }
    static func vm(_ id: String, _ demand: [Double], on host: Int? = nil, memory: Double? = nil) -> VirtualMachine {
        VirtualMachine(id: id, demand: ResourceVector(demand), memoryMiB: memory, currentHost: host)
    }
}
