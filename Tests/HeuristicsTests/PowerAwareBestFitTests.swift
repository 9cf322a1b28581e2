import Heuristics
import PlacementModel
import XCTest

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

    /// The memo returns the power function's own value and evaluates again when a host's
    /// utilisation changes (a stale memo would return the old value).
    func testPowerMemoReevaluatesWhenUtilisationChanges() {
        let memo = PowerMemo(hostCount: 2)
        var calls = 0
        func power(_ host: Int, _ u: Double) -> Double { calls += 1; return Double(host) * 1000 + 100 * u }
        XCTAssertEqual(memo.watts(host: 1, utilisation: 0.5, power: power), 1050)
        XCTAssertEqual(memo.watts(host: 1, utilisation: 0.5, power: power), 1050)
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(memo.watts(host: 1, utilisation: 0.25, power: power), 1025)
        XCTAssertEqual(memo.watts(host: 0, utilisation: 0.25, power: power), 25)
        XCTAssertEqual(calls, 3)
        XCTAssertEqual(memo.watts(host: 5, utilisation: 0.25, power: power), 5025)  // outside: no memo
        XCTAssertEqual(memo.watts(host: 5, utilisation: 0.25, power: power), 5025)
        XCTAssertEqual(calls, 5)
    }

    /// Over many random moves (seeded), PABFD with a memo shared by every call, and with its
    /// overload checks run in order of power increase, picks what the plain scan of the paper
    /// picks: the least increase (two curve evaluations per host) among hosts passing every test,
    /// ties to the lowest index.
    func testMemoAndRankedChecksMatchThePlainScanOverManyMoves() {
        var random = SplitMix64(seed: 7)
        let hostCount = 12, vmCount = 40
        // Piecewise-linear curves with plateaus (equal increases) and two idle levels.
        let curves: [[Double]] = (0..<hostCount).map { h in
            let idle = Double(80 + 10 * (h % 2)), plateau = 1 + h % 3
            return (0...10).map { (i: Int) -> Double in idle + Double(i / plateau) * 5 }
        }
        let power: @Sendable (Int, Double) -> Double = { host, u in
            let position = min(1, max(0, u)) * 10
            let lower = min(9, Int(position))
            return curves[host][lower] + (curves[host][lower + 1] - curves[host][lower]) * (position - Double(lower))
        }
        let hosts = (0..<hostCount).map { Host(id: "h\($0)", capacity: ResourceVector([1000 + Double($0 % 3) * 500, 100])) }
        let vms = (0..<vmCount).map { VirtualMachine(id: "v\($0)", demand: ResourceVector([Double(Int.random(in: 1...40, using: &random)) * 10, 1])) }
        let instance = Instance(name: "memo", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms, overloadThreshold: [0.8, 1])
        var state = PackingState(instance: instance)
        let context = PolicyContext(power: power)
        // An overload check that rejects often, so the ranked order matters.
        let check: PowerAwareBestFit.OverloadCheck = { vm, host, state in
            (state.load(host: host, dimension: 0) + state.instance.vms[vm].demand[0]) / state.instance.hosts[host].capacity[0] > 0.6
                || (host + vm) % 5 == 0
        }
        let memo = PowerMemo(hostCount: hostCount)
        let fast = PowerAwareBestFit(overloadedAfterPlacing: check, memo: memo)
        func plain(_ vm: Int, _ candidates: [Int]) -> Int? {
            var best: Int?
            var bestIncrease = Double.infinity
            for host in candidates {
                let capacity = instance.hosts[host].capacity[0], load = state.load(host: host, dimension: 0)
                let demand = instance.vms[vm].demand[0]
                guard load + demand <= capacity * (1 + 1e-9), state.canPlace(vm: vm, on: host) else { continue }
                if load != 0 && check(vm, host, state) { continue }
                let increase = power(host, min(1, (load + demand) / capacity)) - power(host, min(1, load / capacity))
                if increase < bestIncrease || (increase == bestIncrease && host < (best ?? Int.max)) {
                    best = host
                    bestIncrease = increase
                }
            }
            return best
        }
        var placedSomewhere = 0, checkedAway = 0
        for _ in 0..<3000 {
            let vm = Int.random(in: 0..<vmCount, using: &random)
            if state.placement[vm] != nil, Bool.random(using: &random) { state.remove(vm: vm); continue }
            if state.placement[vm] != nil { state.remove(vm: vm) }
            let candidates = (0..<hostCount).filter { _ in Int.random(in: 0..<4, using: &random) > 0 }.shuffled(using: &random)
            let expected = plain(vm, candidates)
            XCTAssertEqual(fast.destination(for: vm, candidates: candidates, state: state, context: context), expected)
            let unchecked = PowerAwareBestFit(overloadedAfterPlacing: { _, _, _ in false }).destination(for: vm, candidates: candidates, state: state, context: context)
            if unchecked != expected { checkedAway += 1 }
            if let expected { state.place(vm: vm, on: expected); placedSomewhere += 1 }
        }
        XCTAssertGreaterThan(placedSomewhere, 500)
        XCTAssertGreaterThan(checkedAway, 100)  // the overload check decided often
    }
}
