import Foundation
import PlacementModel

/// The reassignment engine: iterated local search over placements that start from the current
/// one (repaired when it breaks a rule) or from a construction (a goal heuristic's or a packing
/// heuristic's answer), scored by the one objective ``Instance/objective(of:goal:)`` with every
/// rule kept (``ReassignmentState``). Moves: shift, swap, host drain with ejection chains
/// (consolidation), maximum relief (balance), return home with ejection (hotspot, balance), and random kicks of a few units between descents
/// (Lourenço, Martin, Stützle, "Iterated local search", Handbook of Metaheuristics 2003).
/// Unplaced units (the VMs a repair took off their host, VMs without a current host) are first
/// inserted where the score is best — a cost-aware repair that keeps a VM inside its site when
/// a host there has room.
///
/// Deterministic: work is counted in moves evaluated (`moves`), never time; the seeded kicks
/// use ``PlacementModel/SplitMix64``. An optional `seconds` limit stops earlier on a slow machine.
/// Up to ``fullScanHosts`` hosts every host is a candidate for a move; beyond, the candidates of
/// a unit are its members' current hosts, its traffic and sharing partners' hosts, and a seeded
/// sample of used and of all hosts — a move costs O(d + VMs touched + log m), not O(instance).
///
/// - Complexity: O(moves · (d + partners + log m)) plus O(n) per pass to pick the units.
public enum ReassignmentSearch {
    /// Hosts up to which every host is a candidate destination.
    public static let fullScanHosts = 64

    /// Work limits: moves evaluated, and an optional wall-clock limit on top.
    public struct Limits: Sendable {
        public var moves: Int
        public var seconds: Double?
        public var kicks: Int
        /// Kicks in a row without improvement after which the search stops.
        public var patience: Int
        public init(moves: Int, seconds: Double? = nil, kicks: Int = 200, patience: Int = 40) {
            self.moves = moves
            self.seconds = seconds
            self.kicks = kicks
            self.patience = patience
        }
        /// The default for `n` VMs: 200 000 + 40·n moves, at most 200 kicks, 40 without improvement.
        public static func standard(vmCount n: Int, seconds: Double? = nil) -> Limits {
            Limits(moves: 200_000 + 40 * n, seconds: seconds)
        }
    }

    /// The improved placement from `start` (nil: the current placement, repaired), with the
    /// moves evaluated.
    /// `receiversUnderThreshold`: a host that receives a migrated VM must end at or under its
    /// overload thresholds (the thresholds bind every goal's moves, not only hotspot's).
    public static func improve(_ instance: Instance, goal: Goal, from start: Placement?, limits: Limits,
                               migrationBudget: Int?, seed: UInt64,
                               receiversUnderThreshold: Bool = false) -> (placement: Placement, evaluations: Int) {
        let model = ReassignmentModel(instance, goal: goal, migrationBudget: migrationBudget,
                                      receiversUnderThreshold: receiversUnderThreshold)
        return improve(model, from: start, limits: limits, seed: seed)
    }

    /// ``improve(_:goal:from:limits:migrationBudget:seed:receiversUnderThreshold:)`` on a model
    /// already built (its instance, goal, budget and receiver rule).
    static func improve(_ model: ReassignmentModel, from start: Placement?, limits: Limits,
                        seed: UInt64) -> (placement: Placement, evaluations: Int) {
        var run = Run(model: model, start: start ?? repairedCurrent(model.instance), limits: limits, seed: seed)
        run.search()
        return (run.state.placement, run.state.evaluations)
    }

    /// The current placement with the VMs that must leave (``PlacementModel/ForcedMigrations``)
    /// placed again where the score is best, no other change: what staying put means.
    public static func repairedCurrent(_ instance: Instance, goal: Goal, migrationBudget: Int?,
                                       receiversUnderThreshold: Bool = false) -> Placement {
        repairedCurrent(ReassignmentModel(instance, goal: goal, migrationBudget: migrationBudget,
                                          receiversUnderThreshold: receiversUnderThreshold))
    }

    /// ``repairedCurrent(_:goal:migrationBudget:receiversUnderThreshold:)`` on a model already built.
    static func repairedCurrent(_ model: ReassignmentModel) -> Placement {
        var run = Run(model: model, start: repairedCurrent(model.instance), limits: Limits(moves: Int.max, kicks: 0), seed: 1)
        run.insertUnplaced()
        return run.state.placement
    }

