import Heuristics
import PlacementModel
import XCTest

/// PABFD answered from ``PowerAwareBestFitIndex`` picks what the scan over the same candidates
/// with the same tie-exact increases (``PowerStretches``) picks, on seeded random states: hosts
/// of four kinds (two SPECpower curves, a curve with flat segments and a linear one: bands of
/// equal increases, decided by the host index), loads that repeat exactly,
/// empty hosts and hosts with VMs of zero demand, hosts leaving and joining the candidates
/// (switched off and on, excluded), kinds refused, overload thresholds with and without the
/// utilisation limit, black-box checks and context exclusions.
final class PowerAwareBestFitIndexTests: XCTestCase {
    struct Kind {
        var capacity: Double
        var curve: [Double]
    }

    static let kinds = [
        Kind(capacity: 3720, curve: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]),
        Kind(capacity: 5320, curve: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]),
        Kind(capacity: 2000, curve: (0...10).map { 80 + Double($0 / 3) * 5 }),
        Kind(capacity: 2000, curve: (0...10).map { 100 + 10 * Double($0) }),
    ]

    func testIndexedQueryEqualsTheScan() {
        for (seed, hostCount, queries) in [(UInt64(1), 300, 3000), (2, 300, 3000), (3, 2500, 1000)] {
            assertIndexEqualsScan(seed: seed, hostCount: hostCount, queries: queries)
        }
    }

    func assertIndexEqualsScan(seed: UInt64, hostCount: Int, queries: Int) {
        var random = SplitMix64(seed: seed)
        let kindOf = (0..<hostCount).map { _ in Int.random(in: 0..<Self.kinds.count, using: &random) }
        let capacities = kindOf.map { Self.kinds[$0].capacity }
        let table = kindOf.flatMap { Self.kinds[$0].curve }
        // The replay's power function: 11-point curves, linear between tenths.
        let power: @Sendable (Int, Double) -> Double = { host, utilisation in
            PowerAwareBestFitIndex.tenthsWatts(table, first: host * 11, utilisation: utilisation)
        }
        // Memory binds on a few hosts, so the full test (canPlace) rejects some hosts too.
        let hosts = (0..<hostCount).map { h in
            Host(id: "h\(h)", capacity: ResourceVector([capacities[h], h % 17 == 0 ? 3 : 1000]))
        }
        let vmCount = hostCount * 6
        let vms = (0..<vmCount).map { v in
            // Multiples of 50 MIPS (sums repeat exactly: equal loads), a few of zero demand, a few
            // that fit only nearly empty hosts of the largest kind.
            let units = Int.random(in: 0...20, using: &random) + (v % 40 == 39 ? 75 : 0)
            return VirtualMachine(id: "v\(v)", demand: ResourceVector([Double(units) * 50, 1]))
        }
        let instance = Instance(name: "index", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
        var state = PackingState(instance: instance)
        // Most hosts get VMs; some stay empty (load exactly 0).
        for v in 0..<vmCount {
            let h = Int.random(in: 0..<hostCount, using: &random)
            if h % 9 != 0 && state.canPlace(vm: v, on: h) { state.place(vm: v, on: h) }
        }
        guard let index = PowerAwareBestFitIndex(capacities: capacities, kinds: kindOf, curves: table) else {
            return XCTFail("finite curves must give an index")
        }
        var member = (0..<hostCount).map { _ in Bool.random(using: &random) }
        for h in 0..<hostCount where member[h] { index.insert(host: h, load: state.load(host: h, dimension: 0)) }
        func refresh(_ h: Int) { index.update(host: h, load: state.load(host: h, dimension: 0)) }

        var answered = 0, unanswered = 0, limited = 0, tied = 0
        for query in 0..<queries {
            // Hosts switched off / on, excluded / readmitted.
            for _ in 0..<3 {
                let h = Int.random(in: 0..<hostCount, using: &random)
                member[h].toggle()
                if member[h] { index.insert(host: h, load: state.load(host: h, dimension: 0)) } else { index.remove(host: h) }
            }
            // Every tenth query a VM only the largest kind can take, that kind refused (no host
            // fits); every tenth an overload check that refuses every loaded host, the empty ones
            // excluded (every host tested, none passes).
            let noRoom = query % 10 == 9, noneAccepted = query % 10 == 8
            let vm = noRoom ? Int.random(in: 0..<vmCount / 40, using: &random) * 40 + 39 : Int.random(in: 0..<vmCount, using: &random)
            if let from = state.placement[vm] {
                state.remove(vm: vm)
                refresh(from)
            }
            let demand = instance.vms[vm].demand[0]
            let threshold = [0.5, 0.8, 0.9, 1.0][query % 4]
            let blackBox = query % 3 == 0
            let check: PowerAwareBestFit.OverloadCheck = { vm, host, state in
                (state.load(host: host, dimension: 0) + state.instance.vms[vm].demand[0]) / state.instance.hosts[host].capacity[0] > threshold
                    || (blackBox && (host * 7 + vm) % 11 == 0) || noneAccepted
            }
            let limit: Double? = query % 5 == 0 ? nil : threshold
            if limit != nil { limited += 1 }
            let refused = query % 7 == 0 ? Int.random(in: 0..<Self.kinds.count, using: &random) : -1
            let admits = { (host: Int) in noRoom ? kindOf[host] != 1 : kindOf[host] != refused }
            var excluded: Set<Int> = query % 13 == 0 ? Set((0..<5).map { _ in Int.random(in: 0..<hostCount, using: &random) }) : []
            if noneAccepted { excluded = Set((0..<hostCount).filter { state.load(host: $0, dimension: 0) == 0 }) }
            let context = PolicyContext(power: power, excludedHosts: excluded)
            let pabfd = PowerAwareBestFit(overloadedAfterPlacing: check, stretches: index.stretches)
            let candidates = (0..<hostCount).filter { member[$0] && admits($0) }.shuffled(using: &random)
            let expected = pabfd.destination(for: vm, candidates: candidates, state: state, context: context)
            let indexed = pabfd.destination(for: vm, index: index, admits: admits, utilisationLimit: limit, state: state, context: context)
            XCTAssertEqual(indexed, expected, "seed \(seed), query \(query), VM \(vm) of demand \(demand)")
            if let expected, let best = index.stretches.increase(host: expected, load: state.load(host: expected, dimension: 0), demand: demand),
               candidates.contains(where: { $0 != expected && index.stretches.increase(host: $0, load: state.load(host: $0, dimension: 0), demand: demand) == best }) {
                tied += 1
            }
            if let expected {
                state.place(vm: vm, on: expected)
                refresh(expected)
                answered += 1
            } else {
                unanswered += 1
            }
        }
        XCTAssertGreaterThan(answered, queries / 3, "seed \(seed)")
        XCTAssertGreaterThanOrEqual(unanswered, queries / 5, "seed \(seed)")
        XCTAssertGreaterThan(limited, queries / 2, "seed \(seed)")
        XCTAssertGreaterThan(tied, queries / 10, "seed \(seed): answers among hosts of equal increase")
    }

    /// The lowest host of a bucket leaving before any query: the bucket's other hosts stay
    /// (a drain's source leaves the index before the round's first query).
    func testLowestOfABucketLeavingBeforeAnyQueryKeepsTheOthers() throws {
        let curve = (0...10).map { 100 + 10 * Double($0) }
        let index = try XCTUnwrap(PowerAwareBestFitIndex(capacities: Array(repeating: 10, count: 4), kinds: Array(repeating: 0, count: 4),
                                                         curves: Array(Array(repeating: curve, count: 4).joined())))
        index.insert(host: 0, load: 2)
        index.insert(host: 1, load: 2)
        index.remove(host: 0)
        XCTAssertEqual(index.destination(demand: 2, admits: { _ in true }, passes: { _ in true }), 1)
        XCTAssertEqual(index.destination(demand: 2, admits: { _ in true }, passes: { _ in true }, utilisationLimit: 0.8), 1)
    }

    /// The index's own bookkeeping: zero-load hosts in index order across bitset words, a host
    /// leaving the group for a bucket, removal, and an answer of none.
    func testZeroLoadGroupKeepsHostOrder() {
        let count = 10_000
        let curve = (0...10).map { 100 + 5 * Double($0) }
        guard let index = PowerAwareBestFitIndex(capacities: Array(repeating: 100, count: count), kinds: Array(repeating: 0, count: count),
                                                 curves: Array((0..<count).map { _ in curve }.joined())) else {
            return XCTFail("a finite curve must give an index")
        }
        for h in [9_999, 4_097, 64, 63, 5_000] { index.insert(host: h, load: 0) }
        var tested: [Int] = []
        let first = index.destination(demand: 10, admits: { _ in true }, passes: { host in
            tested.append(host)
            return host == 5_000
        })
        XCTAssertEqual(first, 5_000)
        XCTAssertEqual(tested, [63, 64, 4_097, 5_000])
        index.remove(host: 5_000)
        index.update(host: 4_097, load: 20)
        XCTAssertEqual(index.destination(demand: 10, admits: { _ in true }, passes: { $0 == 4_097 }), 4_097)
        XCTAssertEqual(index.destination(demand: 10, admits: { _ in true }, passes: { $0 > 5_000 }), 9_999)
        XCTAssertNil(index.destination(demand: 10, admits: { _ in true }, passes: { _ in false }))
        XCTAssertNil(index.destination(demand: 10, admits: { _ in false }, passes: { _ in true }))
    }
}
