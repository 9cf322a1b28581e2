import PlacementModel
import XCTest
@testable import Simulation

/// The replay's shortcuts (power memo shared by every PABFD scan of a run, one empty host per host
/// type as candidate) must not change a decision: every policy gives the same result as the
/// exhaustive replay, step by step. (PABFD's ranked checks: PowerAwareBestFitTests.)
final class ReplayShortcutTests: XCTestCase {
    /// 40 hosts of three types (two SPECpower curves and a linear one, the two last sharing a
    /// capacity), 90 VMs of four types with seeded random walks, 60 steps.
    func configuration(seed: UInt64) -> SimulationConfiguration {
        let g4 = SimulationHostType(name: "g4", mipsPerCore: 1860, cores: 2, ramMiB: 4096, bandwidthMbps: 1000, power: .hpProLiantMl110G4)
        let g5 = SimulationHostType(name: "g5", mipsPerCore: 2660, cores: 2, ramMiB: 4096, bandwidthMbps: 1000, power: .hpProLiantMl110G5)
        let flat = SimulationHostType(name: "flat", mipsPerCore: 2660, cores: 2, ramMiB: 4096, bandwidthMbps: 1000,
                                      power: .linear(idleWatts: 90, peakWatts: 140))
        var centre = DataCenter.cloudSimPlanetLab(hostCount: 40)
        centre.hosts = (0..<40).map { [g4, g5, flat][$0 % 3] }
        var random = SplitMix64(seed: seed)
        let traces = (0..<90).map { vm -> UtilisationTrace in
            var level = Double.random(in: 0...0.6, using: &random)
            let cpu = (0..<60).map { _ -> Double in
                level = min(1, max(0, level + Double.random(in: -0.15...0.15, using: &random)))
                return vm % 11 == 0 ? 0 : (level * 100).rounded() / 100
            }
            return UtilisationTrace(name: "vm\(vm)", cpu: cpu)
        }
        return SimulationConfiguration(dataCenter: centre, traces: traces, policy: SimulationPolicy(name: "npa", kind: .nonPowerAware))
    }

    func assertSameAsExhaustive(_ base: SimulationConfiguration, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var migrations = 0
        for name in ["thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2", "thr-rs-0.8", "thr-mc-0.8", "vmplace-portfolio"] {
            var configuration = base
            configuration.policy = try .named(name)
            let fast = try SimulationRunner.run(configuration, exhaustive: false)
            let reference = try SimulationRunner.run(configuration, exhaustive: true)
            XCTAssertEqual(fast.stepRecords, reference.stepRecords, name, file: file, line: line)
            XCTAssertEqual(fast.energyKWh.bitPattern, reference.energyKWh.bitPattern, name, file: file, line: line)
            XCTAssertEqual(fast.slatah.bitPattern, reference.slatah.bitPattern, name, file: file, line: line)
            XCTAssertEqual(fast.pdm.bitPattern, reference.pdm.bitPattern, name, file: file, line: line)
            XCTAssertEqual(fast.pingPongMigrations, reference.pingPongMigrations, name, file: file, line: line)
            migrations += fast.migrations
        }
        return migrations
    }

    func testShortcutsDecideAsTheExhaustiveReplayInBothAccountings() throws {
        for seed: UInt64 in [1, 2] {
            var base = configuration(seed: seed)
            XCTAssertGreaterThan(try assertSameAsExhaustive(base), 1000)  // the policies did act
            base.dropIdleVMs = true
            base.cloudSimAccounting = true
            XCTAssertGreaterThan(try assertSameAsExhaustive(base), 500)
        }
    }