    /// The current placement without the VMs that must leave.
    static func repairedCurrent(_ instance: Instance) -> Placement {
        var placement = instance.currentPlacement
        for vm in ForcedMigrations(instance).evicted { placement[vm] = nil }
        return placement
    }

    /// One search: the state, its limits and its seeded random source.
    struct Run {
        var state: ReassignmentState
        let limits: Limits
        let deadline: ContinuousClock.Instant?
        var random: SplitMix64
        let allHosts: [Int]
        var checks = 0

        init(model: ReassignmentModel, start: Placement, limits: Limits, seed: UInt64) {
            state = ReassignmentState(model, placement: start)
            self.limits = limits
            deadline = limits.seconds.map { ContinuousClock.now + .milliseconds(Int64(max(0, $0) * 1000)) }
            random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x5EED)
            allHosts = Array(0..<model.hostCount)
        }

        var model: ReassignmentModel { state.model }

        /// Whether the move or time limit is reached (the clock read every 4 096 moves).
        mutating func exhausted() -> Bool {
            if state.evaluations >= limits.moves { return true }
            guard let deadline else { return false }
            checks += 1
            if checks % 64 != 0 { return false }
            return ContinuousClock.now >= deadline
        }

        mutating func search() {
            insertUnplaced()
            descend()
            state.commit()
            var best = state.score
            var kicks = 0, sinceImprovement = 0
            while kicks < limits.kicks, sinceImprovement < limits.patience, !exhausted() {
                kicks += 1
                sinceImprovement += 1
                let mark = state.mark
                kick(strength: 1 + kicks % 3)
                descend()
                if state.score < best {
                    best = state.score
                    state.commit()
                    sinceImprovement = 0
                } else { state.rollback(to: mark) }
            }
        }

        /// Local descent: passes of shifts, swaps and the goal's compound move until none improves.
        mutating func descend() {
            var passes = 0
            while !exhausted(), passes < 50 {
                passes += 1
                var improved = false
                let focus = focusUnits()
                for u in focus {
                    if exhausted() { return }
                    if state.bestShift(unit: u, candidates: candidates(for: u)) { improved = true }
                }
                for u in focus where state.hostOf(unit: u) >= 0 {
                    if exhausted() { return }
                    if state.bestSwap(unit: u, candidates: candidates(for: u), perHost: model.hostCount <= fullScanHosts ? 64 : 4) { improved = true }
                }
                if model.goal == .hotspot || model.goal == .balance {
                    for u in focus where state.hostOf(unit: u) >= 0 && state.hostOf(unit: u) != model.home[model.units[u][0]] {
                        if exhausted() { return }
                        if state.returnHome(unit: u, candidates: candidates(for: u), perHost: model.hostCount <= fullScanHosts ? 64 : 4) { improved = true }
                    }
                }
                switch model.goal {
                case .place, .consolidate: if drainHosts() { improved = true }
                case .balance:
                    while !exhausted() {
                        let receivers = model.hostCount <= fullScanHosts ? allHosts : sampledHosts(32)
                        guard state.relieveMaximum(candidates: receivers, steps: 8, perHost: 16) else { break }
                        improved = true
                    }
                case .hotspot: if resolveEvictions(focus) { improved = true }
                }
                if !improved { return }
            }
        }

        /// Tries to drain every used host, least loaded first.
        mutating func drainHosts() -> Bool {
            let order = state.usedHosts.sorted { (state.count[$0], state.utilisation(of: $0), $0) < (state.count[$1], state.utilisation(of: $1), $1) }
            var improved = false
            for a in order where state.count[a] > 0 {
                if exhausted() { break }
                let receivers = model.hostCount <= fullScanHosts ? allHosts : sampledReceivers()
                if state.drain(host: a, candidates: receivers) { improved = true }
            }
            return improved
        }

        /// Re-solves the evictions of every host that is hot or that units of `focus` left
        /// (``ReassignmentState/resolveEvictions(host:returning:candidates:)``), in host order.
        mutating func resolveEvictions(_ focus: [Int]) -> Bool {
            var returning: [Int: [Int]] = [:]
            var hosts = Set<Int>()
            for u in focus {
                let h = state.hostOf(unit: u), home = model.home[model.units[u][0]]
                if h >= 0, state.hostExcess[h] > 0 { hosts.insert(h) }
                if home >= 0, h != home, model.units[u].allSatisfy({ model.home[$0] == home }) {
                    returning[home, default: []].append(u)
                    hosts.insert(home)
                }
            }
            var improved = false
            for h in hosts.sorted() {
                if exhausted() { break }
                let receivers = model.hostCount <= fullScanHosts ? allHosts : sampledReceivers()
                if state.resolveEvictions(host: h, returning: returning[h] ?? [], candidates: receivers) { improved = true }
            }
            return improved
        }

