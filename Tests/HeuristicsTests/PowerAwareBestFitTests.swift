import XCTest
import Heuristics
import PlacementModel

final class PowerAwareBestFitTests: XCTestCase {
    /// Hosts of 1000 CPU; VM 0..2 placed, VM 3 to place (demand 200).
    func makeState(loads: [Double], idle: [Double], peak: [Double]) -> PackingState {
        let hosts = loads.indices.map { Host(id: "h\($0)", capacity: ResourceVector([1000, 100]), idleWatts: idle[$0], peakWatts: peak[$0]) }
        var vms = loads.enumerated().filter { $0.element > 0 }.map { index, load in
            VirtualMachine(id: "v\(index)", demand: ResourceVector([load, 1]), currentHost: index)
        }
        vms.append(VirtualMachine(id: "new", demand: ResourceVector([200, 1])))
        let instance = Instance(name: "pabfd", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms, overloadThreshold: [0.8, 1])
        return PackingState(instance: instance, startingFrom: instance.currentPlacement)
    }

    func testPicksLeastPowerIncrease() {
        // Linear models: increase = (peak - idle) * 0.2; host 1 has the flattest curve.
        let state = makeState(loads: [100, 100, 100], idle: [100, 100, 100], peak: [200, 150, 300])
        let vm = state.instance.vms.count - 1
        XCTAssertEqual(PowerAwareBestFit().destination(for: vm, candidates: [0, 1, 2], state: state, context: PolicyContext()), 1)
    }

    func testSkipsHostOverloadedAfterPlacementButNotEmptyHost() {
        // Host 0 would reach 0.9 > 0.8 (skipped); host 1 is empty (no check) although steeper.
        let state = makeState(loads: [700, 0], idle: [100, 100], peak: [150, 300])
        let vm = state.instance.vms.count - 1
        XCTAssertEqual(PowerAwareBestFit().destination(for: vm, candidates: [0, 1], state: state, context: PolicyContext()), 1)
        // A custom overload check that accepts everything lets host 0 win.
        let lenient = PowerAwareBestFit(overloadedAfterPlacing: { _, _, _ in false })
        XCTAssertEqual(lenient.destination(for: vm, candidates: [0, 1], state: state, context: PolicyContext()), 0)
    }

    func testTiesGoToLowestIndexAndContextPowerIsUsed() {
        let state = makeState(loads: [100, 100, 100], idle: [100, 100, 100], peak: [200, 200, 200])
        let vm = state.instance.vms.count - 1
        XCTAssertEqual(PowerAwareBestFit().destination(for: vm, candidates: [2, 1, 0], state: state, context: PolicyContext()), 0)
        // Power from the context: host 2 is free to run.
        let context = PolicyContext(power: { host, u in host == 2 ? 50 : 100 + 100 * u })
        XCTAssertEqual(PowerAwareBestFit().destination(for: vm, candidates: [0, 1, 2], state: state, context: context), 2)
    }

    func testNilWhenNothingFitsOrExcluded() {
        let state = makeState(loads: [900, 950], idle: [100, 100], peak: [200, 200])
        let vm = state.instance.vms.count - 1
        XCTAssertNil(PowerAwareBestFit().destination(for: vm, candidates: [0, 1], state: state, context: PolicyContext()))
        let free = makeState(loads: [100], idle: [100], peak: [200])
        XCTAssertNil(PowerAwareBestFit().destination(for: free.instance.vms.count - 1, candidates: [0], state: free,
                                                     context: PolicyContext(excludedHosts: [0])))
    }
}
