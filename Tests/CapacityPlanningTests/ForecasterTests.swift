import PlacementModel
import XCTest
@testable import CapacityPlanning

/// Forecasters on synthetic series whose next day is known.
final class ForecasterTests: XCTestCase {
    let m = 24

    func periodic(days: Int, _ f: (Int, Int) -> Double) -> [Double] {
        (0..<(days * m)).map { f($0 / m, $0 % m) }
    }

    func testSeasonalNaiveRepeatsTheLastDayAndWeek() {
        let y = periodic(days: 14) { d, h in Double(d * 100 + h) }
        let daily = SeasonalNaiveForecaster(periodDays: 1).forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        XCTAssertEqual(daily, (0..<m).map { Double(13 * 100 + $0) })
        let weekly = SeasonalNaiveForecaster(periodDays: 7).forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        XCTAssertEqual(weekly, (0..<m).map { Double(7 * 100 + $0) })
    }

    func testSeasonalMedianIgnoresAOneOffSpike() {
        var y = periodic(days: 7) { _, h in Double(h) }
        y[6 * m + 5] = 1000
        let f = SeasonalMedianForecaster(days: 7).forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        XCTAssertEqual(f, (0..<m).map(Double.init))
    }

    func testHoltWintersLearnsAPureSeasonalPattern() {
        let y = periodic(days: 10) { _, h in 50 + 10 * sin(Double(h) / Double(24) * 2 * .pi) }
        let f = HoltWintersForecaster().forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        for h in 0..<m { XCTAssertEqual(f[h], y[h], accuracy: 1e-6) }
    }

    func testLinearTrendExtrapolatesALine() {
        let y = (0..<(7 * m)).map { 5 + 0.5 * Double($0) }
        let f = LinearTrendForecaster(days: 7).forecast(y, count: y.count, horizon: m, stepsPerDay: m)
        for h in 0..<m { XCTAssertEqual(f[h], 5 + 0.5 * Double(7 * m + h), accuracy: 1e-6) }
    }

    func testRecentPercentileIsFlat() {
        let y = periodic(days: 2) { _, h in Double(h) }
        let f = RecentPercentileForecaster(percentile: 0.5, days: 1).forecast(y, count: y.count, horizon: 3, stepsPerDay: m)
        XCTAssertEqual(f, [11, 11, 11])
    }

    func testAutoSelectionPicksTheWeeklyMethodForAWeeklyPattern() {
        // Weekdays 10, weekends 40, with an hourly shape: only the weekly naive forecast is exact.
        let y = periodic(days: 21) { d, h in (d % 7 >= 5 ? 40 : 10) + Double(h % 3) }
        let f = RollingOriginSelection.forecast(y, horizon: m, stepsPerDay: m, candidates: ForecasterCatalogue.all, days: 3,
                                                band: .fixed(quantile: 0.9, bands: 1), cap: nil)
        XCTAssertEqual(f.method, "seasonal-naive-weekly")
        XCTAssertEqual(f.point, (0..<m).map { 10 + Double($0 % 3) })   // day 21 is a weekday
        XCTAssertEqual(f.upper, f.point)                                 // no backtest error: no margin
        XCTAssertEqual(f.backtestMASE ?? -1, 0, accuracy: 1e-12)
    }

    func testUpperBandAddsTheResidualQuantileAndRespectsTheCap() {
        // Alternating days 10 and 20: the daily naive errors are ±10, the upper band sits above the point.
        let y = periodic(days: 10) { d, _ in d % 2 == 0 ? 10 : 20 }
        let f = RollingOriginSelection.forecast(y, horizon: m, stepsPerDay: m, candidates: [SeasonalNaiveForecaster(periodDays: 1)],
                                                days: 3, band: .fixed(quantile: 0.9, bands: 1), cap: 25)
        XCTAssertEqual(f.point, Array(repeating: 20, count: m))
        XCTAssertEqual(f.upper, Array(repeating: 25, count: m))   // 20 + 10, capped at the provisioned 25
    }

