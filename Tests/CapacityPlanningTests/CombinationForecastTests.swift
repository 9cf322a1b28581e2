import PlacementModel
import XCTest
@testable import CapacityPlanning

/// The median combination of the best-ranked forecasts and the recent-level forecaster, on
/// synthetic series whose answer is known.
final class CombinationForecastTests: XCTestCase {
    let m = 24

    /// Forecasts `value` at every step (a member whose backtest error is known exactly).
    struct Constant: Forecaster {
        let value: Double
        var name: String { "constant-\(value)" }
        var minimumDays: Int { 1 }
        func forecast(_ y: [Double], count: Int, horizon: Int, stepsPerDay m: Int) -> [Double] {
            [Double](repeating: value, count: horizon)
        }
    }

    // On a flat series at 10 the members' errors are 1, 1.5, 2 and 20: the best three are 9, 11.5, 12.
    let members: [any Forecaster] = [Constant(value: 12), Constant(value: 30), Constant(value: 9), Constant(value: 11.5)]
    var flat: [Double] { [Double](repeating: 10, count: 8 * m) }

    func testTheCombinationIsTheMedianOfTheBestRankedForecasts() {
        let top3 = TopKMedianCombination(members: members, k: 3, days: 7).forecast(flat, count: flat.count, horizon: 5, stepsPerDay: m)
        XCTAssertEqual(top3, [Double](repeating: 11.5, count: 5))   // median of 9, 11.5, 12; 30 left out
        let top2 = TopKMedianCombination(members: members, k: 2, days: 7).forecast(flat, count: flat.count, horizon: 5, stepsPerDay: m)
        XCTAssertEqual(top2, [Double](repeating: 10.25, count: 5))  // mean of the middle two of 9, 11.5
        XCTAssertEqual(TopKMedianCombination.median([[1, 5], [3, 4], [2, 100]]), [2, 5])
    }

    func testTheCombinationsBacktestUsesOnlyTheDaysBeforeEachOrigin() {
        let base = BacktestEvidence(flat, stepsPerDay: m, candidates: members, originDays: 4, slotSteps: 1, statisticQuantile: 1)
        let derived = TopKMedianCombination(members: members, k: 3, days: 7).evidence(derivedFrom: base)
        XCTAssertEqual(derived.origins, base.origins)
        // The oldest origin has no day before it to rank on; every other forecasts the median, error 1.5.
        XCTAssertNil(derived.forecasts[0].last!)
        for j in 0..<(base.origins.count - 1) {
            XCTAssertEqual(derived.forecasts[0][j], [Double](repeating: 11.5, count: m))
            XCTAssertEqual(derived.mae[0][j] ?? -1, 1.5, accuracy: 1e-12)
        }
    }

    func testTheSelectionCombinesWhenAskedAndKeepsTheSelectedBand() {
        // Candidates 12, 30 and 9, the extra member 11.5: the selection picks 9 (error 1, every
        // backtest day under by 1: band 9 + 1 = 10); the combination's point is the median of
        // 9, 11.5, 12, and the band is raised to it. Without the extra member: median of 9, 12, 30.
        let candidates = Array(members.prefix(3))
        let f = RollingOriginSelection.forecast(flat, horizon: m, stepsPerDay: m, candidates: candidates, days: 3,
                                                band: .fixed(quantile: 0.9, bands: 1), cap: nil, combination: (3, [members[3]]))
        XCTAssertEqual(f.method, "median-top3")
        XCTAssertEqual(f.point, [Double](repeating: 11.5, count: m))
        XCTAssertEqual(f.upper, f.point)
        XCTAssertNil(f.backtestMASE)   // a flat history has no seasonal-naive scale
        let without = RollingOriginSelection.forecast(flat, horizon: m, stepsPerDay: m, candidates: candidates, days: 3,
                                                      band: .fixed(quantile: 0.9, bands: 1), cap: 11, combination: (3, []))
        XCTAssertEqual(without.point, [Double](repeating: 12, count: m))
        XCTAssertEqual(without.upper, [Double](repeating: 11, count: m))   // raised to the point, capped at 11
        let selected = RollingOriginSelection.forecast(flat, horizon: m, stepsPerDay: m, candidates: candidates, days: 3,
                                                       band: .fixed(quantile: 0.9, bands: 1), cap: nil)
        XCTAssertEqual(selected.method, "constant-9.0")
        XCTAssertEqual(selected.upper, [Double](repeating: 10, count: m))
    }

    func testANamedCombinationIsAMethodAConfigMayName() throws {
        XCTAssertEqual(TopKMedianCombination.k(fromName: "median-top3"), 3)
        for bad in ["median-top1", "median-top10", "median-top03", "median-top", "mean-top3"] {
            XCTAssertNil(TopKMedianCombination.k(fromName: bad), bad)
            XCTAssertFalse(ForecasterCatalogue.isMethod(bad), bad)
        }
        XCTAssertEqual(try PlanningConfigReader.decode("{ \"forecast\": \"median-top3\" }").forecast, "median-top3")
        XCTAssertThrowsError(try PlanningConfigReader.decode("{\n  \"forecast\": \"median-top1\"\n}", file: "c.json")) { error in
            let d = (error as! InvalidInput).diagnostics
            XCTAssertEqual(d.map(\.path), ["forecast"])
            XCTAssertEqual(d.first?.line, 2)
        }
    }

    func testTheRecentLevelFollowsALevelShift() {
        // A daily shape at 10, and for the last two hours a new level of 50: the daily naive method
        // repeats yesterday's 10s, the last hour's median forecasts the new level.
        var y = (0..<(3 * m * 12)).map { Double(10 + ($0 / 12) % 3) }
        for t in (y.count - 24)..<y.count { y[t] = 50 }
        let recent = RecentPercentileForecaster(percentile: 0.5, hours: 1)
        XCTAssertEqual(recent.name, "recent-p50-1h")
        XCTAssertEqual(recent.forecast(y, count: y.count, horizon: 4, stepsPerDay: m * 12), [50, 50, 50, 50])
        XCTAssertEqual(RecentPercentileForecaster(percentile: 0.5, days: 1).name, "recent-p50-1d")
        let naive = SeasonalNaiveForecaster(periodDays: 1).forecast(y, count: y.count, horizon: 4, stepsPerDay: m * 12)
        XCTAssertTrue(naive.allSatisfy { $0 < 13 })
    }

    func testTheCombinationOnTheCatalogueForecastsAKnownPattern() {
        // A pure daily pattern: seasonal naive (daily), seasonal median and Holt-Winters are exact, so
        // the median of the best three is the pattern itself.
        let y = (0..<(10 * m)).map { 50 + 10 * sin(Double($0 % m) / Double(m) * 2 * .pi) }
        let f = TopKMedianCombination(members: ForecasterCatalogue.all, k: 3, days: 7).forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        for h in 0..<m { XCTAssertEqual(f[h], y[h], accuracy: 1e-6) }
    }
}