    /// Arrivals after the start and maintenance evacuations (PABFD from an index of every
    /// available host in the fast replay, a scan in the exhaustive one), departures and a host
    /// added later: the same decisions.
    func testShortcutsDecideAsTheExhaustiveReplayWithEvents() throws {
        var base = configuration(seed: 3)
        var events: [Scenario.Event] = []
        for vm in 45..<90 { events.append(.init(step: 3 + vm % 40, action: .arrive, subject: "vm\(vm)")) }
        for vm in stride(from: 0, to: 45, by: 6) { events.append(.init(step: 20 + vm, action: .depart, subject: "vm\(vm)")) }
        for (host, from, until) in [(4, 8, 25), (9, 14, 40), (17, 30, 50)] {
            events.append(.init(step: from, action: .maintenance, subject: "\(host)"))
            events.append(.init(step: until, action: .returnToService, subject: "\(host)"))
        }
        events.append(.init(step: 18, action: .addHost, subject: "39"))
        base.scenario = Scenario(events: events)
        XCTAssertGreaterThan(try assertSameAsExhaustive(base), 500)
    }

    /// The one-sort MAD and the buffer-sorted median and IQR equal the definitions on sorted copies.
    func testStatisticsEqualTheirDefinitions() {
        var random = SplitMix64(seed: 3)
        func median(_ data: [Double]) -> Double {
            let s = data.sorted()
            return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        for _ in 0..<2000 {
            let n = Int.random(in: 0...31, using: &random)
            // Few distinct values (ties, equal deviations on both sides) or many.
            let coarse = Bool.random(using: &random)
            let data = (0..<n).map { _ in coarse ? Double(Int.random(in: 0...6, using: &random)) / 4 : Double.random(in: 0...1.2, using: &random) }
            let m = median(data)
            XCTAssertEqual(Statistics.median(data).bitPattern, m.bitPattern)
            XCTAssertEqual(Statistics.medianAbsoluteDeviation(data).bitPattern, median(data.map { abs($0 - m) }).bitPattern, "\(data)")
            let s = data.sorted()
            if n > 0 {
                let q1 = min(n - 1, max(0, Int((0.25 * Double(n + 1) + 0.5).rounded(.down)) - 1))
                let q3 = min(n - 1, max(0, Int((0.75 * Double(n + 1) + 0.5).rounded(.down)) - 1))
                XCTAssertEqual(Statistics.interquartileRange(data).bitPattern, (s[q3] - s[q1]).bitPattern)
            } else {
                XCTAssertEqual(Statistics.interquartileRange(data), 0)
            }
        }
    }

    /// The IQR and MAD detectors decide by the spread's bounds before sorting: their verdicts
    /// equal the definition u > 1 − s·spread(history) on every history, near the threshold too.
    func testAdaptiveDetectorsEqualTheirDefinitions() {
        var random = SplitMix64(seed: 5)
        var decidedByBounds = 0, decidedBySort = 0
        for _ in 0..<5000 {
            let n = Int.random(in: 12...30, using: &random)
            let coarse = Bool.random(using: &random)
            let history = (0..<n).map { _ in coarse ? Double(Int.random(in: 0...6, using: &random)) / 8 : Double.random(in: 0...1.1, using: &random) }
            let safety = [0.0, 0.5, 1.5, 2.5, 4.0][Int.random(in: 0..<5, using: &random)]
            let spreads = [Statistics.interquartileRange(history), Statistics.medianAbsoluteDeviation(history)]
            // Utilisations on each threshold exactly, just around it, and anywhere.
            var utilisations = spreads.map { 1 - safety * $0 }
            utilisations += utilisations.flatMap { [$0.nextUp, $0.nextDown] } + [Double.random(in: 0...1.3, using: &random)]
            for u in utilisations {
                let observation = HostObservation(utilisation: u, history: history)
                XCTAssertEqual(InterQuartileRangeDetector(safety: safety).isOverloaded(observation), u > 1 - safety * spreads[0], "\(history) \(u)")
                XCTAssertEqual(MedianAbsoluteDeviationDetector(safety: safety).isOverloaded(observation), u > 1 - safety * spreads[1], "\(history) \(u)")
                if Statistics.verdictFromSpreadBounds(utilisation: u, safety: safety, data: history) == nil { decidedBySort += 1 } else { decidedByBounds += 1 }
            }
        }
        XCTAssertGreaterThan(decidedByBounds, 1000, "the shortcut is exercised")
        XCTAssertGreaterThan(decidedBySort, 1000, "the sort is exercised")
    }
}
