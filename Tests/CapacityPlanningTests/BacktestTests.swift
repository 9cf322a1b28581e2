import PlacementModel
import XCTest
@testable import CapacityPlanning

/// The backtest plans from the days before the held-out ones only, at one origin or several.
final class BacktestTests: XCTestCase {
    let m = 24

    /// Four VMs over `days` days, hourly samples, CPU and memory with a daily shape and seeded noise.
    func history(days: Int, seed: UInt64 = 5) -> DemandHistory {
        var g = SplitMix64(seed: seed)
        let vms = (0..<4).map { v -> VMHistory in
            let cpu = (0..<(days * m)).map { t in 2 + Double(v) + 2 * sin(Double(t % m + v) / 4) + Double(g.next() % 100) / 100 }
            let mem = (0..<(days * m)).map { t in 3 + Double((t / m + v) % 3) + Double(g.next() % 100) / 200 }
            return VMHistory(id: "vm\(v)", series: [cpu, mem], provisioned: [nil, nil], source: "vm\(v)")
        }
        return DemandHistory(dimensions: ["cpu", "mem"], intervalSeconds: 3600, startDate: PlanningDate("2024-03-04")!, vms: vms)
    }

    var inventory: Instance {
        Instance(name: "inv", dimensions: ["cpu", "mem"], hosts: (1...8).map { Host(id: "h\($0)", capacity: ResourceVector([12, 16])) }, vms: [])
    }

    func testCorruptingTheHeldOutDayChangesNoChoiceAndNoPlan() throws {
        let clean = history(days: 12)
        var corrupted = clean
        for v in corrupted.vms.indices {
            for k in corrupted.vms[v].series.indices {
                for t in (11 * m)..<(12 * m) { corrupted.vms[v].series[k][t] = k == 0 ? 9 : Double(t % 7) }
            }
        }
        let a = try Backtest.run(clean, inventory: inventory, config: PlanningConfig(), holdoutDays: 1)
        let b = try Backtest.run(corrupted, inventory: inventory, config: PlanningConfig(), holdoutDays: 1)
        XCTAssertEqual(a.choices, b.choices)
        XCTAssertEqual(a.hostsPlanned, b.hostsPlanned)
        XCTAssertEqual(a.lowerBound, b.lowerBound)
        XCTAssertEqual(a.hostsPlannedPeakSizing, b.hostsPlannedPeakSizing)
        // The held-out day does count where it should: in the scores.
        XCTAssertNotEqual(a.forecast[0].meanMASE, b.forecast[0].meanMASE)
        XCTAssertNotEqual(a.hostsOracle, b.hostsOracle)
        XCTAssertEqual(a.firstDay, PlanningDate("2024-03-15")!)
    }

    func testSeveralOriginsRunOneSplitPerDayEachFromItsOwnPast() throws {
        let h = history(days: 12)
        let multi = try MultiOriginBacktest.run(h, inventory: inventory, config: PlanningConfig(), holdoutDays: 1, origins: 3)
        XCTAssertEqual(multi.splits.map(\.firstDay.description), ["2024-03-13", "2024-03-14", "2024-03-15"])
        // Each split is the single-origin backtest of the history cut after its held-out day.
        for (i, split) in multi.splits.enumerated() {
            let alone = try Backtest.run(h.prefix((10 + i) * m), inventory: inventory, config: PlanningConfig(), holdoutDays: 1)
            XCTAssertEqual(split.choices, alone.choices)
            XCTAssertEqual(split.hostsPlanned, alone.hostsPlanned)
            XCTAssertEqual(split.forecast, alone.forecast)
        }
        let ratio = try XCTUnwrap(multi.measures.first { $0.name == "plannedOverOracle" }?.spread)
        XCTAssertEqual(ratio.worst, multi.splits.map(\.plannedOverOracle).max()!)
        XCTAssertEqual(ratio.mean, multi.splits.map(\.plannedOverOracle).reduce(0, +) / 3, accuracy: 1e-12)
        XCTAssertThrowsError(try MultiOriginBacktest.run(h, inventory: inventory, config: PlanningConfig(), holdoutDays: 1, origins: 11))
    }
}
