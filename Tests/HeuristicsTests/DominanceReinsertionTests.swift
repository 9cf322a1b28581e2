import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class DominanceReinsertionTests: XCTestCase {
    /// Items 5, 5, 4, 3, 3 in bins of 10 packed as {5,4}, {5,3}, {3}: no single VM of the
    /// lightest host fits elsewhere, but exchanging 4 for a 5 and repacking the pool needs 2 hosts.
    func testFreesHostThatNoDirectMoveFrees() {
        let hosts = (0..<3).map { Host(id: "h\($0)", capacity: ResourceVector([10])) }
        let vms = [5.0, 5, 4, 3, 3].enumerated().map { VirtualMachine(id: "v\($0.offset)", demand: ResourceVector([$0.element])) }
        let instance = Instance(name: "dominance", dimensions: ["cpu"], hosts: hosts, vms: vms)
        let start = Placement(hostOfVM: [0, 1, 0, 1, 2])
        XCTAssertTrue(PlacementChecker.check(instance, start).isEmpty)
        let (better, emptied) = DominanceReinsertion.improve(instance, start)
        XCTAssertEqual(emptied, 1)
        XCTAssertEqual(better.usedHosts.count, 2)
        XCTAssertTrue(PlacementChecker.check(instance, better).isEmpty)
    }

    /// With the lower bound at the start's host count there is nothing to gain: the search stops
    /// at once and returns the start; with a lower bound below it, it frees the host as before.
    func testStopsAtLowerBound() {
        let hosts = (0..<3).map { Host(id: "h\($0)", capacity: ResourceVector([10])) }
        let vms = [5.0, 5, 4, 3, 3].enumerated().map { VirtualMachine(id: "v\($0.offset)", demand: ResourceVector([$0.element])) }
        let instance = Instance(name: "dominance", dimensions: ["cpu"], hosts: hosts, vms: vms)
        let start = Placement(hostOfVM: [0, 1, 0, 1, 2])
        let stopped = DominanceReinsertion.improve(instance, start, lowerBound: 3)
        XCTAssertEqual(stopped.emptied, 0)
        XCTAssertEqual(stopped.placement, start)
        let searched = DominanceReinsertion.improve(instance, start, lowerBound: 2)
        XCTAssertEqual(searched.emptied, 1)
        XCTAssertTrue(PlacementChecker.check(instance, searched.placement).isEmpty)
        XCTAssertEqual(HostElimination.improve(instance, start, lowerBound: 3).placement, start)
    }

    func testNeverWorsensStaysValidAndDeterministic() throws {
        for seed in UInt64(1)...80 {
            let instance = TestInstances.make(seed, currentPlacement: false)
            let start = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            let (better, emptied) = DominanceReinsertion.improve(instance, start)
            XCTAssertEqual(PlacementChecker.check(instance, better, options: .init(allowUnplaced: true)), [], "seed \(seed)")
            XCTAssertEqual(better.usedHosts.count, start.usedHosts.count - emptied, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(emptied, 0, "seed \(seed)")
            XCTAssertEqual(better.hostOfVM.map { $0 == nil }, start.hostOfVM.map { $0 == nil }, "seed \(seed)")
            for v in instance.vms.indices where instance.vms[v].pinned { XCTAssertEqual(better[v], start[v], "seed \(seed) pinned VM \(v) moved") }
            XCTAssertEqual(DominanceReinsertion.improve(instance, start).placement, better, "seed \(seed): not deterministic")
        }
    }
}
