import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class SelectionPolicyTests: XCTestCase {
    /// One host of (100 cpu, 1000 mem, 100 net) with four VMs.
    func fixture() -> PackingState {
        let instance = Instance(name: "sel", dimensions: ["cpu", "mem", "net"],
                                hosts: [TestInstances.host("h", [100, 1000, 100]), TestInstances.host("g", [100, 1000, 100])],
                                vms: [TestInstances.vm("a", [40, 100, 10], on: 0),     // CPU heavy, small memory
                                      TestInstances.vm("b", [10, 500, 10], on: 0),     // memory heavy
                                      TestInstances.vm("c", [20, 200, 40], on: 0),     // network heavy
                                      TestInstances.vm("d", [20, 100, 10], on: 0)],
                                traffic: [VirtualMachinePair(0, 1, amount: 50), VirtualMachinePair(2, 3, amount: 1)])
        return PackingState(instance: instance, startingFrom: instance.currentPlacement)
    }

    func testMinimumMigrationTimeIsLeastMemoryFirstTiesByIndex() {
        // Memory = demand in the memory dimension: a 100, b 500, c 200, d 100.
        XCTAssertEqual(MinimumMigrationTimeSelection().order(vmsOn: 0, state: fixture(), context: PolicyContext()), [0, 3, 2, 1])
    }

    func testVolumeAndVolumeToSizeRatio() {
        let state = fixture()
        // Volumes: a 1/(.6·.9·.9)=2.058, b 1/(.9·.5·.9)=2.469, c 1/(.8·.8·.6)=2.604, d 1/(.8·.9·.9)=1.543.
        XCTAssertEqual(SizeMeasureSelection(measure: .volume).order(vmsOn: 0, state: state, context: PolicyContext()), [2, 1, 0, 3])
        // VSR divides by memory (100, 500, 200, 100): a .0206, b .0049, c .0130, d .0154.
        XCTAssertEqual(SizeMeasureSelection(measure: .vsr).order(vmsOn: 0, state: state, context: PolicyContext()), [0, 3, 2, 1])
        XCTAssertEqual(SizeMeasureSelection(measure: .max).order(vmsOn: 0, state: state, context: PolicyContext()), [1, 0, 2, 3])
    }

    func testResourceConstrainedTakesLargestInHottestDimension() {
        // Host utilisation: cpu 0.9, mem 0.9, net 0.7 — cpu first (lower index breaks the tie).
        XCTAssertEqual(ResourceConstrainedSelection().order(vmsOn: 0, state: fixture(), context: PolicyContext()).first, 0)
    }

    func testAffinityLeavesLeastTrafficFirst() {
        // Traffic to co-located VMs: a 50, b 50, c 1, d 1.
        XCTAssertEqual(AffinitySelection().order(vmsOn: 0, state: fixture(), context: PolicyContext()), [2, 3, 0, 1])
    }

    func testVectorSelectionRemovesAlignedVMFirst() {
        // Host is cpu 0.9 / mem 0.9 / net 0.7: removing the network-heavy c unbalances it most,
        // removing a balanced-with-the-host VM keeps it balanced.
        let order = VectorSelection().order(vmsOn: 0, state: fixture(), context: PolicyContext())
        XCTAssertEqual(order.last, 2)
    }

    func testRandomIsSeededPermutation() {
        let state = fixture()
        let a = RandomSelection().order(vmsOn: 0, state: state, context: PolicyContext(seed: 7))
        XCTAssertEqual(a.sorted(), [0, 1, 2, 3])
        XCTAssertEqual(a, RandomSelection().order(vmsOn: 0, state: state, context: PolicyContext(seed: 7)))
        let orders = Set((1...20).map { RandomSelection().order(vmsOn: 0, state: state, context: PolicyContext(seed: $0)) })
        XCTAssertGreaterThan(orders.count, 5)
    }
}
