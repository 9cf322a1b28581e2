import Foundation
import XCTest
@testable import Simulation

final class PolicyGrammarTests: XCTestCase {
    func testEveryTriggerTimesSelectionsAndDestinationsParses() throws {
        for trigger in DetectorRegistry.entries {
            let name = "\(trigger.name)-mmt-0.8"
            let policy = try SimulationPolicy.named(name)
            XCTAssertEqual(policy.detector?.name, trigger.name == "lrw" ? "lr" : trigger.name, name)
        }
        for selection in SimulationPolicy.selectionNames {
            XCTAssertNotNil(try SimulationPolicy.named("thr-\(selection)-0.8").selection, selection)
        }
        for destination in SimulationPolicy.destinationNames {
            let policy = try SimulationPolicy.named("thr-weighted-sum-0.8/\(destination)")
            XCTAssertEqual(policy.selection?.name, "weighted-sum")
            XCTAssertEqual(policy.destination?.name ?? "pabfd", destination == "vector" ? "vector" : destination)
        }
        XCTAssertEqual(try SimulationPolicy.named("thr-reassign-0.8").kind, .reassign)
    }

    func testUnknownPolicyErrorListsTheWholeGrammar() {
        XCTAssertThrowsError(try SimulationPolicy.named("thr-nosuch-0.8")) { error in
            let text = "\(error)"
            for part in DetectorRegistry.names + SimulationPolicy.selectionNames + SimulationPolicy.destinationNames + ["reassign", "vmplace-portfolio"] {
                XCTAssertTrue(text.contains(part), "\(part) missing from: \(text)")
            }
        }
        XCTAssertThrowsError(try SimulationPolicy.named("thr-mmt-0x1p-1"))
        XCTAssertThrowsError(try SimulationPolicy.named("thr-mmt-1.5"))
        XCTAssertThrowsError(try SimulationPolicy.named("thr-reassign-0.8/first-fit"))
        XCTAssertThrowsError(try SimulationPolicy.named("thr-mmt-0.8/nowhere"))
        XCTAssertThrowsError(try SimulationPolicy.named("kofn-mmt-0.8", settings: TriggerSettings(k: 6, n: 5)))
        XCTAssertThrowsError(try SimulationPolicy.named("ewma-mmt-0.8", settings: TriggerSettings(alpha: 0)))
    }

    func testTriggerSettingsReachTheDetectors() throws {
        let kofn = try XCTUnwrap(SimulationPolicy.named("kofn-mmt-0.5", settings: TriggerSettings(k: 2, n: 3)).detector as? KOfNHotSpotDetector)
        XCTAssertEqual([kofn.k, kofn.n], [2, 3])
        XCTAssertTrue(kofn.isOverloaded(HostObservation(utilisation: 0.6, history: [0.1, 0.9])))
        XCTAssertFalse(kofn.isOverloaded(HostObservation(utilisation: 0.6, history: [0.9, 0.1, 0.1])))
        let ewma = try XCTUnwrap(SimulationPolicy.named("ewma-mmt-0.5", settings: TriggerSettings(alpha: 0.2)).detector as? ExponentialSmoothingDetector)
        XCTAssertEqual(ewma.alpha, 0.2)
        let ar = try XCTUnwrap(SimulationPolicy.named("ar-mmt-0.5", settings: TriggerSettings(arOrder: 3)).detector as? AutoregressiveDetector)
        XCTAssertEqual(ar.order, 3)
        let holt = try XCTUnwrap(SimulationPolicy.named("holt-mmt-0.5", settings: TriggerSettings(season: 4)).detector as? HoltWintersDetector)
        XCTAssertEqual(holt.season, 4)
        XCTAssertEqual(holt.history.hostSamples, 30)
    }

    func testDetectorsDeclareTheirHistory() {
        XCTAssertEqual(StaticThresholdDetector(threshold: 0.8).history, .none)
        XCTAssertEqual(LocalRegressionDetector(safety: 1.2).history, HistoryNeeds(hostSamples: 30, migrationTime: true))
        XCTAssertEqual(KOfNHotSpotDetector(threshold: 0.8, k: 3, n: 5).history.hostSamples, 4)
        XCTAssertEqual(HoltWintersDetector(threshold: 0.8, season: 24).history.hostSamples, 48)
    }

    func testForecastsFollowTheirDefinitions() throws {
        // A rising line: Holt's trend forecast continues it; AR(1) on an alternating series flips.
        let line = HostObservation(utilisation: 0.5, history: [0.1, 0.2, 0.3, 0.4])
        let holt = HoltWintersDetector(threshold: 0.55, alpha: 1, beta: 1)
        XCTAssertEqual(try XCTUnwrap(holt.forecast(line)), 0.6, accuracy: 1e-12)
        XCTAssertTrue(holt.isOverloaded(line))
        let alternating = HostObservation(utilisation: 0.8, history: [0.8, 0.2, 0.8, 0.2, 0.8, 0.2, 0.8, 0.2, 0.8, 0.2])
        let ar = AutoregressiveDetector(threshold: 0.5, order: 1)
        XCTAssertLessThan(try XCTUnwrap(ar.forecast(alternating)), 0.5)
        XCTAssertFalse(ar.isOverloaded(alternating))
        // Seasonal: period 2, the next sample is the low one.
        let seasonal = HoltWintersDetector(threshold: 0.5, alpha: 0.5, beta: 0.1, gamma: 0.5, season: 2)
        XCTAssertLessThan(try XCTUnwrap(seasonal.forecast(alternating)), 0.5)
    }

    func testDecisionWindowsParseAndWrap() throws {
        let day = try XCTUnwrap(DecisionWindow(parsing: "08:00-18:30"))
        XCTAssertTrue(day.contains(8 * 3600))
        XCTAssertFalse(day.contains(18.5 * 3600))
        let night = try XCTUnwrap(DecisionWindow(parsing: "22:00-06:00"))
        XCTAssertTrue(night.contains(23 * 3600) && night.contains(3600))
        XCTAssertFalse(night.contains(12 * 3600))
        for bad in ["8:00-9:00", "08:00", "25:00-26:00", "08:00-08:00", "08:6x-09:00"] { XCTAssertNil(DecisionWindow(parsing: bad), bad) }
    }
}
