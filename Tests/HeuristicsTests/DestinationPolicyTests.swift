import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

final class DestinationPolicyTests: XCTestCase {
    /// Hosts of (100, 100) with the given loads (as single VMs), plus the VM to place, last.
    func state(loads: [[Double]], vm: [Double]) -> PackingState {
        let hosts = loads.indices.map { TestInstances.host("h\($0)", [100, 100]) }
        let vms = loads.enumerated().map { TestInstances.vm("l\($0.offset)", $0.element, on: $0.offset) } + [TestInstances.vm("new", vm)]
        let instance = Instance(name: "dest", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
        return PackingState(instance: instance, startingFrom: instance.currentPlacement)
    }

    func testFirstBestWorstFit() {
        let s = state(loads: [[50, 50], [80, 80], [10, 10]], vm: [15, 15])
        let all = [0, 1, 2]
        XCTAssertEqual(FirstFitDestination().destination(for: 3, candidates: all, state: s, context: PolicyContext()), 0)
        XCTAssertEqual(BestFitDestination().destination(for: 3, candidates: all, state: s, context: PolicyContext()), 1)
        XCTAssertEqual(WorstFitDestination().destination(for: 3, candidates: all, state: s, context: PolicyContext()), 2)
        XCTAssertEqual(LeastVolumeDestination().destination(for: 3, candidates: all, state: s, context: PolicyContext()), 2)
        // Excluded hosts and hosts without room are never chosen.
        XCTAssertEqual(WorstFitDestination().destination(for: 3, candidates: all, state: s, context: PolicyContext(excludedHosts: [2])), 0)
        let full = state(loads: [[90, 90]], vm: [15, 15])
        XCTAssertNil(BestFitDestination().destination(for: 1, candidates: [0], state: full, context: PolicyContext()))
    }

    func testVectorDotPrefersComplementaryLoad() {
        // Host 0 is CPU-loaded, host 1 memory-loaded; a memory-heavy VM: dot 0.12 vs 0.20.
        let s = state(loads: [[60, 20], [20, 60]], vm: [10, 30])
        XCTAssertEqual(VectorDotDestination().destination(for: 2, candidates: [0, 1], state: s, context: PolicyContext()), 0)
        XCTAssertEqual(ResourceImbalanceDestination().destination(for: 2, candidates: [0, 1], state: s, context: PolicyContext()), 0)
    }

    func testDotProductAnomalyPrefersIdleHostVectorApproachDoesNot() {
        // Mishra & Sahoo's anomaly of the dot product: it favours a lightly loaded host
        // (dot 0.04) over a complementary loaded one (dot 0.12), spreading load. The vector
        // approach sees equal imbalance (0.141) after either choice and packs onto the fuller host.
        let s = state(loads: [[10, 10], [60, 20]], vm: [10, 30])
        XCTAssertEqual(VectorDotDestination().destination(for: 2, candidates: [0, 1], state: s, context: PolicyContext()), 0)
        XCTAssertEqual(ResourceImbalanceDestination().destination(for: 2, candidates: [0, 1], state: s, context: PolicyContext()), 1)
    }

    func testVolumeAnomalyCannotTellShapesApartVectorCan() {
        // Two VMs of mirrored shape have the same volume 1/(0.7·0.9), so volume-based selection
        // cannot tell which one corrects a CPU-heavy host; the vector approach removes the CPU-heavy one.
        let instance = Instance(name: "anomaly", dimensions: ["cpu", "mem"], hosts: [TestInstances.host("h", [100, 100])],
                                vms: [TestInstances.vm("mem-heavy", [10, 30], on: 0), TestInstances.vm("cpu-heavy", [30, 10], on: 0),
                                      TestInstances.vm("base", [40, 0], on: 0)])
        let s = PackingState(instance: instance, startingFrom: instance.currentPlacement)
        XCTAssertEqual(SizeMeasure.volume([0.1, 0.3]), SizeMeasure.volume([0.3, 0.1]), accuracy: 1e-12)
        XCTAssertEqual(SizeMeasureSelection(measure: .volume).order(vmsOn: 0, state: s, context: PolicyContext()).first, 2)
        let volumeOrder = SizeMeasureSelection(measure: .volume).order(vmsOn: 0, state: s, context: PolicyContext())
        XCTAssertEqual(Array(volumeOrder.dropFirst()), [0, 1])   // the tie goes by index: mem-heavy first
        let vector = VectorSelection().order(vmsOn: 0, state: s, context: PolicyContext())
        XCTAssertEqual(vector.firstIndex(of: 1)!, vector.firstIndex(of: 0)! - 1)   // cpu-heavy before mem-heavy
    }

    func testAffinityDestinationFollowsPartners() {
        var instance = Instance(name: "aff", dimensions: ["cpu", "mem"], hosts: (0..<3).map { TestInstances.host("h\($0)", [100, 100]) },
                                vms: [TestInstances.vm("a", [10, 10], on: 0), TestInstances.vm("b", [50, 50], on: 1), TestInstances.vm("new", [10, 10])])
        instance.traffic = [VirtualMachinePair(2, 0, amount: 5)]
        let s = PackingState(instance: instance, startingFrom: instance.currentPlacement)
        XCTAssertEqual(AffinityDestination().destination(for: 2, candidates: [0, 1, 2], state: s, context: PolicyContext()), 0)
        XCTAssertEqual(BestFitDestination().destination(for: 2, candidates: [0, 1, 2], state: s, context: PolicyContext()), 1)
    }
}
