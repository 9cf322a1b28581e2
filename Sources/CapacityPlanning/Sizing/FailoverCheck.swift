import PlacementModel

/// N+k verified, not assumed: after the failure of every set of k hosts of a checked packing, the
/// displaced VMs are re-packed (first fit decreasing by normalised size) into what the surviving
/// hosts have left plus `spares` empty hosts; the fewest spares for which every failure re-packs is
/// the answer. Failure sets: each host alone for k = 1; for k > 1, k hosts consecutive in
/// decreasing order of load (n sets, the heaviest together first) — not all C(n, k) subsets.
///
/// Bobroff, Kochut, Beaty, "Dynamic placement of virtual machines for managing SLA violations",
/// IM 2007 (re-packing on change); the N+k redundancy of data-centre practice.
///
/// - Complexity: O(S · F · (m_F log m_F + m_F · H · D)) for S spare counts tried, F failure sets,
///   m_F displaced VMs, H hosts, D dimensions × slots.
public enum FailoverCheck {
    public struct Result: Sendable, Hashable {
        /// Hosts that may fail at once.
        public var k: Int
        /// Empty hosts kept in reserve.
        public var spares: Int
        /// Hosts needed with failover: hosts used + spares.
        public var hostsNeeded: Int
        public var failureSetsChecked: Int
        /// Whether every failure set re-packed (false only when the spare limit was reached).
        public var verified: Bool
    }

    public static func check(_ packing: HostsNeededPacking.Result, k: Int) -> Result {
        let used = packing.placement.usedHosts
        guard k > 0, !used.isEmpty else {
            return Result(k: k, spares: 0, hostsNeeded: used.count, failureSetsChecked: 0, verified: true)
        }
        let instance = packing.instance
        let width = instance.dimensionCount
        let capacity = instance.hosts[used[0]].capacity.values
        var load = [[Double]](repeating: [Double](repeating: 0, count: width), count: instance.hosts.count)
        for (v, h) in packing.placement.hostOfVM.enumerated() {
            guard let h else { continue }
            for j in 0..<width { load[h][j] += instance.vms[v].demand[j] }
        }
        let vmsOf = packing.placement.vmsByHost(hostCount: instance.hosts.count)
        func size(_ v: [Double], _ c: [Double]) -> Double { zip(v, c).reduce(0) { $0 + ($1.1 > 0 ? $1.0 / $1.1 : 0) } }
        let order = used.sorted { a, b in
            let (sa, sb) = (size(load[a], instance.hosts[a].capacity.values), size(load[b], instance.hosts[b].capacity.values))
            return sa != sb ? sa > sb : a < b
        }
        let sets: [[Int]] = k == 1 ? order.map { [$0] } : order.indices.map { i in (0..<min(k, order.count)).map { order[(i + $0) % order.count] } }
        for spares in 0...(k * max(1, used.map { vmsOf[$0].count }.max() ?? 1)) {
            let passes = sets.allSatisfy { failed in
                repack(failed, used: used, load: load, vmsOf: vmsOf, instance: instance, spares: spares, spareCapacity: capacity)
            }
            if passes {
                return Result(k: k, spares: spares, hostsNeeded: used.count + spares, failureSetsChecked: sets.count, verified: true)
            }
        }
        return Result(k: k, spares: k, hostsNeeded: used.count + k, failureSetsChecked: sets.count, verified: false)
    }

    /// Whether the VMs of `failed` fit, first fit decreasing, into the other used hosts and the spares.
    static func repack(_ failed: [Int], used: [Int], load: [[Double]], vmsOf: [[Int]], instance: Instance,
                       spares: Int, spareCapacity: [Double]) -> Bool {
        var residual: [[Double]] = used.filter { !failed.contains($0) }.map { h in
            zip(instance.hosts[h].capacity.values, load[h]).map { $0 - $1 }
        }
        residual += repeatElement(spareCapacity, count: spares)
        let displaced = failed.flatMap { vmsOf[$0] }.sorted { a, b in
            let (sa, sb) = (instance.vms[a].demand.values.reduce(0, +), instance.vms[b].demand.values.reduce(0, +))
            return sa != sb ? sa > sb : a < b
        }
        for v in displaced {
            let demand = instance.vms[v].demand.values
            guard let target = residual.firstIndex(where: { r in zip(demand, r).allSatisfy { $0 <= $1 + 1e-9 * max(1, abs($1)) } }) else { return false }
            for j in demand.indices { residual[target][j] -= demand[j] }
        }
        return true
    }
}
