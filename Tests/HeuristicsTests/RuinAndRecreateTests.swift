import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class RuinAndRecreateTests: XCTestCase {
    /// Identical hosts of capacity 100 in `d` dimensions, VMs with seeded demands 10…60, no rules.
    func vectorInstance(_ seed: UInt64, vms: Int, d: Int) -> Instance {
        var random = SeededGenerator(seed: seed)
        let hosts = (0..<vms).map { Host(id: "h\($0)", capacity: ResourceVector(Array(repeating: 100, count: d))) }
        let list = (0..<vms).map { v in
            VirtualMachine(id: "v\(v)", demand: ResourceVector((0..<d).map { _ in Double(Int.random(in: 10...60, using: &random)) }))
        }
        return Instance(name: "vector-\(seed)", dimensions: (0..<d).map { "r\($0)" }, hosts: hosts, vms: list)
    }

    func testLowerBoundIsL1ForIdenticalHostsOnly() {
        let instance = vectorInstance(3, vms: 10, d: 2)
        let expected = (0..<2).map { k in Int((instance.vms.reduce(0.0) { $0 + $1.demand[k] } / 100).rounded(.up)) }.max()!
        XCTAssertEqual(RuinAndRecreate.lowerBound(instance), expected)
        var mixed = instance
        mixed.hosts[0].capacity = ResourceVector([200, 200])
        XCTAssertEqual(RuinAndRecreate.lowerBound(mixed), 0)
    }

    /// Items 5, 5, 4, 3, 3 in bins of 10 packed as {5,4}, {5,3}, {3}: the search reaches the
    /// lower bound of 2 hosts.
    func testReachesLowerBoundOnSmallInstance() {
        let hosts = (0..<3).map { Host(id: "h\($0)", capacity: ResourceVector([10])) }
        let vms = [5.0, 5, 4, 3, 3].enumerated().map { VirtualMachine(id: "v\($0.offset)", demand: ResourceVector([$0.element])) }
        let instance = Instance(name: "ruin", dimensions: ["cpu"], hosts: hosts, vms: vms)
        let start = Placement(hostOfVM: [0, 1, 0, 1, 2])
        let (better, emptied) = RuinAndRecreate.improve(instance, start)
        XCTAssertEqual(emptied, 1)
        XCTAssertEqual(better.usedHosts.count, RuinAndRecreate.lowerBound(instance))
        XCTAssertTrue(PlacementChecker.check(instance, better).isEmpty)
    }

    /// The search stops at the lower bound it is given (even a loose one, here the start's own
    /// host count: the start comes back), and by default at the HostLowerBound: on VMs of
    /// 34 % no three share a host, so 5 VMs spread over 5 hosts end on ⌈5 / 2⌉ = 3.
    func testStopsAtLowerBound() {
        let hosts = (0..<5).map { Host(id: "h\($0)", capacity: ResourceVector([100, 100])) }
        let vms = (0..<5).map { VirtualMachine(id: "v\($0)", demand: ResourceVector([34, 1])) }
        let instance = Instance(name: "cardinality", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
        let start = Placement(hostOfVM: [0, 1, 2, 3, 4])
        XCTAssertEqual(RuinAndRecreate.improve(instance, start, lowerBound: 5).placement, start)
        let (better, emptied) = RuinAndRecreate.improve(instance, start, iterations: 200)
        XCTAssertEqual(better.usedHosts.count, HostLowerBound.hosts(instance))
        XCTAssertEqual(emptied, 2)
        XCTAssertTrue(PlacementChecker.check(instance, better).isEmpty)
        XCTAssertEqual(RuinAndRecreate.improve(instance, start, iterations: 200).placement, better)
    }

    /// On seeded vector instances the result never uses more hosts than the start, never fewer
    /// than L1, is valid and deterministic, and frees hosts on some of them.
    func testImprovesSeededVectorInstances() throws {
        var freed = 0
        for seed in UInt64(1)...10 {
            let instance = vectorInstance(seed, vms: 30, d: 3)
            let start = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            let (better, emptied) = RuinAndRecreate.improve(instance, start, iterations: 30)
            XCTAssertEqual(PlacementChecker.check(instance, better), [], "seed \(seed)")
            XCTAssertEqual(better.usedHosts.count, start.usedHosts.count - emptied, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(emptied, 0, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(better.usedHosts.count, RuinAndRecreate.lowerBound(instance), "seed \(seed)")
            XCTAssertGreaterThanOrEqual(better.usedHosts.count, HostLowerBound.hosts(instance), "seed \(seed)")
            XCTAssertEqual(RuinAndRecreate.improve(instance, start, iterations: 30).placement, better, "seed \(seed): not deterministic")
            freed += emptied
        }
        XCTAssertGreaterThan(freed, 0, "ruin and recreate freed no host on 10 FFD packings")
    }

    /// Instances with every kind of rule: valid, never worse, deterministic; with affinity rules
    /// or pinned VMs the placement is returned unchanged.
    func testNeverWorsensStaysValidAndRespectsRules() throws {
        for seed in UInt64(1)...60 {
            var instance = TestInstances.make(seed, currentPlacement: false)
            if seed % 2 == 0 { instance.affinity = [] }
            let start = try XCTUnwrap(FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            let (better, emptied) = RuinAndRecreate.improve(instance, start, iterations: 20)
            XCTAssertEqual(PlacementChecker.check(instance, better, options: .init(allowUnplaced: true)), [], "seed \(seed)")
            XCTAssertEqual(better.usedHosts.count, start.usedHosts.count - emptied, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(emptied, 0, "seed \(seed)")
            XCTAssertEqual(better.hostOfVM.map { $0 == nil }, start.hostOfVM.map { $0 == nil }, "seed \(seed)")
            if !instance.affinity.isEmpty || instance.vms.contains(where: { $0.pinned }) {
                XCTAssertEqual(better, start, "seed \(seed): rules present but placement changed")
            }
            XCTAssertEqual(RuinAndRecreate.improve(instance, start, iterations: 20).placement, better, "seed \(seed): not deterministic")
        }
    }
}
