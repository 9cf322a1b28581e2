import Heuristics
import PlacementModel

/// One decision step exactly as CloudSim 4.0's `PowerVmAllocationPolicyMigrationAbstract`
/// takes it (`--cloudsim-faithful`), with the behaviours vmplace's own loop does not copy:
///
/// * **Stale snapshot.** `findHostForVm` ranks hosts by `getPower(live + vm) − host.getPower()`,
///   and `host.getPower()` is the power at the host's utilisation at the start of the round
///   (set by `updateVmsProcessing`, not by the tentative `vmCreate` of the round); switched-off
///   and under-utilised hosts come from the same snapshot. Capacity (`isSuitableForVm`), the
///   allocated MIPS (`getUtilizationOfCpuMips`) and the detector's check are live.
/// * **10 % reservation in the power estimate.** A VM still migrating in is allocated 10 % of
///   its MIPS and `getUtilizationOfCpuMips` adds the other 90 % back (the live load here counts
///   it in full); the snapshot counts 10 %.
/// * **Hot-spot destinations can be drained.** The cold-spot phase excludes the hosts of a
///   migration list that is still empty at that point, so a VM placed on a host in the hot-spot
///   phase can leave it again in the same round: two entries, two migrations counted.
/// * No energy margin, no drain ceiling, CloudSim's stable sort of VMs by CPU (ties keep order);
///   an explicit cold-spot threshold (`--underload`) still limits the drained hosts.
///
/// - Complexity: O(V·M) per round for V VMs placed and M hosts.
struct CloudSimRound {
    /// Each host's CPU MIPS in the snapshot (allocated: 10 % of a VM still migrating in).
    let snapshotMIPS: [Double]
}

extension Engine {
    /// The snapshot of step `k`: CPU allocated per host (capped at capacity, as CloudSim's
    /// over-subscription scheduler does) with VMs still migrating in at 10 %.
    func cloudSimSnapshot(step k: Int) -> CloudSimRound {
        var snapshot = Array(repeating: 0.0, count: hostCount)
        for v in 0..<vmCount where present[v] {
            guard let h = hostOf[v] else { continue }
            let d = demand(v, k)
            if busyUntil[v] >= k && lastMove[v] < k {
                snapshot[h] += 0.1 * d
            } else {
                snapshot[h] += d
            }
        }
        for h in 0..<hostCount { snapshot[h] = min(snapshot[h], hostMIPS[h]) }
        return CloudSimRound(snapshotMIPS: snapshot)
    }

    mutating func optimiseCloudSim(step k: Int, book: HostBook) -> [Move] {
        guard let detector = policy.detector, let selection = policy.selection else { return [] }
        var round = beginRound(step: k, current: decisionInstance(step: k), book: book, detector: detector)
        let snapshot = cloudSimSnapshot(step: k)
        let overloaded = round.activeAtStart.filter { round.detector.isOverloaded(observe($0, round)) }
        var leaving = selectLeaving(overloaded, in: &round, selection: selection)
        stableSortByDemand(&leaving, round)
        var excluded = Array(repeating: false, count: hostCount)
        for h in overloaded { excluded[h] = true }
        for h in 0..<hostCount where round.blocked[h] { excluded[h] = true }
        for (v, source) in leaving {
            round.settle(v, from: source, on: cloudSimDestination(for: v, excluded: excluded, snapshot: snapshot, round: round))
        }
        if policy.consolidateUnderloaded { drainCloudSim(overloaded: overloaded, snapshot: snapshot, round: &round) }
        return round.moves
    }

    /// The selection takes one VM at a time from each hot spot until the detector clears it.
    func selectLeaving(_ overloaded: [Int], in round: inout DecisionRound, selection: any VMSelectionPolicy) -> [(vm: Int, from: Int)] {
        var leaving: [(vm: Int, from: Int)] = []
        for h in overloaded {
            while true {
                let order = selection.order(vmsOn: h, state: round.state, context: round.context).filter { movable($0, step: round.step) }
                guard let v = order.first else { break }
                round.take(v, from: h)
                leaving.append((v, h))
                if !round.detector.isOverloaded(observe(h, round)) { break }
            }
        }
        return leaving
    }

