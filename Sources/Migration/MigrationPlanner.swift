import PlacementModel

/// Orders the live migrations from a current to a target placement into parallel waves such that
/// no host that receives a VM is ever over capacity (a moving VM holds capacity on its source and
/// its destination until its wave ends), no host takes part in more than the allowed number of
/// concurrent migrations, and no placement rule is newly broken between waves — exactly what
/// `PlacementChecker.checkPlan` verifies.
///
/// Method (greedy wave building with cycle breaking, in the spirit of the migration-ordering
/// problem of Sandpiper, Wood et al. NSDI'07, and of the deadlock-avoiding plans of Entropy,
/// Hermenier et al. VEE'09):
/// 1. Each wave takes, in VM-index order, every pending move (a VM — or a whole affinity group,
///    which must move in one wave — straight to its target) that fits the in-flight capacity of
///    its destination, the per-host concurrency limit and the rules. Loads are those of the state
///    at the start of the wave plus everything flying in; hosts that only give VMs away (hot
///    spots) are never a problem.
/// 2. When no direct move fits, the pending moves wait for each other (swaps, cycles, full hosts):
///    one VM that stands in the way of another is moved to a temporary host that has room now
///    (an extra hop; hosts no pending VM targets first, then the most slack, then the lowest
///    index); each VM makes at most `maxExtraHops` such hops.
/// 3. When neither is possible, every pending move is reported as a `BlockedMove` whose reason
///    names the missing resource, the VMs it waits for and any wait-for cycle (deadlock).
///
/// Anti-affinity is kept during a wave too (option `antiAffinityInFlight`, default on): a VM
/// never flies to a host where an anti-affinity partner still is at the start of the wave, since
/// the two copies briefly run side by side during the switch-over.
///
/// Costs: each move is estimated with `Instance.migrationEstimate` (the same model as
/// `Instance.migrationCost`), with the link bandwidth shared equally by the moves of the wave
/// that touch the same host (option `shareBandwidth`: `k` = the larger number of moves at the
/// move's source or destination, each gets bandwidth / k; with `gangMigration` a gang of moves
/// between the same two hosts counts as one transfer, see `GangMigration`). A wave lasts as long as its longest
/// move; the makespan is the sum of the wave durations (waves are barriers).
///
/// Deterministic: no randomness, ties broken by index.
///
/// - Complexity: O(W·(n·d + u·(a + d))) for W waves (W ≤ n·(1 + maxExtraHops)), n VMs, d
///   dimensions, u movable units and a anti-affinity partners per VM; blocked-move diagnosis
///   adds O(n²) for the wait-for cycles.
public enum MigrationPlanner {
    /// Planning limits.
    public struct Options: Sendable, Hashable {
        /// Concurrent migrations per host; `nil` = `instance.migration.maxConcurrentPerHost`.
        public var maxConcurrentPerHost: Int?
        /// Temporary hops each VM may make to break a cycle.
        public var maxExtraHops: Int
        /// Keep anti-affinity partners apart during a wave, not only between waves.
        public var antiAffinityInFlight: Bool
        /// Share link bandwidth among the moves of a wave that touch the same host.
        public var shareBandwidth: Bool
        /// Live-migration model for the estimates.
        public var model: LiveMigrationModel
        /// Estimate moves of one wave between the same two hosts whose VMs share memory pages as
        /// one gang (Deshpande et al., HPDC'11): shared pages are sent once.
        public var gangMigration: Bool
        public init(maxConcurrentPerHost: Int? = nil, maxExtraHops: Int = 1, antiAffinityInFlight: Bool = true,
                    shareBandwidth: Bool = true, model: LiveMigrationModel = .preCopy, gangMigration: Bool = false) {
            self.gangMigration = gangMigration
            self.maxConcurrentPerHost = maxConcurrentPerHost
            self.maxExtraHops = maxExtraHops
            self.antiAffinityInFlight = antiAffinityInFlight
            self.shareBandwidth = shareBandwidth
            self.model = model
        }
    }

    /// Input that cannot be planned.
    public enum PlanningError: Error, Equatable, CustomStringConvertible {
        case placementSize(name: String, entries: Int, vms: Int)
        case unknownHost(name: String, vm: String, host: Int)
        public var description: String {
            switch self {
            case let .placementSize(name, entries, vms):
                return "\(name) placement has \(entries) entries, the instance has \(vms) VMs"
            case let .unknownHost(name, vm, host):
                return "\(name) placement puts VM \(vm) on host index \(host), which does not exist"
            }
        }
    }

