import Heuristics
import PlacementModel

/// The state of one decision step of the when / which / where loop.
struct DecisionRound {
    let step: Int
    let current: Instance
    var state: PackingState
    let book: HostBook
    let context: PolicyContext
    let detector: any OverloadDetector
    /// Hosts that receive nothing this round (hot spots, maintenance, not yet added).
    var blocked: [Bool]
    var activeAtStart: [Int]
    var switchedOff: [Int]
    var moves: [Move] = []
    /// The destination of hot-spot VMs, and that of drained VMs (with the drain ceiling).
    var destination: any DestinationPolicy
    var drainDestination: any DestinationPolicy
    let cpu: Int
    /// The candidates of the phase under way with their CPU loads (PABFD without a scan), or `nil`.
    var index: PowerAwareBestFitIndex?

    func cpuDemand(_ v: Int, cpu: Int) -> Double { current.vms[v].demand[cpu] }

    /// Puts `v` on `host` in the packing state, the host book and the index.
    mutating func put(_ v: Int, on host: Int) {
        state.place(vm: v, on: host)
        book.add(v, host)
        index?.update(host: host, load: state.load(host: host, dimension: cpu))
    }

    /// Takes `v` off `host` in the packing state, the host book and the index.
    mutating func take(_ v: Int, from host: Int) {
        state.remove(vm: v)
        book.remove(v, host)
        index?.update(host: host, load: state.load(host: host, dimension: cpu))
    }

    /// Puts a VM that left `source` on `target` (a move), or back on its source (`nil`).
    mutating func settle(_ v: Int, from source: Int, on target: Int?) {
        put(v, on: target ?? source)
        if let target { moves.append((v, source, target)) }
    }

    /// Makes `index` hold the hosts `isCandidate` accepts, with their loads now, for the phase
    /// that begins.
    mutating func index(_ index: PowerAwareBestFitIndex, candidates isCandidate: (Int) -> Bool) {
        index.removeAll()
        for h in 0..<index.hostCount where isCandidate(h) { index.insert(host: h, load: state.load(host: h, dimension: cpu)) }
        self.index = index
    }
}

extension Engine {
    // MARK: - The when / which / where loop

    /// One step of the loop: hot spots relieved (detect, select, place), then cold spots drained.
    mutating func optimise(step k: Int, book: HostBook) -> [Move] {
        guard let detector = policy.detector, let selection = policy.selection else { return [] }
        var round = beginRound(step: k, current: decisionInstance(step: k), book: book, detector: detector)
        let leaving = relieveHotSpots(&round, selection: selection)
        placeLeaving(leaving, in: &round)
        if policy.consolidateUnderloaded { drainColdSpots(&round) }
        return round.moves
    }

    /// The packing state, host book, policy context and destinations of step `k` (instance `current`).
    func beginRound(step k: Int, current: Instance, book: HostBook, detector: any OverloadDetector) -> DecisionRound {
        let state = PackingState(instance: current, startingFrom: Placement(hostOfVM: hostOf))
        book.reset(step: k, placement: hostOf)
        let policyContext = context(step: k, vmHistory: policy.selectionNeedsVMHistory ? vmHistories(step: k) : [])
        let activeAtStart = (0..<hostCount).filter { state.vmCount[$0] > 0 }
        let switchedOff = (0..<hostCount).filter { state.vmCount[$0] == 0 }
        let cpu = self.cpu
        let hostMIPS = self.hostMIPS
        book.meanUtilisation = activeAtStart.isEmpty ? 0
            : activeAtStart.map { state.load(host: $0, dimension: cpu) / hostMIPS[$0] }.reduce(0, +) / Double(activeAtStart.count)
        let check: PowerAwareBestFit.OverloadCheck = { vm, host, state in
            let load = state.load(host: host, dimension: cpu) + state.instance.vms[vm].demand[cpu]
            return detector.isOverloaded(book.observation(host: host, load: load, adding: vm))
        }
        let ceiling = configuration.drainCeiling ?? policy.drainCeiling
        var drainCheck = check
        if let ceiling {
            drainCheck = { vm, host, state in
                let load = state.load(host: host, dimension: cpu) + state.instance.vms[vm].demand[cpu]
                return load / hostMIPS[host] > ceiling || check(vm, host, state)
            }
        }
        let memo = exhaustive ? nil : powerMemo
        var blocked = Array(repeating: false, count: hostCount)
        for h in inMaintenance.union(notYetAdded) { blocked[h] = true }
        return DecisionRound(step: k, current: current, state: state, book: book, context: policyContext, detector: detector,
                             blocked: blocked, activeAtStart: activeAtStart, switchedOff: switchedOff,
                             destination: makeDestination(check: check, memo: memo),
                             drainDestination: makeDestination(check: drainCheck, memo: memo), cpu: cpu)
    }

    /// The policy's "where" with the overload check: PABFD, or a catalogue destination offered
    /// only the hosts that stay under the trigger.
    func makeDestination(check: @escaping PowerAwareBestFit.OverloadCheck, memo: PowerMemo?) -> any DestinationPolicy {
        guard let chosen = policy.destination else { return PowerAwareBestFit(overloadedAfterPlacing: check, memo: memo, stretches: stretches) }
        return CheckedDestination(base: chosen, overloadedAfterPlacing: check, cpu: cpu)
    }

