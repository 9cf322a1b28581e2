/// Independent verification of placements and migration plans. It trusts nothing the method
/// that produced them computed: loads are summed here from the instance alone.
public enum PlacementChecker {
    /// What to check beyond the hard constraints.
    public struct Options: Sendable {
        /// VMs may be left unplaced without a violation (e.g. a heuristic that reports them).
        public var allowUnplaced: Bool
        /// Every host must be at or under its overload threshold (hotspot mitigation's goal).
        public var enforceOverloadThresholds: Bool
        public init(allowUnplaced: Bool = false, enforceOverloadThresholds: Bool = false) {
            self.allowUnplaced = allowUnplaced
            self.enforceOverloadThresholds = enforceOverloadThresholds
        }
    }

    /// Lists every violation of `placement` (empty = feasible).
    /// - Complexity: O(n·d + Σ rule sizes + |sharedMemory|).
    public static func check(_ instance: Instance, _ placement: Placement, options: Options = Options()) -> [Violation] {
        var violations: [Violation] = []
        guard placement.hostOfVM.count == instance.vms.count else {
            return [Violation(.invalidReference, "placement has \(placement.hostOfVM.count) entries, instance has \(instance.vms.count) VMs")]
        }
        let d = instance.dimensionCount
        var load = Array(repeating: Array(repeating: 0.0, count: d), count: instance.hosts.count)
        for (v, host) in placement.hostOfVM.enumerated() {
            let vm = instance.vms[v]
            guard let host else {
                if !options.allowUnplaced { violations.append(Violation(.unplaced, "VM \(vm.id) is not placed")) }
                continue
            }
            guard instance.hosts.indices.contains(host) else {
                violations.append(Violation(.invalidReference, "VM \(vm.id) is on host index \(host), which does not exist"))
                continue
            }
            let hostID = instance.hosts[host].id
            if instance.hosts[host].state == .maintenance {
                violations.append(Violation(.maintenance, "VM \(vm.id) is on host \(hostID), which is in maintenance"))
            }
            if vm.pinned, let current = vm.currentHost, current != host {
                violations.append(Violation(.pinned, "VM \(vm.id) is pinned to \(instance.hosts[current].id) but placed on \(hostID)"))
            }
            if let allowed = vm.allowedHosts, !allowed.contains(host) {
                violations.append(Violation(.notEligible, "VM \(vm.id) is on \(hostID), not among its allowed hosts"))
            }
            if vm.forbiddenHosts.contains(host) {
                violations.append(Violation(.notEligible, "VM \(vm.id) is on \(hostID), one of its forbidden hosts"))
            }
            for k in 0..<d { load[host][k] += vm.demand.values[k] }
        }
        if let memory = instance.memoryDimension {
            for pair in instance.sharedMemory {
                if let a = placement[pair.first], a == placement[pair.second], instance.hosts.indices.contains(a) {
                    load[a][memory] -= pair.amount
                }
            }
        }
        for (h, host) in instance.hosts.enumerated() {
            for k in 0..<d {
                let capacity = host.capacity.values[k]
                if Instance.exceeds(load[h][k], capacity) {
                    violations.append(Violation(.capacity, "host \(host.id) \(instance.dimensions[k]): load \(formatNumber(load[h][k])) exceeds capacity \(formatNumber(capacity))"))
                } else if options.enforceOverloadThresholds, instance.isAboveOverloadThreshold(load: load[h][k], host: h, dimension: k) {
                    let limit = instance.overloadThreshold(host: h, dimension: k) * capacity
                    violations.append(Violation(.overloadThreshold, "host \(host.id) \(instance.dimensions[k]): load \(formatNumber(load[h][k])) is above the overload threshold \(formatNumber(limit))"))
                }
            }
        }
        violations += ruleViolations(instance, placement)
        return violations
    }

    static func ruleViolations(_ instance: Instance, _ placement: Placement) -> [Violation] {
        keyedRuleViolations(instance, placement).map(\.violation)
    }

    /// Rule violations with a key naming the broken thing (anti-affinity rule and host, affinity
    /// rule), so that a plan replay can tell a new violation from one present initially even when
    /// the VMs named in the message change.
    static func keyedRuleViolations(_ instance: Instance, _ placement: Placement) -> [(key: String, violation: Violation)] {
        var violations: [(key: String, violation: Violation)] = []
        for (r, rule) in instance.antiAffinity.enumerated() {
            var seen: [Int: Int] = [:]
            for vm in rule.vms {
                guard let host = placement[vm] else { continue }
                if let other = seen[host] {
                    violations.append(("anti \(r) \(host)", Violation(.antiAffinity, "anti-affinity group \(rule.name): VMs \(instance.vms[other].id) and \(instance.vms[vm].id) share host \(hostName(instance, host))")))
                } else {
                    seen[host] = vm
                }
            }
        }
        for (r, rule) in instance.affinity.enumerated() {
            let placed = rule.vms.compactMap { vm in placement[vm].map { (vm, $0) } }
            if let first = placed.first, let split = placed.first(where: { $0.1 != first.1 }) {
                violations.append(("affinity \(r)", Violation(.affinity, "affinity group \(rule.name): VM \(instance.vms[first.0].id) on \(hostName(instance, first.1)) but VM \(instance.vms[split.0].id) on \(hostName(instance, split.1))")))
            }
        }
        return violations
    }

