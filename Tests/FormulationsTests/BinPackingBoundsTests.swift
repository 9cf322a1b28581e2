import Formulations
import Heuristics
import PlacementModel
import TestSupport
import XCTest

final class BinPackingBoundsTests: XCTestCase {
    func testL2ByHand() {
        // Capacity 10, items 6,6,6,3,3: L1 = ⌈24/10⌉ = 3; L2 sees three items > 5 → 3.
        XCTAssertEqual(BinPackingBounds.l1(sizes: [[6], [6], [6], [3], [3]], capacity: [10]), 3)
        XCTAssertEqual(BinPackingBounds.l2(weights: [6, 6, 6, 3, 3], capacity: 10), 3)
        // Items 6,6,6,5,5: L1 = 3; α = 5 puts 5,5 in J3, spare of the three bins 12 < 10 + ... → 4.
        XCTAssertEqual(BinPackingBounds.l1(sizes: [[6], [6], [6], [5], [5]], capacity: [10]), 3)
        XCTAssertEqual(BinPackingBounds.l2(weights: [6, 6, 6, 5, 5], capacity: 10), 4)
    }

    func testCliqueBoundCountsPairwiseConflicts() {
        // In 2-D, (6,1), (1,6), (6,6): every pair exceeds 10 in some dimension? (6,1)+(1,6) = (7,7) fits.
        let sizes: [[Double]] = [[6, 1], [1, 6], [6, 6]]
        XCTAssertEqual(BinPackingBounds.greedyClique(sizes: sizes, capacity: [10, 10]).count, 2)
        XCTAssertEqual(BinPackingBounds.best(sizes: sizes, capacity: [10, 10]), 2)
    }

    func testBoundsNeverExceedBruteForceOptimum() {
        for seed in UInt64(1)...25 {
            let instance = RandomInstances.make(seed: seed, vms: 5, hosts: 5, dimensions: 2, capacity: 100, demandRange: 10...70)
            guard let optimum = BruteForce.optimum(instance, goal: .place) else { continue }
            let bound = BinPackingBounds.best(sizes: instance.vms.map(\.demand.values), capacity: [100, 100])
            XCTAssertLessThanOrEqual(Double(bound), optimum.value, "seed \(seed)")
        }
    }
}
