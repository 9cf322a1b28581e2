import TestSupport
import XCTest
@testable import PlacementModel

/// ``UnavoidableHotSpots``: the VMs and affinity-linked sets that no host may hold at or under
/// its overload thresholds.
final class UnavoidableHotSpotsTests: XCTestCase {
    private func host(_ id: String, _ capacity: [Double]) -> PlacementModel.Host { PlacementModel.Host(id: id, capacity: ResourceVector(capacity)) }
    private func vm(_ id: String, _ demand: [Double]) -> VirtualMachine { VirtualMachine(id: id, demand: ResourceVector(demand)) }

    /// Two 128 GiB VMs kept together on 256 GiB hosts at a 90 % threshold can run nowhere under
    /// it (the 50 000-VM generated cluster has two such pairs); 30 GiB shared between them
    /// brings them to 226 and under; a lone 240 GiB VM is above every threshold unless it may
    /// use the 512 GiB host.
    func testAffinityPairsSharingAndAllowedHosts() {
        var instance = Instance(name: "pairs", dimensions: ["cpu", "mem"],
                                hosts: [host("h0", [64, 256]), host("h1", [64, 256])],
                                vms: [vm("a", [16, 128]), vm("b", [16, 128]), vm("c", [8, 240]), vm("d", [8, 8])],
                                affinity: [PlacementRule(name: "tier1", vms: [0, 1])], overloadThreshold: [0.8, 0.9])
        let found = UnavoidableHotSpots(instance)
        XCTAssertEqual(found.units.map(\.vms), [[0, 1], [2]])
        XCTAssertEqual(found.units[0].affinityGroups, ["tier1"])
        XCTAssertEqual(found.describe(found.units[0], in: instance),
                       "affinity group tier1 (2 VMs: a, b) needs mem 256, above the overload threshold of every host it may use")
        XCTAssertEqual(found.describe(found.units[1], in: instance),
                       "VM c needs mem 240, above the overload threshold of every host it may use")
        var placement = Placement(hostOfVM: [1, 1, 0, 0])
        XCTAssertEqual(found.hosts(in: placement), [0, 1])
        placement[2] = 1
        XCTAssertEqual(found.hosts(in: placement), [1])

        instance.sharedMemory = [VirtualMachinePair(0, 1, amount: 30)]
        instance.hosts.append(host("big", [64, 512]))
        XCTAssertEqual(UnavoidableHotSpots(instance).units.map(\.vms), [], "the big host takes c, and so the pair too")
        instance.vms[2].allowedHosts = [0, 1]
        instance.vms[0].forbiddenHosts = [2]
        XCTAssertEqual(UnavoidableHotSpots(instance).units.map(\.vms), [[2]], "sharing brings the pair to 226 ≤ 230.4")
        instance.hosts[0].overloadThreshold = [0.8, 1.0]
        XCTAssertEqual(UnavoidableHotSpots(instance).units.map(\.vms), [], "h0's own threshold lets c run there")
    }

    /// Against a scan of every host with ``Instance/isEligible(vm:host:)`` and the thresholds, on
    /// seeded instances with every kind of host rule.
    func testAgreesWithAScanOfEveryHost() {
        var units = 0
        for seed in UInt64(1)...200 {
            var instance = RuleRichInstances.make(seed)
            instance.overloadThreshold = instance.dimensions.indices.map { 0.4 + 0.1 * Double((Int(seed) + $0) % 6) }
            let found = UnavoidableHotSpots(instance)
            var expected: [[Int]] = []
            for vms in instance.affinityUnits() {
                var total = ResourceVector.zero(instance.dimensionCount)
                for v in vms { total += instance.vms[v].demand }
                if let memory = instance.memoryDimension, memory < instance.dimensionCount {
                    for pair in instance.sharedMemory where vms.contains(pair.first) && vms.contains(pair.second) { total[memory] -= pair.amount }
                }
                let fits = instance.hosts.indices.contains { h in
                    vms.allSatisfy { instance.isEligible(vm: $0, host: h) }
                        && !(0..<instance.dimensionCount).contains { instance.isAboveOverloadThreshold(load: total[$0], host: h, dimension: $0) }
                }
                if !fits { expected.append(vms) }
            }
            XCTAssertEqual(found.units.map(\.vms), expected, "seed \(seed)")
            units += expected.count
        }
        XCTAssertGreaterThan(units, 20, "the seeds exercise the unavoidable case")
    }
}
