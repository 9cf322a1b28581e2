import PlacementModel
import XCTest
@testable import Heuristics

/// Hand-checked values of every size measure.
final class SizeMeasureTests: XCTestCase {
    func testHandCheckedValues() {
        let u = [0.5, 0.2, 0.4]
        XCTAssertEqual(SizeMeasure.sum.value(u), 1.1, accuracy: 1e-12)
        XCTAssertEqual(SizeMeasure.weightedSum.value(u, weights: [2, 1, 0.5]), 1.0 + 0.2 + 0.2, accuracy: 1e-12)
        XCTAssertEqual(SizeMeasure.product.value(u), 0.04, accuracy: 1e-12)
        XCTAssertEqual(SizeMeasure.max.value(u), 0.5)
        XCTAssertEqual(SizeMeasure.l2.value(u), (0.25 + 0.04 + 0.16).squareRoot(), accuracy: 1e-12)
        // Sandpiper: 1/((1-0.5)(1-0.2)(1-0.4)) = 1/0.24.
        XCTAssertEqual(SizeMeasure.volume.value(u), 1 / 0.24, accuracy: 1e-12)
        XCTAssertEqual(SizeMeasure.vsr.value(u, memoryMiB: 512), 1 / 0.24 / 512, accuracy: 1e-12)
    }

    func testVolumeClampsSaturatedDimensions() {
        // u ≥ 1 is clamped to 1 − 0.001: factor 1000, finite.
        XCTAssertEqual(SizeMeasure.volume([1.0, 0.5]), 1000 * 2, accuracy: 1e-6)
        XCTAssertEqual(SizeMeasure.volume([3.0]), 1000, accuracy: 1e-6)
        XCTAssertTrue(SizeMeasure.volume([1, 1, 1]).isFinite)
    }

    func testDotAndImbalance() {
        XCTAssertEqual(SizeMeasure.dot([0.6, 0.2], [0.3, 0.1]), 0.2, accuracy: 1e-12)
        let vector = SizeMeasure.imbalanceVector([0.6, 0.2])
        XCTAssertEqual(vector[0], 0.2, accuracy: 1e-12)
        XCTAssertEqual(vector[1], -0.2, accuracy: 1e-12)
        XCTAssertEqual(SizeMeasure.imbalance([0.5, 0.5, 0.5]), 0, accuracy: 1e-12)
    }

    func testNormalisedBySizeOfLargestHost() {
        let instance = Instance(name: "t", dimensions: ["cpu", "mem"],
                                hosts: [PlacementModel.Host(id: "a", capacity: ResourceVector([10, 100])), PlacementModel.Host(id: "b", capacity: ResourceVector([20, 50]))],
                                vms: [VirtualMachine(id: "v", demand: ResourceVector([5, 25]))])
        XCTAssertEqual(instance.largestCapacity, [20, 100])
        XCTAssertEqual(instance.size(of: 0, measure: .sum), 0.25 + 0.25, accuracy: 1e-12)
        XCTAssertEqual(instance.normalisedDemand(vm: 0, host: 0), [0.5, 0.25])
    }
}
