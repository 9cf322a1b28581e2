/// The migration budget rule, one for the exact model, the heuristics and the reports.
///
/// A migration is **forced** when the VM cannot stay where it runs now; every other move of a VM
/// that has a current host is **voluntary**. `SolveOptions.migrationBudget` caps the voluntary
/// migrations only: forced ones are exempt (an operator who puts a host into maintenance wants
/// it emptied whatever the budget) and are reported as forced. VMs without a current host are
/// placed, not migrated, and never count.
///
/// The VMs that must leave (``evicted``), found in this order on the current placement (pinned
/// VMs never — they stay):
/// 1. VMs on a host they may not use (in maintenance, forbidden, not among their allowed hosts);
/// 2. anti-affinity: on a host with several members of a group, all but the first one, pinned
///    members first, then by index;
/// 3. affinity: members not on the group's host (the host with most members — a pinned member
///    outweighs all others — then the lowest index);
/// 4. capacity (unless `includingCapacity` is false): on a host over capacity, the VMs with the
///    least migration memory first (then lowest index) until the rest fits.
///
/// Forced migrations are the moves of those VMs and of the other running members of their
/// affinity groups (a group moves as a unit when the evicted member finds no room beside the
/// rest). Which member of a broken rule is evicted is fixed by the tie-breaks above, so the
/// rule is a property of the instance: a method may repair a rule by moving another member
/// instead, and that move is then voluntary.
///
/// - Complexity: O(n·d + Σ rule sizes + n log n).
public struct ForcedMigrations: Sendable, Hashable {
    /// The VMs that must leave their current host, in the order the steps above find them.
    public let evicted: [Int]
    /// Whether a VM's move is forced: evicted, or in an affinity group with an evicted member.
    private let isForced: [Bool]

    public init(_ instance: Instance, includingCapacity: Bool = true) {
        var placement = instance.currentPlacement
        var found: [Int] = []
        func evict(_ vm: Int) {
            guard placement[vm] != nil, !instance.vms[vm].pinned else { return }
            placement[vm] = nil
            found.append(vm)
        }
        for vm in instance.vms.indices {
            if let host = placement[vm], !instance.isEligible(vm: vm, host: host) { evict(vm) }
        }
        for rule in instance.antiAffinity {
            var seen: [Int: Int] = [:]
            for vm in rule.vms.sorted(by: { (instance.vms[$0].pinned ? 0 : 1, $0) < (instance.vms[$1].pinned ? 0 : 1, $1) }) {
                guard let host = placement[vm] else { continue }
                if seen[host] != nil { evict(vm) } else { seen[host] = vm }
            }
        }
        for rule in instance.affinity {
            var count: [Int: Int] = [:]
            for vm in rule.vms { if let host = placement[vm] { count[host, default: 0] += instance.vms[vm].pinned ? rule.vms.count + 1 : 1 } }
            guard let keep = count.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else { continue }
            for vm in rule.vms where placement[vm] != nil && placement[vm] != keep { evict(vm) }
        }
        if includingCapacity {
            let loads = instance.hostLoads(placement)
            let byHost = placement.vmsByHost(hostCount: instance.hosts.count)
            for (host, vms) in byHost.enumerated() where !loads[host].fits(within: instance.hosts[host].capacity) {
                var load = loads[host]
                let order = vms.filter { !instance.vms[$0].pinned }
                    .sorted { (instance.migrationMemoryMiB(vm: $0), $0) < (instance.migrationMemoryMiB(vm: $1), $1) }
                for vm in order where !load.fits(within: instance.hosts[host].capacity) {
                    load -= instance.vms[vm].demand
                    evict(vm)
                }
            }
        }
        evicted = found
        var mask = Array(repeating: false, count: instance.vms.count)
        for vm in found { mask[vm] = true }
        for rule in instance.affinity where rule.vms.contains(where: { mask[$0] }) {
            for vm in rule.vms where instance.vms[vm].currentHost != nil && !instance.vms[vm].pinned { mask[vm] = true }
        }
        isForced = mask
    }

    /// Whether a move of `vm` is forced (exempt from the migration budget).
    public func contains(_ vm: Int) -> Bool { isForced.indices.contains(vm) && isForced[vm] }

    /// The migrations of `placement` (VMs placed away from their current host), split into
    /// forced and voluntary.
    /// - Complexity: O(n).
    public func count(_ instance: Instance, _ placement: Placement) -> (forced: Int, voluntary: Int) {
        var forced = 0, voluntary = 0
        for (vm, host) in placement.hostOfVM.enumerated() where vm < instance.vms.count {
            guard let from = instance.vms[vm].currentHost, let host, host != from else { continue }
            if contains(vm) { forced += 1 } else { voluntary += 1 }
        }
        return (forced, voluntary)
    }
}

extension Instance {
    /// The VMs that must leave their current host and whose moves are forced (``ForcedMigrations``).
    public var forcedMigrations: ForcedMigrations { ForcedMigrations(self) }

    /// Migrations of `placement` that count against a migration budget: moves of VMs that could
    /// stay where they run (``ForcedMigrations``).
    public func voluntaryMigrationCount(_ placement: Placement) -> Int {
        forcedMigrations.count(self, placement).voluntary
    }
}