    /// `PowerVmList.sortByCpuUtilization`: decreasing CPU, a stable sort (Java's `Collections.sort`).
    func stableSortByDemand<T>(_ list: inout [T], _ round: DecisionRound, vm: (T) -> Int) {
        let cpu = self.cpu
        list = list.enumerated().sorted { a, b in
            let da = round.cpuDemand(vm(a.element), cpu: cpu), db = round.cpuDemand(vm(b.element), cpu: cpu)
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
    }

    func stableSortByDemand(_ list: inout [(vm: Int, from: Int)], _ round: DecisionRound) {
        stableSortByDemand(&list, round) { $0.vm }
    }

    /// CloudSim's `findHostForVm`: hosts in order; suitable (live capacity, one core); the
    /// overload check when the host's live allocated MIPS are not 0; the strict minimum of
    /// `getPower(live + vm) − getPower(snapshot)` — the subtrahend is the stale snapshot, so a
    /// host that already took VMs this round looks that much dearer.
    func cloudSimDestination(for v: Int, excluded: [Bool], snapshot: CloudSimRound, round: DecisionRound) -> Int? {
        let need = round.cpuDemand(v, cpu: cpu)
        var best: Int?
        var bestIncrease = Double.greatestFiniteMagnitude
        for h in 0..<hostCount where !excluded[h] && need <= hostCoreMIPS[h] + 1e-9 {
            let live = round.state.load(host: h, dimension: cpu)
            let after = (live + need) / hostMIPS[h]
            let before = snapshot.snapshotMIPS[h] / hostMIPS[h]
            // CloudSim's power model throws above 100 %: such a host is skipped.
            guard after <= 1 + 1e-12, before <= 1.01 else { continue }
            let increase = power(h, after) - power(h, min(1, before))
            // Only a strictly smaller increase can win, so the checks run only for such a host.
            guard increase < bestIncrease, round.state.canPlace(vm: v, on: h) else { continue }
            if live != 0, round.detector.isOverloaded(round.book.observation(host: h, load: live + need, adding: v)) { continue }
            bestIncrease = increase
            best = h
        }
        return best
    }

    /// CloudSim's `getMigrationMapFromUnderUtilizedHosts`, snapshot rules and its empty-list bug.
    func drainCloudSim(overloaded: [Int], snapshot: CloudSimRound, round: inout DecisionRound) {
        var excludedUnder = Array(repeating: false, count: hostCount)
        var excludedPlacement = Array(repeating: false, count: hostCount)
        for h in overloaded { excludedUnder[h] = true; excludedPlacement[h] = true }
        for h in 0..<hostCount where snapshot.snapshotMIPS[h] == 0 || round.blocked[h] {
            excludedUnder[h] = true
            excludedPlacement[h] = true
        }
        var excludedCount = excludedUnder.filter { $0 }.count
        func exclude(_ h: Int) {
            if !excludedUnder[h] { excludedUnder[h] = true; excludedCount += 1 }
        }
        while excludedCount < hostCount {
            guard let h = underUtilisedHost(excluded: excludedUnder, snapshot: snapshot, round: round) else { break }
            exclude(h)
            excludedPlacement[h] = true
            var vms = round.book.vmsOnHost[h].filter { movable($0, step: round.step) }
            if vms.isEmpty { continue }
            stableSortByDemand(&vms, round) { $0 }
            var tentative: [(vm: Int, to: Int)] = []
            for v in vms {
                round.take(v, from: h)
                guard let target = cloudSimDestination(for: v, excluded: excludedPlacement, snapshot: snapshot, round: round) else {
                    round.put(v, on: h)
                    for (moved, to) in tentative.reversed() {
                        round.take(moved, from: to)
                        round.put(moved, on: h)
                    }
                    tentative = []
                    break
                }
                round.put(v, on: target)
                tentative.append((v, target))
            }
            for (v, target) in tentative {
                round.moves.append((v, h, target))
                exclude(target)
            }
        }
    }

    /// `getUnderUtilizedHost`: the least snapshot utilisation in (0, 1), host order on ties,
    /// skipping hosts whose VMs are all migrating (or none is left).
    func underUtilisedHost(excluded: [Bool], snapshot: CloudSimRound, round: DecisionRound) -> Int? {
        var best: Int?
        var least = 1.0
        for h in 0..<hostCount where !excluded[h] {
            let u = snapshot.snapshotMIPS[h] / hostMIPS[h]
            guard u > 0, u < least, underloadThreshold.map({ u < $0 }) ?? true else { continue }
            guard let first = round.book.vmsOnHost[h].first, movable(first, step: round.step) else { continue }
            least = u
            best = h
        }
        return best
    }
}