    /// The index PABFD answers from instead of scanning every candidate host (same answers): when
    /// the policy's "where" is PABFD with tie-exact increases (``stretches``); `nil` for the
    /// exhaustive reference replay and `--cloudsim-faithful`.
    func makePlacementIndex() -> PowerAwareBestFitIndex? {
        guard !exhaustive, policy.destination == nil, let stretches else { return nil }
        return PowerAwareBestFitIndex(stretches: stretches)
    }

    /// The destination `policy` picks for `v` (CPU demand `need`): from the round's index when
    /// the phase has one and the policy is PABFD, else from a scan of `candidates()`.
    /// `utilisationLimit`: the utilisation after the move above which the policy's overload
    /// check surely fails (the detector's, or the drain ceiling), `nil` = none.
    func destination(for v: Int, need: Double, by policy: any DestinationPolicy, utilisationLimit: Double?, in round: DecisionRound,
                     candidates: () -> [Int]) -> Int? {
        if let index = round.index, let pabfd = policy as? PowerAwareBestFit {
            let hostCoreMIPS = self.hostCoreMIPS
            return pabfd.destination(for: v, index: index, admits: { need <= hostCoreMIPS[$0] + 1e-9 }, utilisationLimit: utilisationLimit,
                                     state: round.state, context: round.context)
        }
        return policy.destination(for: v, candidates: candidates(), state: round.state, context: round.context)
    }

    /// VM CPU histories (fractions, oldest first, at most 30 samples before step k).
    func vmHistories(step k: Int) -> [[Double]] {
        (0..<vmCount).map { v in
            guard present[v] else { return [] }
            let start = max(arrival[v], k - 30, 0)
            return start < k ? Array(series[v][start..<k]) : []
        }
    }

    func movable(_ v: Int, step k: Int) -> Bool { busyUntil[v] < k && k - lastMove[v] > cooldown }

    /// 1. Hot spots: the detector's overloaded hosts, in host order; the selection takes one VM at
    /// a time until the detector clears the host. Returns the VMs leaving, by decreasing demand.
    func relieveHotSpots(_ round: inout DecisionRound, selection: any VMSelectionPolicy) -> [(vm: Int, from: Int)] {
        let overloaded = round.activeAtStart.filter { round.detector.isOverloaded(observe($0, round)) }
        for h in overloaded { round.blocked[h] = true }
        var leaving = selectLeaving(overloaded, in: &round, selection: selection)
        let cpu = self.cpu
        leaving.sort { (a, b) in
            let da = round.cpuDemand(a.vm, cpu: cpu), db = round.cpuDemand(b.vm, cpu: cpu)
            return da != db ? da > db : a.vm < b.vm
        }
        return leaving
    }

    func observe(_ h: Int, _ round: DecisionRound) -> HostObservation {
        round.book.observation(host: h, load: round.state.load(host: h, dimension: cpu))
    }

    /// Places the VMs leaving hot spots on unblocked hosts (back on their source when none fits).
    ///
    /// Empty hosts of one type are interchangeable for PABFD: same capacity and power curve,
    /// every load exactly 0 (no VM since the state was built from the placement), no overload
    /// check on an empty host, no host restrictions, and a host of this phase only gains VMs. Only
    /// the lowest-index one can win (ties go to the lowest index), so it alone is a candidate, and
    /// the next one of its type joins when it receives a VM.
    func placeLeaving(_ leaving: [(vm: Int, from: Int)], in round: inout DecisionRound) {
        if let index = placementIndex {
            let blocked = round.blocked
            round.index(index) { !blocked[$0] }
            for (v, source) in leaving {
                let target = destination(for: v, need: round.cpuDemand(v, cpu: cpu), by: round.destination,
                                         utilisationLimit: round.detector.overloadedAbove, in: round) { [] }
                round.settle(v, from: source, on: target)
            }
            return
        }
        let shortcut = !exhaustive && cluster.interchangeableEmptyHosts && policy.destination == nil
        let smallestCore = self.smallestCore
        var unblocked: [Int] = []
        var emptyOfKind = Array(repeating: [Int](), count: hostCount)
        var nextEmpty = Array(repeating: 1, count: hostCount)
        for h in 0..<hostCount where !round.blocked[h] {
            if !shortcut || round.state.vmCount[h] > 0 {
                unblocked.append(h)
            } else {
                if emptyOfKind[hostKind[h]].isEmpty { unblocked.append(h) }
                emptyOfKind[hostKind[h]].append(h)
            }
        }
        for (v, source) in leaving {
            let need = round.cpuDemand(v, cpu: cpu)
            // A VM no larger than the smallest core fits every core: skip the per-VM filter.
            let candidates = need <= smallestCore + 1e-9 ? unblocked : unblocked.filter { need <= hostCoreMIPS[$0] + 1e-9 }
            if let target = round.destination.destination(for: v, candidates: candidates, state: round.state, context: round.context) {
                if shortcut && round.state.vmCount[target] == 0 {
                    let kind = hostKind[target]
                    if nextEmpty[kind] < emptyOfKind[kind].count {
                        let joining = emptyOfKind[kind][nextEmpty[kind]]
                        nextEmpty[kind] += 1
                        unblocked.insert(joining, at: unblocked.firstIndex { $0 > joining } ?? unblocked.count)
                    }
                }
                round.settle(v, from: source, on: target)
            } else {
                round.settle(v, from: source, on: nil)
            }
        }
    }

