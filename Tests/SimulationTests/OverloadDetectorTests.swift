import XCTest
@testable import Simulation

final class OverloadDetectorTests: XCTestCase {
    func testStaticThreshold() {
        let thr = StaticThresholdDetector(threshold: 0.8)
        XCTAssertFalse(thr.isOverloaded(HostObservation(utilisation: 0.8, history: [])))
        XCTAssertTrue(thr.isOverloaded(HostObservation(utilisation: 0.81, history: [])))
    }

    func testInterQuartileRangeAsCloudSim() {
        // 12 values 0.1...1.2: Q1 index round(0.25*13)-1 = 2 (0.3), Q3 index round(0.75*13)-1 = 9 (1.0): IQR 0.7.
        let history = (1...12).map { Double($0) / 10 }
        XCTAssertEqual(Statistics.interquartileRange(history), 0.7, accuracy: 1e-12)
        let iqr = InterQuartileRangeDetector(safety: 1.0)     // threshold 1 - 0.7 = 0.3
        XCTAssertTrue(iqr.isOverloaded(HostObservation(utilisation: 0.31, history: history)))
        XCTAssertFalse(iqr.isOverloaded(HostObservation(utilisation: 0.29, history: history)))
        // Fewer than 12 samples: fallback THR 0.7.
        XCTAssertFalse(iqr.isOverloaded(HostObservation(utilisation: 0.69, history: Array(history.prefix(11)))))
        XCTAssertTrue(iqr.isOverloaded(HostObservation(utilisation: 0.71, history: Array(history.prefix(11)))))
    }

    func testMedianAbsoluteDeviation() {
        // Median 0.5; deviations 0.4,0.3,0.2,0.1,0,0.1,0.2,0.3,0.4,0.5,0.5,0.5 -> MAD 0.3 (sorted middle 0.3, 0.3).
        let history = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.0, 0.0]
        let mad = Statistics.medianAbsoluteDeviation(history)
        let median = Statistics.median(history)
        XCTAssertEqual(median, 0.45, accuracy: 1e-12)
        XCTAssertEqual(mad, Statistics.median(history.map { abs($0 - 0.45) }), accuracy: 1e-12)
        let detector = MedianAbsoluteDeviationDetector(safety: 2.5)
        XCTAssertEqual(detector.isOverloaded(HostObservation(utilisation: 1 - 2.5 * mad + 0.01, history: history)), true)
        XCTAssertEqual(detector.isOverloaded(HostObservation(utilisation: 1 - 2.5 * mad - 0.01, history: history)), false)
    }

    func testLocalRegressionExtrapolatesALine() {
        // y = 0.05 x over the last 10 samples; one migration interval ahead: x = 11 -> 0.55.
        let history = (1...12).map { 0.05 * Double($0 - 2) }
        let observation = HostObservation(utilisation: 0.5, history: history, maximumMigrationSeconds: 20, intervalSeconds: 300)
        let lr = LocalRegressionDetector(safety: 1.2)
        XCTAssertEqual(lr.forecast(observation) ?? 0, 0.55, accuracy: 1e-12)
        XCTAssertFalse(lr.isOverloaded(observation))                                  // 0.66 < 1
        XCTAssertTrue(LocalRegressionDetector(safety: 2).isOverloaded(observation))   // 1.1 >= 1
        // Robust regression ignores one spike that ordinary least squares follows.
        var spiky = history
        spiky[spiky.count - 5] = 0.95
        let robust = RobustLocalRegressionDetector(safety: 1).forecast(HostObservation(utilisation: 0.5, history: spiky,
                                                                                         maximumMigrationSeconds: 20))
        let plain = LocalRegressionDetector(safety: 1).forecast(HostObservation(utilisation: 0.5, history: spiky,
                                                                                  maximumMigrationSeconds: 20))
        XCTAssertEqual(robust ?? 0, 0.55, accuracy: 0.02)
        XCTAssertGreaterThan(abs((plain ?? 0) - 0.55), abs((robust ?? 0) - 0.55))
        // Short history: fallback THR 0.7.
        XCTAssertTrue(lr.isOverloaded(HostObservation(utilisation: 0.75, history: [0.1, 0.2])))
    }

    func testKOfNAndExponentialSmoothingAndImbalance() {
        let sandpiper = KOfNHotSpotDetector(threshold: 0.8, k: 3, n: 5)
        XCTAssertTrue(sandpiper.isOverloaded(HostObservation(utilisation: 0.9, history: [0.1, 0.85, 0.2, 0.9])))
        XCTAssertFalse(sandpiper.isOverloaded(HostObservation(utilisation: 0.9, history: [0.85, 0.1, 0.2, 0.3])))
        let ewma = ExponentialSmoothingDetector(threshold: 0.5, alpha: 0.5)
        // F: 0.2 -> 0.5*0.6+0.5*0.2 = 0.4 -> 0.5*0.8+0.5*0.4 = 0.6.
        XCTAssertEqual(ewma.forecast(HostObservation(utilisation: 0.8, history: [0.2, 0.6])), 0.6, accuracy: 1e-12)
        XCTAssertTrue(ewma.isOverloaded(HostObservation(utilisation: 0.8, history: [0.2, 0.6])))
        let imbalance = ImbalanceDetector(margin: 0.2)
        XCTAssertTrue(imbalance.isOverloaded(HostObservation(utilisation: 0.71, history: [], dataCentreMeanUtilisation: 0.5)))
        XCTAssertFalse(imbalance.isOverloaded(HostObservation(utilisation: 0.69, history: [], dataCentreMeanUtilisation: 0.5)))
    }

    func testPowerModels() {
        XCTAssertEqual(PowerModel.hpProLiantMl110G4.watts(at: 0.25), 92.6 + 0.5 * 3.4, accuracy: 1e-9)
        XCTAssertEqual(PowerModel.hpProLiantMl110G5.watts(at: 1), 135)
        XCTAssertEqual(PowerModel.linear(idleWatts: 100, peakWatts: 200).watts(at: 0.3), 130, accuracy: 1e-12)
    }
}