    func testTheWeeklyMethodCompetesOneOriginShortOfAWeek() {
        // Every weekday its own level: only the weekly naive forecast is exact. With 13 days, the
        // oldest of the 7 origins has less than a week before it; the method is still chosen,
        // compared with the others on the 6 origins all can forecast.
        let y = periodic(days: 13) { d, h in 10 * Double(d % 7 + 1) + Double(h % 3) }
        let f = RollingOriginSelection.forecast(y, horizon: m, stepsPerDay: m, candidates: ForecasterCatalogue.all, days: 7,
                                                band: PlanningConfig().bandSetting, cap: nil)
        XCTAssertEqual(f.method, "seasonal-naive-weekly")
        XCTAssertEqual(f.point, (0..<m).map { 70 + Double($0 % 3) })   // day 13 is the 7th weekday of its week
        XCTAssertEqual(f.backtestMASE ?? -1, 0, accuracy: 1e-12)
    }

    func testCalibrationChoosesTheBandByThePinballLossOnTheLastTrainingDays() {
        // Days alternate 10 and 20: the daily naive errors are +10 or -10 on every step. A quantile
        // up to 0.5 adds nothing, above it 10. Aiming at the 0.9 quantile, under-forecasting costs 9
        // times more than over-forecasting: the smallest quantile that adds 10 (0.6, one band: the
        // grid's first among equals). Aiming at 0.1 the other way round: 0.5, no margin.
        let y = periodic(days: 12) { d, _ in d % 2 == 0 ? 10 : 20 }
        let naive: [any Forecaster] = [SeasonalNaiveForecaster(periodDays: 1)]
        func band(_ target: Double) -> BandSetting {
            .calibrated(target: target, days: 3, quantiles: PlanningConfig.bandQuantiles, bands: PlanningConfig.bandSlotChoices)
        }
        let high = RollingOriginSelection.forecast(y, horizon: m, stepsPerDay: m, candidates: naive, days: 4, band: band(0.9), cap: nil)
        XCTAssertEqual(high.bandQuantile, 0.6)
        XCTAssertEqual(high.bandSlots, 1)
        XCTAssertEqual(high.upper, Array(repeating: 30, count: m))   // point 20 (day 11 repeated) + 10
        let low = RollingOriginSelection.forecast(y, horizon: m, stepsPerDay: m, candidates: naive, days: 4, band: band(0.1), cap: nil)
        XCTAssertEqual(low.bandQuantile, 0.5)
        XCTAssertEqual(low.upper, low.point)
    }

    func testQuantileAndMedian() {
        XCTAssertEqual(Quantile.of([5, 1, 3, 2, 4], 0.5), 3)
        XCTAssertEqual(Quantile.of(Array(1...100).map(Double.init), 0.95), 95)
        XCTAssertEqual(Quantile.of([1, 7, 3], 1), 7)
        XCTAssertEqual(Quantile.median([4, 1, 3, 2]), 2.5)
    }
}

/// The one-pass forecasts from several origins equal one forecast per origin.
final class ForecastBatchTests: XCTestCase {
    func testHoltWintersBatchEqualsSingleForecasts() {
        var g = SplitMix64(seed: 3)
        let m = 24
        let y = (0..<(10 * m)).map { t in 20 + 5 * sin(Double(t % m) / 4) + Double(g.next() % 100) / 50 }
        let origins = [4 * m, 7 * m, 9 * m + 5]
        let hw = HoltWintersForecaster()
        let batch = hw.forecasts(y, origins: origins, horizon: m, stepsPerDay: m)
        for (o, f) in zip(origins, batch) { XCTAssertEqual(f, hw.forecast(y, count: o, horizon: m, stepsPerDay: m)) }
        // The default (one call per origin) for the others.
        let median = SeasonalMedianForecaster(days: 3)
        XCTAssertEqual(median.forecasts(y, origins: origins, horizon: 5, stepsPerDay: m),
                       origins.map { median.forecast(y, count: $0, horizon: 5, stepsPerDay: m) })
    }
}