    /// The cold-spot threshold: the configuration's, else the policy's (`nil` = CloudSim's rule).
    var underloadThreshold: Double? { configuration.underloadThreshold ?? policy.underloadThreshold }

    /// 2. Cold spots: the least-loaded active hosts are drained, all their VMs or none; drained
    /// hosts and the hosts receiving their VMs are neither drained nor (drained hosts) targets.
    func drainColdSpots(_ round: inout DecisionRound) {
        var excludedSource = round.blocked
        for h in round.switchedOff { excludedSource[h] = true }
        var excludedTarget = excludedSource
        var candidatesBySize: [(host: Int, u: Double)] = []
        for h in 0..<hostCount where !excludedSource[h] && round.state.vmCount[h] > 0 {
            candidatesBySize.append((host: h, u: round.state.load(host: h, dimension: cpu) / hostMIPS[h]))
        }
        candidatesBySize.sort { (a: (host: Int, u: Double), b: (host: Int, u: Double)) -> Bool in
            a.u != b.u ? a.u < b.u : a.host < b.host
        }
        if let index = placementIndex {
            let vmCount = round.state.vmCount
            round.index(index) { !excludedTarget[$0] && vmCount[$0] > 0 }
        }
        for (h, u) in candidatesBySize {
            if excludedSource[h] { continue }
            if let threshold = underloadThreshold, u >= threshold { break }
            excludedSource[h] = true
            excludedTarget[h] = true
            round.index?.remove(host: h)
            guard let drained = drain(host: h, utilisation: u, excludedTarget: excludedTarget, in: &round) else { continue }
            for (v, target) in drained {
                round.moves.append((v, h, target))
                excludedSource[target] = true
            }
        }
    }

    /// Tries to move every VM of `h` to active hosts not excluded; the moves, or `nil` (state
    /// restored) when one VM fits nowhere or the saving is within the margin.
    func drain(host h: Int, utilisation u: Double, excludedTarget: [Bool], in round: inout DecisionRound) -> [(vm: Int, to: Int)]? {
        let k = round.step
        let vms = round.book.vmsOnHost[h]
        if vms.isEmpty || !vms.allSatisfy({ movable($0, step: k) }) { return nil }
        let cpu = self.cpu
        let ordered = vms.sorted { (a, b) in
            let da = round.cpuDemand(a, cpu: cpu), db = round.cpuDemand(b, cpu: cpu)
            return da != db ? da > db : a < b
        }
        let smallestCore = self.smallestCore
        let limits = [configuration.drainCeiling ?? policy.drainCeiling, round.detector.overloadedAbove].compactMap { $0 }
        let drainLimit = limits.min()
        let targets = round.index != nil ? [] : (0..<hostCount).filter { !excludedTarget[$0] && round.state.vmCount[$0] > 0 }
        var tentative: [(vm: Int, to: Int)] = []
        var increase = 0.0
        var failed = false
        for v in ordered {
            let need = round.cpuDemand(v, cpu: cpu)
            round.take(v, from: h)
            let chosen = destination(for: v, need: need, by: round.drainDestination, utilisationLimit: drainLimit, in: round) {
                need <= smallestCore + 1e-9 ? targets : targets.filter { need <= hostCoreMIPS[$0] + 1e-9 }
            }
            guard let target = chosen else {
                round.put(v, on: h)
                failed = true
                break
            }
            let before = power(target, round.state.load(host: target, dimension: cpu) / hostMIPS[target])
            round.put(v, on: target)
            increase += power(target, round.state.load(host: target, dimension: cpu) / hostMIPS[target]) - before
            tentative.append((v, target))
        }
        if !failed, let margin, power(h, u) - increase <= margin { failed = true }
        guard failed else { return tentative }
        for (v, target) in tentative.reversed() {
            round.take(v, from: target)
            round.put(v, on: h)
        }
        return nil
    }
}

/// A catalogue "where" offered only the candidates that stay under the trigger after the move
/// (an empty host is not checked, as in PABFD).
struct CheckedDestination: DestinationPolicy {
    let base: any DestinationPolicy
    let overloadedAfterPlacing: PowerAwareBestFit.OverloadCheck
    let cpu: Int
    var name: String { base.name }
    var summary: String { base.summary + ", under the trigger" }
    var citation: String { base.citation }
    func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        let allowed = candidates.filter { host in
            state.load(host: host, dimension: cpu) == 0 || !overloadedAfterPlacing(vm, host, state)
        }
        return base.destination(for: vm, candidates: allowed, state: state, context: context)
    }
}