    /// Plans the migrations from `current` to `target`. VMs unplaced in either are not migrated
    /// (starting or stopping a VM is not a migration); they keep their current host.
    public static func plan(instance: Instance, from current: Placement, to target: Placement,
                            options: Options = Options()) throws -> MigrationPlan {
        for (name, placement) in [("current", current), ("target", target)] {
            guard placement.hostOfVM.count == instance.vms.count else {
                throw PlanningError.placementSize(name: name, entries: placement.hostOfVM.count, vms: instance.vms.count)
            }
            for (vm, host) in placement.hostOfVM.enumerated() {
                if let host, !instance.hosts.indices.contains(host) {
                    throw PlanningError.unknownHost(name: name, vm: instance.vms[vm].id, host: host)
                }
            }
        }
        var planner = Sequencer(instance: instance, current: current, target: target, options: options)
        return planner.run()
    }
}

/// The mutable state of one planning run.
struct Sequencer {
    let instance: Instance
    let target: Placement
    let options: MigrationPlanner.Options
    let limit: Int
    let d: Int
    /// Movable units: VMs linked by affinity rules form one unit (they must move in one wave).
    let units: [[Int]]
    let unitOf: [Int]
    let antiPartners: [[Int]]
    /// Affinity rules of each unit and whether each rule was broken initially.
    let unitRules: [[Int]]
    let affinityInitiallyBroken: [Bool]
    var position: Placement
    var hops: [Int]
    var blockedVMs: Set<Int> = []
    var blocked: [MigrationPlan.BlockedMove] = []

