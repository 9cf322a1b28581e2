import PlacementModel
import XCTest
@testable import CapacityPlanning

/// Sizing, packing, bounds and N+k on demands with known answers.
final class SizingTests: XCTestCase {
    var config: PlanningConfig {
        var c = PlanningConfig()
        c.headroom = ["cpu": 0, "mem": 0]
        return c
    }
    let hosts = (1...6).map { Host(id: "h\($0)", capacity: ResourceVector([10, 10])) }

    /// VM a peaks in the first half of the day, b in the second: time slots share one host, peaks do not.
    func complementary() -> [[[Double]]] {
        let m = 24
        let a = (0..<m).map { $0 < 12 ? 8.0 : 1.0 }, b = (0..<m).map { $0 < 12 ? 1.0 : 8.0 }
        return [[a, Array(repeating: 2, count: m)], [b, Array(repeating: 2, count: m)]]
    }

    func testSlotSizingTakesTheStatisticPerSlot() {
        let s = SlotSizing.make(complementary(), stepsPerDay: 24, phase: 0, slotMinutes: 360, intervalSeconds: 3600, statistic: .peak)
        XCTAssertEqual(s.slots, 4)
        XCTAssertEqual(s.slotDemand[0], [8, 8, 1, 1, 2, 2, 2, 2])
        XCTAssertEqual(s.peakDemand[1], [8, 2])
    }

    func testTimeSlotPackingSharesAHostThatPeakSizingCannot() throws {
        let s = SlotSizing.make(complementary(), stepsPerDay: 24, phase: 0, slotMinutes: 60, intervalSeconds: 3600, statistic: .peak)
        let slot = try HostsNeededPacking.pack(ids: ["a", "b"], demands: s.slotDemand, inventory: hosts, dimensions: ["cpu", "mem"],
                                               slots: s.slots, config: config, name: "t")
        let peak = try HostsNeededPacking.pack(ids: ["a", "b"], demands: s.peakDemand, inventory: hosts, dimensions: ["cpu", "mem"],
                                               slots: 1, config: config, name: "p")
        XCTAssertEqual(slot.hostsNeeded, 1)
        XCTAssertEqual(peak.hostsNeeded, 2)
        XCTAssertEqual(peak.lowerBound, 2)   // 8 + 8 > 10: the two conflict
        XCTAssertTrue(PlacementChecker.check(slot.instance, slot.placement).isEmpty)
    }

    func testHeadroomShrinksTheHost() throws {
        var c = config
        c.headroom = ["cpu": 0.5, "mem": 0]
        let r = try HostsNeededPacking.pack(ids: ["a", "b", "c"], demands: [[4, 1], [4, 1], [4, 1]], inventory: hosts,
                                            dimensions: ["cpu", "mem"], slots: 1, config: c, name: "h")
        XCTAssertEqual(r.hostsNeeded, 3)   // 4 + 4 > 5
        XCTAssertEqual(r.lowerBound, 3)
    }

    func testDemandBeyondTheInventoryIsAShortfall() throws {
        let r = try HostsNeededPacking.pack(ids: (1...8).map { "v\($0)" }, demands: Array(repeating: [6, 1], count: 8),
                                            inventory: Array(hosts.prefix(3)), dimensions: ["cpu", "mem"], slots: 1, config: config, name: "s")
        XCTAssertEqual(r.hostsNeeded, 8)
        XCTAssertEqual(r.shortfall, 5)
        XCTAssertEqual(r.lowerBound, 8)
    }

    func testFailoverNeedsASpareWhenHostsAreFull() throws {
        // Four VMs of 5: two full hosts; losing one needs a spare for its two VMs.
        let r = try HostsNeededPacking.pack(ids: ["a", "b", "c", "d"], demands: Array(repeating: [5, 1], count: 4), inventory: hosts,
                                            dimensions: ["cpu", "mem"], slots: 1, config: config, name: "f")
        XCTAssertEqual(r.hostsNeeded, 2)
        let n1 = FailoverCheck.check(r, k: 1)
        XCTAssertEqual(n1.spares, 1)
        XCTAssertEqual(n1.hostsNeeded, 3)
        XCTAssertEqual(n1.failureSetsChecked, 2)
        XCTAssertTrue(n1.verified)
        let n2 = FailoverCheck.check(r, k: 2)
        XCTAssertEqual(n2.spares, 2)
    }

    func testFailoverNeedsNoSpareWhenTheOthersHaveRoom() throws {
        // Three VMs of 3 on hosts of 10 pack onto one host; N+1 needs one spare, no more.
        let r = try HostsNeededPacking.pack(ids: ["a", "b", "c"], demands: Array(repeating: [3, 1], count: 3), inventory: hosts,
                                            dimensions: ["cpu", "mem"], slots: 1, config: config, name: "g")
        XCTAssertEqual(r.hostsNeeded, 1)
        XCTAssertEqual(FailoverCheck.check(r, k: 1).hostsNeeded, 2)
    }

    func testRunwayFromALinearTrend() {
        // Daily peak 100, 110, 120, … (exact line, so the range collapses): from 100 + 10·6 = 160 with
        // 2 hosts needed of 4, the inventory lasts until 320, i.e. 16 days.
        let m = 4
        let series = (0..<(7 * m)).map { t in Double(100 + 10 * (t / m)) * (t % m == 0 ? 1 : 0.5) }
        let history = DemandHistory(dimensions: ["cpu"], intervalSeconds: 21_600, startDate: PlanningDate("2024-01-01")!,
                                    vms: [VMHistory(id: "v", series: [series], provisioned: [nil], source: "")])
        let r = Runway.estimate(history, hostsNeeded: 2, inventoryHosts: 4)
        XCTAssertEqual(r.conservativeDays ?? -1, 16, accuracy: 1e-6)
        XCTAssertEqual(r.aggressiveDays ?? -1, 16, accuracy: 1e-6)
    }

    func testTheExactMethodClosesAGapOnSmallPackings() throws {
        var r = try HostsNeededPacking.pack(ids: ["a", "b", "c", "d"], demands: Array(repeating: [5, 1], count: 4), inventory: hosts,
                                            dimensions: ["cpu", "mem"], slots: 1, config: config, name: "x")
        // A worse (but valid) packing, one VM per host, with a weak bound: the exact method repairs both.
        r.placement = Placement(hostOfVM: [0, 1, 2, 3])
        r.hostsNeeded = 4
        r.lowerBound = 1
        try HostsNeededPacking.closeGap(&r, inventoryCount: hosts.count, config: config)
        XCTAssertEqual(r.hostsNeeded, 2)
        XCTAssertEqual(r.method, "exact")
        XCTAssertEqual(r.lowerBound, 2)
        XCTAssertTrue(PlacementChecker.check(r.instance, r.placement).isEmpty)
    }

    func testPlanningDates() {
        XCTAssertEqual(PlanningDate("2013-07-14")?.description, "2013-07-14")
        XCTAssertEqual(PlanningDate(unixSeconds: 1_372_636_800 + 13 * 86_400).description, "2013-07-14")
        XCTAssertNil(PlanningDate("2013-02-30"))
        XCTAssertNil(PlanningDate("2013-7-1"))
    }
}
