import PlacementModel

/// Local search that empties hosts of a packing: the host in use with the least normalised load
/// is emptied by moving each of its VMs (largest first) to another host in use — directly, by
/// best fit, or, when no host has room, by a swap: the VM replaces a smaller VM of another host,
/// which itself moves by best fit to a third host in use. If every VM of the host finds a place,
/// the host is freed and the search restarts; otherwise its moves are undone and the next host
/// is tried. Ends when none of the `maxTargets` least loaded hosts can be emptied or the work
/// limit is reached.
///
/// Bin-elimination and swap neighbourhoods for bin packing: Alvim, Ribeiro, Glover, Aloise,
/// "A hybrid improvement heuristic for the one-dimensional bin packing problem" (J. Heuristics,
/// 2004); Levine & Ducatelle (JORS, 2004), local search by exchanges.
///
/// - Complexity: O(min(W, r·t·v·b·v·b)·d) for r restarts, t = maxTargets, b hosts in use, v VMs
///   per host and W = workLimit fit tests (plus O(n) per host listing).
public enum HostElimination {
    /// The improved placement (or `placement` itself when no host can be emptied) and the number
    /// of hosts emptied. VMs unplaced in `placement` stay unplaced.
    /// `maxTargets` hosts (least loaded first) are tried per pass and at most `workLimit` fit
    /// tests are made in all, so the effort is bounded and deterministic.
    public static func improve(_ instance: Instance, _ placement: Placement, maxRestarts: Int = 1000,
                               maxTargets: Int = 64, workLimit: Int = 2_000_000) -> (placement: Placement, emptied: Int) {
        var state = PackingState(instance: instance, startingFrom: placement)
        let scale = instance.largestCapacity
        let size = instance.vms.indices.map { instance.size(of: $0, measure: .sum, scale: scale) }
        var emptied = 0
        var restarts = 0
        var blocked = Set<Int>()   // hosts that could not be emptied since the last success
        var work = 0
        search: while restarts < maxRestarts {
            restarts += 1
            var used = instance.hosts.indices.filter { state.vmCount[$0] > 0 && !blocked.contains($0) }
            let load = Dictionary(uniqueKeysWithValues: used.map { ($0, GoalSupport.loadKey(state, $0)) })
            // Fewest VMs first (fewest to re-home), then least loaded.
            used.sort { state.vmCount[$0] != state.vmCount[$1] ? state.vmCount[$0] < state.vmCount[$1]
                : load[$0]! != load[$1]! ? load[$0]! < load[$1]! : $0 < $1 }
            for target in used.prefix(maxTargets) where work < workLimit {
                let vms = state.vms(on: target).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
                if vms.contains(where: { instance.vms[$0].pinned }) || !instance.affinity.isEmpty && vms.count > 1 { blocked.insert(target); continue }
                let others = instance.hosts.indices.filter { $0 != target && state.vmCount[$0] > 0 }
                var journal: [(vm: Int, from: Int)] = []
                var ok = true
                for vm in vms {
                    state.remove(vm: vm)
                    journal.append((vm, target))
                    work += others.count
                    if let h = bestFit(vm, others, state) { state.place(vm: vm, on: h); continue }
                    // Swap: vm takes the place of a smaller w on g; w goes to a third host.
                    var swapped = false
                    swapSearch: for g in others {
                        guard work < workLimit else { break swapSearch }
                        for w in state.vms(on: g) where size[w] < size[vm] && !instance.vms[w].pinned {
                            work += 1
                            state.remove(vm: w)
                            if state.canPlace(vm: vm, on: g) {
                                state.place(vm: vm, on: g)
                                work += others.count
                                if let third = bestFit(w, others, state, excluding: g) {
                                    state.place(vm: w, on: third)
                                    journal.append((w, g))
                                    swapped = true
                                    break swapSearch
                                }
                                state.remove(vm: vm)
                            }
                            state.place(vm: w, on: g)
                        }
                    }
                    if !swapped { state.place(vm: vm, on: target); journal.removeLast(); ok = false; break }
                }
                if ok {
                    emptied += 1
                    blocked.removeAll()
                    continue search
                }
                for (vm, from) in journal.reversed() { state.remove(vm: vm); state.place(vm: vm, on: from) }
                blocked.insert(target)
            }
            break
        }
        return (state.placement, emptied)
    }

    /// Best fit among `hosts`: least normalised residual left.
    static func bestFit(_ vm: Int, _ hosts: [Int], _ state: PackingState, excluding: Int = -1) -> Int? {
        var chosen: Int? = nil
        var chosenKey = 0.0
        for h in hosts where h != excluding && state.canPlace(vm: vm, on: h) {
            let key = state.residualSum(host: h, adding: vm)
            if chosen == nil || key < chosenKey { chosen = h; chosenKey = key }
        }
        return chosen
    }
}