        /// Units a pass tries: all for packing goals; for balance and hotspot those on the
        /// hottest or overloaded hosts and those away from their current host.
        func focusUnits() -> [Int] {
            let units = model.units.indices
            switch model.goal {
            case .place, .consolidate: return units.filter { model.movable[$0] }
            case .balance, .hotspot:
                let top = state.maximumUtilisation
                return units.filter { u in
                    guard model.movable[u] else { return false }
                    let h = state.hostOf(unit: u)
                    if h < 0 { return true }
                    let vm = model.units[u][0]
                    if model.home[vm] != h { return true }
                    return model.goal == .hotspot ? state.hostExcess[h] > 0 : state.utilisation(of: h) >= 0.9 * top
                }
            }
        }

        /// Candidate hosts of unit `u`: all hosts on small instances; else the members' current
        /// hosts, the partners' hosts and a seeded sample.
        mutating func candidates(for u: Int) -> [Int] {
            if model.hostCount <= fullScanHosts { return allHosts }
            var list: [Int] = []
            func add(_ h: Int) { if h >= 0, !list.contains(h) { list.append(h) } }
            for vm in model.units[u] {
                add(model.home[vm])
                for p in model.trafficPartners[vm].prefix(4) { add(state.host[p.vm]) }
                for p in model.sharingPartners[vm].prefix(4) { add(state.host[p.vm]) }
            }
            let used = state.usedHosts
            for _ in 0..<8 where !used.isEmpty { add(used[Int(random.next() % UInt64(used.count))]) }
            for _ in 0..<6 { add(Int(random.next() % UInt64(model.hostCount))) }
            return list
        }

        /// A seeded sample of used hosts (receivers of a drain on a large instance).
        mutating func sampledReceivers() -> [Int] {
            let used = state.usedHosts
            var list: [Int] = []
            for _ in 0..<24 where !used.isEmpty {
                let h = used[Int(random.next() % UInt64(used.count))]
                if !list.contains(h) { list.append(h) }
            }
            return list
        }

        /// Moves `strength` random focus units to random feasible candidates (worse moves allowed).
        mutating func kick(strength: Int) {
            let focus = focusUnits()
            guard !focus.isEmpty else { return }
            for _ in 0..<strength {
                let u = focus[Int(random.next() % UInt64(focus.count))]
                let hosts = candidates(for: u)
                guard !hosts.isEmpty else { continue }
                let from = state.hostOf(unit: u)
                for _ in 0..<8 {
                    let h = hosts[Int(random.next() % UInt64(hosts.count))]
                    guard h != from, state.mayHold(unit: u, on: h) else { continue }
                    let mark = state.mark
                    state.move(unit: u, to: h)
                    state.evaluations += 1
                    if state.violations == 0 { break }
                    state.rollback(to: mark)
                }
            }
        }

        /// Places every unit with an unplaced member where the score is best: beside its placed
        /// members when they have room, else as a whole on the best host.
        mutating func insertUnplaced() {
            for u in model.units.indices where model.units[u].contains(where: { state.host[$0] < 0 }) {
                let members = model.units[u]
                if let anchor = members.first(where: { state.host[$0] >= 0 }).map({ state.host[$0] }) {
                    let mark = state.mark
                    for vm in members where state.host[vm] < 0 { state.relocate(vm, to: anchor) }
                    if state.violations == 0 { continue }
                    state.rollback(to: mark)
                    guard model.movable[u] else { continue }
                }
                let hosts = model.hostCount <= 4096 ? allHosts : candidates(for: u) + sampledHosts(512)
                var best: ReassignmentScore? = nil
                var target = -1
                for h in hosts where state.mayHold(unit: u, on: h) {
                    let after = state.scoreOfShift(unit: u, to: h)
                    if after.violations == 0, best == nil || after < best! { best = after; target = h }
                }
                if target >= 0 { state.move(unit: u, to: target) }
            }
        }

        mutating func sampledHosts(_ count: Int) -> [Int] {
            (0..<count).map { _ in Int(random.next() % UInt64(model.hostCount)) }
        }
    }
}
