import PlacementModel

/// Local search that empties hosts of a packing: the host in use with the least normalised load
/// is emptied by moving each of its VMs (largest first) to another host in use — directly, by
/// best fit, or, when no host has room, by a swap: the VM replaces a smaller VM of another host,
/// which itself moves by best fit to a third host in use. If every VM of the host finds a place,
/// the host is freed and the search restarts; otherwise its moves are undone and the next host
/// is tried. Ends when none of the `maxTargets` least loaded hosts can be emptied, the work
/// limit is reached or the hosts in use are down to `lowerBound` (e.g. ``HostLowerBound``).
///
/// Bin-elimination and swap neighbourhoods for bin packing: Alvim, Ribeiro, Glover, Aloise,
/// "A hybrid improvement heuristic for the one-dimensional bin packing problem" (J. Heuristics,
/// 2004); Levine & Ducatelle (JORS, 2004), local search by exchanges.
///
/// - Complexity: O(min(W, r·t·v·b·v·b)·d) for r restarts, t = maxTargets, b hosts in use, v VMs
///   per host and W = workLimit fit tests (most fit tests are a capacity test on flat arrays),
///   plus O(m log m) per restart and O(v) per move for the hosts' VM lists.
public enum HostElimination {
    /// The improved placement (or `placement` itself when no host can be emptied) and the number
    /// of hosts emptied. VMs unplaced in `placement` stay unplaced.
    /// `maxTargets` hosts (least loaded first) are tried per pass and at most `workLimit` fit
    /// tests are made in all, so the effort is bounded and deterministic.
    public static func improve(_ instance: Instance, _ placement: Placement, maxRestarts: Int = 1000,
                               maxTargets: Int = 64, workLimit: Int = 2_000_000, lowerBound: Int = 0) -> (placement: Placement, emptied: Int) {
        var packing = Search(state: PackingState(instance: instance, startingFrom: placement))
        let usedBefore = packing.state.vmCount.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let scale = instance.largestCapacity
        let size = instance.vms.indices.map { instance.size(of: $0, measure: .sum, scale: scale) }
        var emptied = 0
        var restarts = 0
        var blocked = Set<Int>()   // hosts that could not be emptied since the last success
        var work = 0
        search: while restarts < maxRestarts && usedBefore - emptied > lowerBound {
            restarts += 1
            var used = instance.hosts.indices.filter { packing.state.vmCount[$0] > 0 && !blocked.contains($0) }
            var load = [Double](repeating: 0, count: instance.hosts.count)
            for h in used { load[h] = packing.loadKey(h) }
            // Fewest VMs first (fewest to re-home), then least loaded.
            let count = packing.state.vmCount
            used.sort { count[$0] != count[$1] ? count[$0] < count[$1]
                : load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }
            for target in used.prefix(maxTargets) where work < workLimit {
                let vms = packing.members[target].sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
                if vms.contains(where: { instance.vms[$0].pinned }) || !instance.affinity.isEmpty && vms.count > 1 { blocked.insert(target); continue }
                let others = instance.hosts.indices.filter { $0 != target && packing.state.vmCount[$0] > 0 }
                var journal: [(vm: Int, from: Int)] = []
                var ok = true
                for vm in vms {
                    packing.remove(vm)
                    journal.append((vm, target))
                    work += others.count
                    if let h = packing.bestFit(vm, others) { packing.place(vm, on: h); continue }
                    // Swap: vm takes the place of a smaller w on g; w goes to a third host.
                    // g's member list is the same after every failed try, so it is walked in place.
                    var swapped = false
                    swapSearch: for g in others {
                        guard work < workLimit else { break swapSearch }
                        var j = 0
                        while j < packing.members[g].count {
                            let w = packing.members[g][j]
                            j += 1
                            guard size[w] < size[vm] && !instance.vms[w].pinned else { continue }
                            work += 1
                            guard packing.state.mayFit(vm: vm, on: g, leaving: w) else { continue }
                            packing.remove(w)
                            if packing.state.canPlace(vm: vm, on: g) {
                                packing.place(vm, on: g)
                                work += others.count
                                if let third = packing.bestFit(w, others, excluding: g) {
                                    packing.place(w, on: third)
                                    journal.append((w, g))
                                    swapped = true
                                    break swapSearch
                                }
                                packing.remove(vm)
                            }
                            packing.place(w, on: g)
                        }
                    }
                    if !swapped { packing.place(vm, on: target); journal.removeLast(); ok = false; break }
                }
                if ok {
                    emptied += 1
                    blocked.removeAll()
                    continue search
                }
                for (vm, from) in journal.reversed() { packing.remove(vm); packing.place(vm, on: from) }
                blocked.insert(target)
            }
            break
        }
        return (packing.state.placement, emptied)
    }

    /// The packing with each host's VMs in index order (what ``PackingState/vms(on:)`` returns,
    /// kept up to date in O(v) per move instead of an O(n) scan).
    struct Search {
        var state: PackingState
        var members: [[Int]]
        let d: Int

        init(state: PackingState) {
            self.state = state
            d = state.instance.dimensionCount
            var lists = [[Int]](repeating: [], count: state.instance.hosts.count)
            for (vm, host) in state.placement.hostOfVM.enumerated() { if let host { lists[host].append(vm) } }
            members = lists
        }

        mutating func remove(_ vm: Int) {
            guard let host = state.placement[vm] else { return }
            state.remove(vm: vm)
            if let i = members[host].firstIndex(of: vm) { members[host].remove(at: i) }
        }

        mutating func place(_ vm: Int, on host: Int) {
            state.place(vm: vm, on: host)
            let i = members[host].firstIndex { $0 > vm } ?? members[host].count
            members[host].insert(vm, at: i)
        }

        /// Σ utilisation of `host` over dimensions.
        func loadKey(_ host: Int) -> Double {
            var total = 0.0
            for k in 0..<d {
                let capacity = state.capacityFlat[host * d + k]
                total += capacity > 0 ? state.load[host * d + k] / capacity : 0
            }
            return total
        }

        /// Best fit among `hosts`: least Σ normalised residual left after `vm` joins. Hosts
        /// without room by capacity are skipped on the flat arrays before the full rule check.
        func bestFit(_ vm: Int, _ hosts: [Int], excluding: Int = -1) -> Int? {
            let d = d
            let plain = !state.hasSharing
            var chosen: Int? = nil
            var chosenKey = 0.0
            state.load.withUnsafeBufferPointer { load in
                state.capacityFlat.withUnsafeBufferPointer { capacity in
                    state.demandFlat.withUnsafeBufferPointer { demand in
                        candidates: for h in hosts where h != excluding {
                            if plain {
                                for k in 0..<d {
                                    let limit = capacity[h * d + k]
                                    if load[h * d + k] + demand[vm * d + k] > limit + 1e-9 * max(1, abs(limit)) { continue candidates }
                                }
                            }
                            guard state.canPlace(vm: vm, on: h) else { continue }
                            var key = 0.0
                            for k in 0..<d {
                                let c = capacity[h * d + k]
                                key += 1 - (c > 0 ? (load[h * d + k] + demand[vm * d + k]) / c : 0)
                            }
                            if chosen == nil || key < chosenKey { chosen = h; chosenKey = key }
                        }
                    }
                }
            }
            return chosen
        }
    }
}
