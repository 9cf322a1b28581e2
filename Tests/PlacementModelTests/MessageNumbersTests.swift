import PlacementModel
import XCTest

/// Issue 18: numbers in messages read as a person would write them, and an infeasible hotspot
/// instance names the threshold at fault.
final class MessageNumbersTests: XCTestCase {
    func testFloatingPointNoiseDoesNotShow() {
        XCTAssertEqual(formatNumber((0.85 - 0.7) * 1000), "150")
        XCTAssertEqual(formatNumber(0.1 + 0.2), "0.3")
        XCTAssertEqual(formatNumber(1.5), "1.5")
        XCTAssertEqual(formatNumber(-2.25), "-2.25")
        XCTAssertEqual(formatNumber(123456.789), "123456.789")
        XCTAssertEqual(formatNumber(1e-7), "1e-07")
        XCTAssertEqual(formatNumber(7), "7")
        XCTAssertEqual(formatNumber(10.000000001), "10.000000001", "differences the checker sees still show")
        XCTAssertEqual(formatNumber(.infinity), "inf")
    }

    func testInfeasibleHotspotNamesTheThreshold() {
        let hosts = [Host(id: "h1", capacity: ResourceVector([10, 10])), Host(id: "h2", capacity: ResourceVector([10, 10]))]
        var instance = Instance(name: "hot", dimensions: ["cpu", "mem"], hosts: hosts,
                                vms: [VirtualMachine(id: "a", demand: ResourceVector([9, 2])), VirtualMachine(id: "b", demand: ResourceVector([1, 2]))])
        instance.overloadThreshold = [0.8, 0.9]
        let reasons = ThresholdInfeasibility.reasons(instance)
        XCTAssertEqual(reasons.count, 1, "\(reasons)")
        XCTAssertTrue(reasons[0].hasPrefix("VM a: cpu demand 9 is above the overload threshold (thresholds.overload) 0.8 × capacity 10 = 8 of h1"), reasons[0])
        instance.overloadThreshold = [0.9, 0.9]
        XCTAssertEqual(ThresholdInfeasibility.reasons(instance), [], "9 ≤ 0.9 × 10")
    }
}
