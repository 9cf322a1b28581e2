import Heuristics
import PlacementModel
import XCTest

/// ``PowerStretches``: segments of equal slope merge, equal slopes are one double, hosts whose
/// increases are mathematically equal get the same double (and PABFD then takes the lowest
/// index), and every increase stays within rounding of CloudSim's two interpolations.
final class PowerStretchesTests: XCTestCase {
    static let g4: [Double] = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]
    static let g5: [Double] = [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]

    func stretches(_ curves: [[Double]], capacities: [Double]) throws -> PowerStretches {
        try XCTUnwrap(PowerStretches(capacities: capacities, kinds: Array(curves.indices), curves: curves.flatMap { $0 }))
    }

    func testSegmentsOfEqualSlopeMerge() throws {
        let s = try stretches([Self.g5, (0...10).map { 93.7 + 4.13 * Double($0) }], capacities: [5320, 5320])
        let g5 = s.stretches(kind: 0)
        // 3.3, 4, 4, 5, 6, 5, 4, 4, 4, 2 watts per tenth.
        XCTAssertEqual(g5.map(\.start), [0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.9])
        XCTAssertEqual(g5.map(\.end), [0.1, 0.3, 0.4, 0.5, 0.6, 0.9, 1])
        XCTAssertEqual(g5[1].slope, g5[5].slope, "0.1–0.3 and 0.6–0.9 rise 4 W per tenth: one double")
        XCTAssertEqual(g5[2].slope, g5[4].slope)
        // A linear curve whose tenths differ by rounding is one stretch.
        XCTAssertEqual(s.stretches(kind: 1).count, 1)
    }

    func testMathematicallyEqualIncreasesAreEqual() throws {
        let s = try stretches([Self.g5], capacities: [5320])
        let demand = 500.0
        let expected = try XCTUnwrap(s.increase(kind: 0, load: 0.1 * 5320, demand: demand))
        var interpolatedValues: Set<Double> = []
        // Every load whose utilisation stays in 0.1–0.3 or 0.6–0.9 with the VM (of 5 320 MIPS).
        let low: [Double] = Array(stride(from: 532.0, through: 1596.0 - demand, by: 7.3))
        let high: [Double] = Array(stride(from: 3192.0, through: 4788.0 - demand, by: 11.1))
        for load in low + high {
            XCTAssertEqual(s.increase(kind: 0, load: load, demand: demand), expected, "load \(load)")
            let interpolated = g5Watts(load + demand) - g5Watts(load)
            interpolatedValues.insert(interpolated)
            XCTAssertEqual(interpolated, expected, accuracy: 1e-9)
        }
        XCTAssertGreaterThan(interpolatedValues.count, 1, "CloudSim's arithmetic gives these hosts different last bits")
        // Straddling a change of slope: within rounding of the interpolation, and above the stretch's.
        let straddling = try XCTUnwrap(s.increase(kind: 0, load: 0.28 * 5320, demand: demand))
        XCTAssertEqual(straddling, g5Watts(0.28 * 5320 + demand) - g5Watts(0.28 * 5320), accuracy: 1e-9)
        XCTAssertGreaterThan(straddling, expected)
        XCTAssertNil(s.increase(kind: 0, load: 5000, demand: demand), "no room")
    }

    /// The scan ranks tied hosts by index: among hosts of equal (stretch) increase, the lowest.
    func testScanTakesTheLowestIndexAmongEqualIncreases() throws {
        let loads: [Double] = [2000, 800, 1000, 3400, 900]
        let hosts = loads.indices.map { Host(id: "h\($0)", capacity: ResourceVector([5320, 100])) }
        var vms = loads.enumerated().map { VirtualMachine(id: "l\($0.offset)", demand: ResourceVector([$0.element, 1])) }
        vms.append(VirtualMachine(id: "new", demand: ResourceVector([300, 1])))
        let instance = Instance(name: "ties", dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
        var state = PackingState(instance: instance)
        for h in loads.indices { state.place(vm: h, on: h) }
        let s = try XCTUnwrap(PowerStretches(capacities: Array(repeating: 5320, count: 5), kinds: Array(repeating: 0, count: 5),
                                             curves: Array(Array(repeating: Self.g5, count: 5).joined())))
        let pabfd = PowerAwareBestFit(overloadedAfterPlacing: { _, _, _ in false }, stretches: s)
        // Hosts 1, 2 and 4 stay in 0.1–0.3 (4 W per tenth), host 3 in 0.6–0.9 (also 4), host 0 crosses 0.4.
        XCTAssertEqual(pabfd.destination(for: 5, candidates: [4, 3, 2, 1, 0], state: state, context: PolicyContext()), 1)
        XCTAssertEqual(pabfd.destination(for: 5, candidates: [4, 3, 2], state: state, context: PolicyContext()), 2)
        XCTAssertEqual(pabfd.destination(for: 5, candidates: [4, 3], state: state, context: PolicyContext()), 3)
    }
}

/// CloudSim's arithmetic on the G5 curve at a load of a 5 320 MIPS host.
private func g5Watts(_ load: Double) -> Double {
    PowerAwareBestFitIndex.tenthsWatts(PowerStretchesTests.g5, first: 0, utilisation: load / 5320)
}
