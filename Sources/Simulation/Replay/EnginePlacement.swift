import Heuristics
import PlacementModel

extension Engine {
    // MARK: - Placement of arriving VMs

    /// Places `vms` (index order); returns those that fit nowhere. Initial placement follows
    /// CloudSim: with the VMs' full MIPS; NPA/DVFS first fit; dynamic policies PABFD evaluated
    /// against idle hosts (CloudSim's utilisation snapshot is zero at creation), i.e. first fit in
    /// order of least power increase from idle.
    ///
    /// - Complexity: O(N·M) worst case; O(N + T·M) without placement rules, T distinct demands.
    mutating func place(_ vms: [Int], step: Int, initial: Bool) -> [Int] {
        guard !vms.isEmpty else { return [] }
        var state = PackingState(instance: instance(step: step, fullDemand: initial), startingFrom: Placement(hostOfVM: hostOf))
        var failed: [Int] = []
        var orderCache: [Double: [Int]] = [:]
        let template = cluster.template
        let resumable = cluster.interchangeableEmptyHosts && template.antiAffinity.isEmpty && template.affinity.isEmpty
            && template.sharedMemory.isEmpty
        var resume: [[Double]: Int] = [:]
        let dynamicPolicy = policy.kind != .nonPowerAware && policy.kind != .dvfs
        let index = !initial && dynamicPolicy ? standaloneIndex(state: state) { _ in true } : nil
        for v in vms {
            let need = initial ? vmMIPS[v] : demand(v, step)
            var chosen: Int?
            if initial || !dynamicPolicy {
                let order: [Int]
                if dynamicPolicy {
                    if let cached = orderCache[vmMIPS[v]] { order = cached } else {
                        let increase = (0..<hostCount).map { power($0, vmMIPS[v] / hostMIPS[$0]) - power($0, 0) }
                        order = (0..<hostCount).sorted { increase[$0] != increase[$1] ? increase[$0] < increase[$1] : $0 < $1 }
                        orderCache[vmMIPS[v]] = order
                    }
                } else {
                    order = Array(0..<hostCount)
                }
                // Hosts only fill up here, so for VMs of one demand (and no rules) the first host
                // that fits never moves back: the scan resumes where the last one of them stopped.
                let key = resumable ? state.instance.vms[v].demand.values : []
                var position = resume[key] ?? 0
                while position < order.count {
                    let h = order[position]
                    if need <= hostCoreMIPS[h] + 1e-9 && state.canPlace(vm: v, on: h) { break }
                    position += 1
                }
                if resumable { resume[key] = position }
                chosen = position < order.count ? order[position] : nil
            } else {
                chosen = arrivalDestination(for: v, need: need, state: state, step: step, index: index)
            }
            if let chosen {
                state.place(vm: v, on: chosen)
                index?.update(host: chosen, load: state.load(host: chosen, dimension: cpu))
                hostOf[v] = chosen
            } else {
                failed.append(v)
            }
        }
        return failed
    }

    /// An index over the hosts `isMember` accepts with their CPU loads in `state`, for PABFD
    /// outside a decision round (arrivals, evacuations; the round's own index when there is one,
    /// reset); `nil` where the scan answers (the exhaustive replay, CloudSim's arithmetic).
    func standaloneIndex(state: PackingState, hosts isMember: (Int) -> Bool) -> PowerAwareBestFitIndex? {
        guard !exhaustive, let stretches else { return nil }
        let index = placementIndex ?? PowerAwareBestFitIndex(stretches: stretches)
        index.removeAll()
        for h in 0..<hostCount where isMember(h) { index.insert(host: h, load: state.load(host: h, dimension: cpu)) }
        return index
    }

    /// PABFD for a VM arriving after the start, with the detector's check on the utilisation now:
    /// from `index` (every host a member) when there is one, else a scan.
    func arrivalDestination(for v: Int, need: Double, state: PackingState, step: Int, index: PowerAwareBestFitIndex?) -> Int? {
        let check: PowerAwareBestFit.OverloadCheck? = policy.detector.map { detector in
            let hostMIPS = self.hostMIPS
            let cpu = self.cpu
            return { vm, host, state in
                let u = (state.load(host: host, dimension: cpu) + state.instance.vms[vm].demand[cpu]) / hostMIPS[host]
                return detector.isOverloaded(HostObservation(utilisation: u, history: []))
            }
        }
        let pabfd = PowerAwareBestFit(overloadedAfterPlacing: check, stretches: stretches)
        let hostCoreMIPS = self.hostCoreMIPS
        if let index {
            return pabfd.destination(for: v, index: index, admits: { need <= hostCoreMIPS[$0] + 1e-9 },
                                     utilisationLimit: policy.detector?.overloadedAbove, state: state, context: context(step: step))
        }
        let candidates = (0..<hostCount).filter { need <= hostCoreMIPS[$0] + 1e-9 }
        return pabfd.destination(for: v, candidates: candidates, state: state, context: context(step: step))
    }

    // MARK: - Evacuation for maintenance

    mutating func evacuateVMs(_ vms: [Int], step: Int) -> [Move] {
        var state = PackingState(instance: instance(step: step), startingFrom: Placement(hostOfVM: hostOf))
        var moves: [Move] = []
        let policyContext = context(step: step)
        let pabfd = PowerAwareBestFit(stretches: stretches)
        let unavailable = inMaintenance.union(notYetAdded)
        let index = standaloneIndex(state: state) { !unavailable.contains($0) }
        let hostCoreMIPS = self.hostCoreMIPS
        for v in vms {
            guard let source = hostOf[v] else { continue }
            state.remove(vm: v)
            let need = demand(v, step)
            let target: Int?
            if let index {
                target = pabfd.destination(for: v, index: index, admits: { need <= hostCoreMIPS[$0] + 1e-9 }, state: state, context: policyContext)
            } else {
                let candidates = (0..<hostCount).filter { !unavailable.contains($0) && need <= hostCoreMIPS[$0] + 1e-9 }
                target = pabfd.destination(for: v, candidates: candidates, state: state, context: policyContext)
            }
            if let target {
                state.place(vm: v, on: target)
                index?.update(host: target, load: state.load(host: target, dimension: cpu))
                moves.append((v, source, target))
            } else {
                state.place(vm: v, on: source)
            }
        }
        return moves
    }
}