    init(instance: Instance, current: Placement, target: Placement, options: MigrationPlanner.Options) {
        self.instance = instance
        self.target = target
        self.options = options
        limit = options.maxConcurrentPerHost ?? instance.migration.maxConcurrentPerHost
        d = instance.dimensionCount
        position = current
        hops = Array(repeating: 0, count: instance.vms.count)
        // Union-find over affinity rules.
        var parent = Array(instance.vms.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for rule in instance.affinity {
            let members = rule.vms.filter { instance.vms.indices.contains($0) }
            guard let first = members.first else { continue }
            for vm in members.dropFirst() {
                let a = find(first), b = find(vm)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for vm in instance.vms.indices { groups[find(vm), default: []].append(vm) }
        let ordered = groups.keys.sorted().map { groups[$0] ?? [] }
        var unitOf = Array(repeating: 0, count: instance.vms.count)
        for (u, unit) in ordered.enumerated() { for vm in unit { unitOf[vm] = u } }
        units = ordered
        self.unitOf = unitOf
        var rulesOfUnit = Array(repeating: [Int](), count: ordered.count)
        for (r, rule) in instance.affinity.enumerated() {
            if let vm = rule.vms.first(where: { instance.vms.indices.contains($0) }) { rulesOfUnit[unitOf[vm]].append(r) }
        }
        unitRules = rulesOfUnit
        affinityInitiallyBroken = instance.affinity.map { rule in
            let hosts = Set(rule.vms.compactMap { instance.vms.indices.contains($0) ? current[$0] : nil })
            return hosts.count > 1
        }
        var partners = Array(repeating: Set<Int>(), count: instance.vms.count)
        for rule in instance.antiAffinity {
            let members = rule.vms.filter { instance.vms.indices.contains($0) }
            for a in members { for b in members where a != b { partners[a].insert(b) } }
        }
        antiPartners = partners.map { $0.sorted() }
    }

    func isPending(_ vm: Int) -> Bool {
        guard let here = position[vm], let there = target[vm] else { return false }
        return here != there && !blockedVMs.contains(vm)
    }

    func hostName(_ h: Int) -> String { instance.hosts[h].id }
    func vmName(_ v: Int) -> String { instance.vms[v].id }

    static func exceeds(_ load: Double, _ limit: Double) -> Bool {
        load > limit + 1e-9 * max(1, abs(limit))
    }

    /// A wave being built.
    struct Wave {
        var moves: [MigrationMove] = []
        var inFlight: [ResourceVector]
        var busy: [Int]
        var after: Placement
    }

    func newWave() -> Wave {
        Wave(inFlight: instance.hostLoads(position), busy: Array(repeating: 0, count: instance.hosts.count), after: position)
    }

    /// Why the moves cannot join `wave` (nil = they can).
    func obstacle(_ moves: [MigrationMove], in wave: Wave) -> String? {
        // Overlays on the wave (no copies of per-host or per-VM arrays: this runs often).
        var busyAdded: [Int: Int] = [:]
        var extra: [Int: ResourceVector] = [:]
        var moved: [Int: Int] = [:]
        for move in moves {
            busyAdded[move.from, default: 0] += 1
            busyAdded[move.to, default: 0] += 1
            extra[move.to, default: .zero(d)] += instance.vms[move.vm].demand
            moved[move.vm] = move.to
            if !instance.isEligible(vm: move.vm, host: move.to) {
                return "VM \(vmName(move.vm)) may not run on host \(hostName(move.to)) (pinned, forbidden, not allowed or in maintenance)"
            }
        }
        func after(_ vm: Int) -> Int? { moved[vm] ?? wave.after[vm] }
        for move in moves {
            for h in [move.from, move.to] {
                let busy = wave.busy[h] + (busyAdded[h] ?? 0)
                if busy > limit { return "host \(hostName(h)) would take part in \(busy) migrations at once, limit \(limit)" }
            }
        }
        for (h, added) in extra.sorted(by: { $0.key < $1.key }) {
            for k in 0..<d {
                let load = wave.inFlight[h].values[k] + added.values[k]
                let capacity = instance.hosts[h].capacity.values[k]
                if Sequencer.exceeds(load, capacity) {
                    return "host \(hostName(h)) lacks \(instance.dimensions[k]): \(formatNumber(load)) in flight > capacity \(formatNumber(capacity))"
                }
            }
        }
        for move in moves {
            for partner in antiPartners[move.vm] {
                if after(partner) == move.to {
                    return "VM \(vmName(move.vm)) would share host \(hostName(move.to)) with anti-affinity partner \(vmName(partner))"
                }
                if options.antiAffinityInFlight, position[partner] == move.to {
                    return "VM \(vmName(move.vm)) would fly to host \(hostName(move.to)) while its anti-affinity partner \(vmName(partner)) is still there"
                }
            }
        }
        if let first = moves.first {
            for r in unitRules[unitOf[first.vm]] where !affinityInitiallyBroken[r] {
                let hosts = Set(instance.affinity[r].vms.compactMap { instance.vms.indices.contains($0) ? after($0) : nil })
                if hosts.count > 1 {
                    return "affinity group \(instance.affinity[r].name) would be split (its VMs must move together to one host)"
                }
            }
        }
        return nil
    }

    mutating func add(_ moves: [MigrationMove], to wave: inout Wave) {
        for move in moves {
            wave.busy[move.from] += 1
            wave.busy[move.to] += 1
            wave.inFlight[move.to] += instance.vms[move.vm].demand
            wave.after[move.vm] = move.to
            wave.moves.append(move)
        }
    }

    /// The direct moves of a unit (pending members to their targets).
    func directMoves(_ unit: [Int]) -> [MigrationMove] {
        unit.filter(isPending).compactMap { vm in
            guard let from = position[vm], let to = target[vm] else { return nil }
            return MigrationMove(vm: vm, from: from, to: to)
        }
    }

    mutating func run() -> MigrationPlan {
        var waves: [[MigrationMove]] = []
        let bound = instance.vms.count * (2 + max(0, options.maxExtraHops)) + 1
        while waves.count < bound {
            let pendingUnits = units.indices.filter { units[$0].contains(where: isPending) }
            if pendingUnits.isEmpty { break }
            var wave = newWave()
            for u in pendingUnits {
                let moves = directMoves(units[u])
                if moves.contains(where: { wave.after[$0.vm] != position[$0.vm] }) { continue }
                if obstacle(moves, in: wave) == nil {
                    add(moves, to: &wave)
                } else if !options.antiAffinityInFlight {
                    // Partners swapping hosts must fly in the same wave: try them together.
                    let partners = Set(moves.flatMap { antiPartners[$0.vm] }).sorted()
                    for partner in partners where isPending(partner) && wave.after[partner] == position[partner] && unitOf[partner] != u {
                        let combined = moves + directMoves(units[unitOf[partner]])
                        if obstacle(combined, in: wave) == nil {
                            add(combined, to: &wave)
                            break
                        }
                    }
                }
            }
            if wave.moves.isEmpty, let detour = findDetour(pendingUnits) {
                add(detour, to: &wave)
                for move in detour { hops[move.vm] += 1 }
            }
            if wave.moves.isEmpty {
                diagnose()
                break
            }
            for move in wave.moves { position[move.vm] = move.to }
            waves.append(wave.moves)
        }
        if units.contains(where: { $0.contains(where: isPending) }) { diagnose() }
        return MigrationPlan(waves: waves.map(estimated), blocked: blocked.sorted { $0.vm < $1.vm })
    }

    /// One unit standing in the way of another pending VM, moved to a temporary host with room.
    func findDetour(_ pendingUnits: [Int]) -> [MigrationMove]? {
        var targetedBy = Array(repeating: [Int](), count: instance.hosts.count)
        for vm in instance.vms.indices where isPending(vm) { if let t = target[vm] { targetedBy[t].append(vm) } }
        let loads = instance.hostLoads(position)
        let targetLoads = instance.hostLoads(target)
        let wave = newWave()
        for u in pendingUnits {
            let unit = units[u]
            let movers = unit.filter(isPending)
            guard let from = position[movers[0]], movers.allSatisfy({ position[$0] == from }),
                  movers.allSatisfy({ hops[$0] < options.maxExtraHops }) else { continue }
            // Only VMs that stand in the way: someone else wants to come to their host.
            guard targetedBy[from].contains(where: { unitOf[$0] != u }) else { continue }
            let demand = movers.reduce(ResourceVector.zero(d)) { $0 + instance.vms[$1].demand }
            let candidates = instance.hosts.indices.filter { h in
                h != from && !movers.contains { target[$0] == h }
            }
            func slack(_ h: Int) -> Double {
                let capacity = instance.hosts[h].capacity
                var least = Double.infinity
                for k in 0..<d {
                    let c = capacity.values[k]
                    let free = c - max(loads[h].values[k], targetLoads[h].values[k]) - demand.values[k]
                    least = min(least, c > 0 ? free / c : (free >= 0 ? 0 : -Double.infinity))
                }
                return least
            }
            let ranked = candidates.map { h in
                (host: h, wanted: targetedBy[h].isEmpty ? 0 : 1, off: instance.hosts[h].state == .on ? 0 : 1, slack: slack(h))
            }.sorted {
                if $0.wanted != $1.wanted { return $0.wanted < $1.wanted }
                if $0.off != $1.off { return $0.off < $1.off }
                if $0.slack != $1.slack { return $0.slack > $1.slack }
                return $0.host < $1.host
            }
            for candidate in ranked {
                // Cheap capacity test first; `obstacle` checks everything.
                let fits = (0..<d).allSatisfy { k in
                    !Sequencer.exceeds(wave.inFlight[candidate.host].values[k] + demand.values[k],
                                       instance.hosts[candidate.host].capacity.values[k])
                }
                guard fits else { continue }
                let moves = movers.map { MigrationMove(vm: $0, from: from, to: candidate.host) }
                if obstacle(moves, in: wave) == nil { return moves }
            }
        }
        return nil
    }

    /// Records every still-pending VM as blocked, with the reason.
    mutating func diagnose() {
        let pending = instance.vms.indices.filter(isPending)
        guard !pending.isEmpty else { return }
        let empty = newWave()
        // Wait-for graph: a VM waits for the pending VMs on its target host (they hold capacity
        // or are anti-affinity partners there).
        let onHost = position.vmsByHost(hostCount: instance.hosts.count)
        let pendingSet = Set(pending)
        var waitsFor: [Int: [Int]] = [:]
        for vm in pending {
            guard let t = target[vm] else { continue }
            waitsFor[vm] = onHost[t].filter { $0 != vm && pendingSet.contains($0) && unitOf[$0] != unitOf[vm] }
        }
        func cycle(from start: Int) -> [Int]? {
            // Shortest wait-for cycle through `start` (breadth-first, ties by index).
            var previous: [Int: Int] = [:]
            var queue = [start]
            var seen: Set<Int> = [start]
            var index = 0
            while index < queue.count {
                let vm = queue[index]
                index += 1
                for next in waitsFor[vm] ?? [] {
                    if next == start {
                        var path = [vm]
                        var cursor = vm
                        while let p = previous[cursor] { path.append(p); cursor = p }
                        return path.reversed()
                    }
                    if seen.insert(next).inserted {
                        previous[next] = vm
                        queue.append(next)
                    }
                }
            }
            return nil
        }
        var newlyBlocked: [MigrationPlan.BlockedMove] = []
        for vm in pending {
            guard let from = position[vm], let to = target[vm] else { continue }
            let moves = directMoves(units[unitOf[vm]])
            var reasons: [String] = []
            if let why = obstacle(moves, in: empty) { reasons.append(why) }
            let waits = waitsFor[vm] ?? []
            if !waits.isEmpty {
                reasons.append("waits for \(waits.map(vmName).joined(separator: ", ")) to leave \(hostName(to))")
            }
            let movingNow = Set(moves.map(\.vm))
            let staying = onHost[to].filter { !pendingSet.contains($0) && !movingNow.contains($0) }
            let unplannedStayers = staying.filter { target[$0] == nil || blockedVMs.contains($0) }
            if waits.isEmpty, !unplannedStayers.isEmpty {
                reasons.append("\(unplannedStayers.map(vmName).joined(separator: ", ")) on \(hostName(to)) have no target host (or are blocked) and keep their capacity there")
            }
            if let loop = cycle(from: vm) {
                let steps = loop.map { v in "\(vmName(v)) (\(position[v].map(hostName) ?? "?")→\(target[v].map(hostName) ?? "?"))" }
                reasons.append("deadlock: wait-for cycle \(steps.joined(separator: " → ")) → \(vmName(vm)), and no host has room for a temporary hop (or the hop budget of \(options.maxExtraHops) is used)")
            } else if !waits.isEmpty {
                reasons.append("the VMs it waits for are themselves blocked")
            }
            if reasons.isEmpty { reasons.append("no safe wave found") }
            newlyBlocked.append(MigrationPlan.BlockedMove(vm: vm, from: from, to: to, reason: reasons.joined(separator: "; ")))
        }
        for move in newlyBlocked { blockedVMs.insert(move.vm) }
        blocked += newlyBlocked
    }

    /// The wave's moves with their estimates (bandwidth shared as documented; with
    /// `gangMigration`, moves of the wave between the same two hosts whose VMs share pages form
    /// one gang transfer).
    func estimated(_ wave: [MigrationMove]) -> [MigrationMove] {
        // Transfers: a gang counts once on its hosts.
        var groups: [[Int]] = []
        if options.gangMigration {
            var byLink: [Int: [Int]] = [:]
            var linkOrder: [Int] = []
            for (i, move) in wave.enumerated() {
                let key = move.from * instance.hosts.count + move.to
                if byLink[key] == nil { linkOrder.append(key) }
                byLink[key, default: []].append(i)
            }
            for key in linkOrder {
                let members = byLink[key] ?? []
                let vms = Set(members.map { wave[$0].vm })
                let sharing = members.count > 1 && instance.sharedMemory.contains { vms.contains($0.first) && vms.contains($0.second) && $0.first != $0.second }
                if sharing { groups.append(members) } else { groups += members.map { [$0] } }
            }
        } else {
            groups = wave.indices.map { [$0] }
        }
        var touching: [Int: Int] = [:]
        for group in groups {
            let move = wave[group[0]]
            touching[move.from, default: 0] += 1
            touching[move.to, default: 0] += 1
        }
        var result = wave
        for group in groups {
            let first = wave[group[0]]
            let sharing = options.shareBandwidth ? max(touching[first.from] ?? 1, touching[first.to] ?? 1) : 1
            if group.count > 1, let gang = try? GangMigration.estimate(instance: instance, moves: group.map { wave[$0] },
                                                                         model: options.model, sharingBandwidthWith: sharing),
               let sub = gang.subGangs.first, sub.memoryMiB > 0 {
                // Every member runs (and stops) with the gang; bytes are split by memory size.
                for i in group {
                    let share = instance.migrationMemoryMiB(vm: wave[i].vm) / sub.memoryMiB
                    result[i].estimate = LiveMigrationEstimate(totalSeconds: sub.estimate.totalSeconds,
                                                               downtimeSeconds: sub.estimate.downtimeSeconds,
                                                               transferredMiB: sub.estimate.transferredMiB * share,
                                                               rounds: sub.estimate.rounds,
                                                               degradationSeconds: sub.estimate.degradationSeconds)
                }
            } else {
                for i in group {
                    let move = wave[i]
                    result[i].estimate = instance.migrationEstimate(vm: move.vm, from: move.from, to: move.to,
                                                                    model: options.model, sharingBandwidthWith: sharing)
                }
            }
        }
        return result
    }
}
