import TestSupport
import XCTest
@testable import PlacementModel

/// ``EligibleHosts`` answers what a scan of every host with ``Instance/isEligible(vm:host:)``
/// answers, on seeded instances with every kind of host rule and hosts of repeated capacities.
final class EligibleHostsTests: XCTestCase {
    func testAgreesWithAScanOfEveryHost() {
        var checkedFits = 0, checkedNoFit = 0
        for seed in UInt64(1)...300 {
            var instance = RuleRichInstances.make(seed)
            let m = instance.hosts.count
            // Repeated capacities, a host in maintenance, pinned, allowed and forbidden hosts.
            for h in instance.hosts.indices where h % 2 == 1 { instance.hosts[h].capacity = instance.hosts[h - 1].capacity }
            if seed % 3 == 0 { instance.hosts[Int(seed) % m].state = .maintenance }
            for v in instance.vms.indices {
                switch (Int(seed) + v) % 5 {
                case 0: instance.vms[v].forbiddenHosts = [v % m, (v + 1) % m, v % m]
                case 1: instance.vms[v].allowedHosts = [(v + 2) % m, v % m]
                case 2: if instance.vms[v].currentHost != nil { instance.vms[v].pinned = true }
                case 3: instance.vms[v].forbiddenHosts = Array(0..<m)
                default: break
                }
            }
            var index = EligibleHosts(instance)
            for v in instance.vms.indices {
                let scan = instance.hosts.indices.filter { instance.isEligible(vm: v, host: $0) }
                let fits = scan.contains { instance.vms[v].demand.fits(within: instance.hosts[$0].capacity) }
                XCTAssertEqual(index.someHostFits(v), fits, "seed \(seed) VM \(v)")
                let listed = index.eligible(v, first: 3)
                XCTAssertEqual(listed.hosts, Array(scan.prefix(3)), "seed \(seed) VM \(v)")
                XCTAssertEqual(listed.count, scan.count, "seed \(seed) VM \(v)")
                if fits { checkedFits += 1 } else { checkedNoFit += 1 }
            }
            // Groups: a host all of them may use with room for their total demand.
            let group = Array(instance.vms.indices.prefix(3))
            var total = ResourceVector.zero(instance.dimensionCount)
            for v in group { total += instance.vms[v].demand }
            let groupFits = instance.hosts.indices.contains { h in
                group.allSatisfy { instance.isEligible(vm: $0, host: h) } && total.fits(within: instance.hosts[h].capacity)
            }
            XCTAssertEqual(index.someHostFits(total, allOf: group), groupFits, "seed \(seed) group")
        }
        XCTAssertGreaterThan(checkedFits, 100)
        XCTAssertGreaterThan(checkedNoFit, 100)
    }
}