    static func hostName(_ instance: Instance, _ host: Int) -> String {
        instance.hosts.indices.contains(host) ? instance.hosts[host].id : "#\(host)"
    }

    /// Replays `plan` from `initial` and lists every violation: a move whose VM is not where the
    /// move says, capacity exceeded during a wave (a moving VM counts on both hosts) or after it,
    /// a host with more concurrent migrations than allowed, a rule broken between waves, and a
    /// final state different from `target` for a VM that had a host in `initial` (unless the plan
    /// declares blocked moves; VMs without a host are started after the plan).
    public static func checkPlan(_ instance: Instance, _ plan: MigrationPlan, from initial: Placement,
                                 to target: Placement, maxConcurrentPerHost: Int? = nil) -> [Violation] {
        var violations: [Violation] = []
        for (name, placement) in [("initial", initial), ("target", target)] {
            guard placement.hostOfVM.count == instance.vms.count else {
                return [Violation(.invalidReference, "\(name) placement has \(placement.hostOfVM.count) entries, instance has \(instance.vms.count) VMs")]
            }
            if let bad = placement.hostOfVM.firstIndex(where: { $0.map { !instance.hosts.indices.contains($0) } ?? false }) {
                return [Violation(.invalidReference, "\(name) placement puts VM \(instance.vms[bad].id) on a host that does not exist")]
            }
        }
        var state = initial
        let d = instance.dimensionCount
        let initialRuleViolations = Set(keyedRuleViolations(instance, initial).map(\.key))
        let limit = maxConcurrentPerHost ?? instance.migration.maxConcurrentPerHost
        for (w, wave) in plan.waves.enumerated() {
            var busy: [Int: Int] = [:]
            var moving = Set<Int>()
            for move in wave {
                let vmID = instance.vms.indices.contains(move.vm) ? instance.vms[move.vm].id : "#\(move.vm)"
                guard instance.vms.indices.contains(move.vm), instance.hosts.indices.contains(move.from),
                      instance.hosts.indices.contains(move.to) else {
                    violations.append(Violation(.invalidReference, "wave \(w + 1): move of VM \(vmID) names a host that does not exist"))
                    continue
                }
                if state[move.vm] != move.from {
                    violations.append(Violation(.planStep, "wave \(w + 1): VM \(vmID) moves from \(hostName(instance, move.from)) but is on \(state[move.vm].map { hostName(instance, $0) } ?? "no host")"))
                }
                if !moving.insert(move.vm).inserted {
                    violations.append(Violation(.planStep, "wave \(w + 1): VM \(vmID) moves twice in one wave"))
                }
                if !instance.isEligible(vm: move.vm, host: move.to) {
                    violations.append(Violation(.planStep, "wave \(w + 1): VM \(vmID) may not run on \(hostName(instance, move.to))"))
                }
                busy[move.from, default: 0] += 1
                busy[move.to, default: 0] += 1
            }
            for (host, count) in busy.sorted(by: { $0.key < $1.key }) where count > limit {
                violations.append(Violation(.planStep, "wave \(w + 1): host \(hostName(instance, host)) takes part in \(count) migrations at once, limit \(limit)"))
            }
            // In flight: every VM counts where it is now; a moving VM also counts at its destination.
            // Only hosts that receive a VM in this wave are checked: a host that only gives VMs away
            // (e.g. a hot spot being relieved) is never made worse.
            var inFlight = instance.hostLoads(state)
            var receivers = Set<Int>()
            for move in wave where instance.vms.indices.contains(move.vm) && instance.hosts.indices.contains(move.to) {
                receivers.insert(move.to)
                for k in 0..<d { inFlight[move.to].values[k] += instance.vms[move.vm].demand.values[k] }
            }
            for h in receivers.sorted() {
                let host = instance.hosts[h]
                for k in 0..<d where Instance.exceeds(inFlight[h].values[k], host.capacity.values[k]) {
                    violations.append(Violation(.planStep, "wave \(w + 1) in flight: host \(host.id) \(instance.dimensions[k]) load \(formatNumber(inFlight[h].values[k])) exceeds capacity \(formatNumber(host.capacity.values[k]))"))
                }
            }
            for move in wave where instance.vms.indices.contains(move.vm) { state[move.vm] = move.to }
            var reported = Set<String>()
            for (key, violation) in keyedRuleViolations(instance, state)
            where !initialRuleViolations.contains(key) && reported.insert(key).inserted {
                violations.append(Violation(.planStep, "after wave \(w + 1): \(violation.message)"))
            }
        }
        // Only VMs running both before and after are migrated; starting or stopping VMs is not
        // part of a migration plan.
        let differing = state.hostOfVM.indices.filter { initial[$0] != nil && target[$0] != nil && state[$0] != target[$0] }
        if plan.blocked.isEmpty && !differing.isEmpty {
            let names = differing.prefix(5).map { instance.vms[$0].id }.joined(separator: ", ")
            violations.append(Violation(.planTarget, "plan ends with \(differing.count) VM(s) away from the target: \(names)"))
        }
        return violations
    }
}
