import PlacementModel

/// Local search that frees hosts of a packing by dominance exchanges: the VMs of `q` hosts in use
/// (q = 1, 2; targets tried from the least loaded) are taken out into a pool; every other host in
/// use is then made fuller by taking pool VMs — directly, or by exchanging one or two of its VMs
/// for one or two pool VMs of larger total normalised size (1-1, 1-2, 2-1, 2-2) — so the pool
/// shrinks in size and holds ever smaller VMs; finally the pool is packed by first fit decreasing
/// into the `q` emptied hosts. The result is kept when it uses fewer than `q` of them, otherwise
/// the state is restored and the next targets are tried. Repeats until no target succeeds or the
/// work limit is reached.
///
/// The exchange step is the local optimisation of Falkenauer's grouping genetic algorithm
/// ("A hybrid grouping genetic algorithm for bin packing", J. Heuristics, 1996), as used by
/// Levine & Ducatelle ("Ant colony optimization and local search for bin packing and cutting
/// stock problems", JORS, 2004); "fuller" is the sum of demands normalised by the largest
/// capacity per dimension.
///
/// Deterministic: hosts, VMs and pairs are scanned in a fixed order (ties by index). VMs that are
/// pinned never move; instances with affinity rules are returned unchanged. Every move is checked
/// with ``PackingState/canPlace(vm:on:capacityFraction:)`` (all rules).
///
/// - Complexity: O(min(W, ·)·d) where W = `workLimit` counts pair tests and fit checks; one
///   exchange pass over b hosts in use with v VMs each and a pool of p VMs costs O(b·v²·p²·d).
public enum DominanceReinsertion {
    /// The improved placement and the number of hosts freed. VMs unplaced in `placement` stay
    /// unplaced. `workLimit` defaults to 2000 per VM.
    public static func improve(_ instance: Instance, _ placement: Placement, maxTargets: Int = 24,
                               workLimit: Int? = nil) -> (placement: Placement, emptied: Int) {
        guard instance.affinity.isEmpty, instance.dimensionCount > 0 else { return (placement, 0) }
        let n = instance.vms.count
        let d = instance.dimensionCount
        let limit = workLimit ?? 2000 * max(n, 1)
        let scale = instance.largestCapacity
        let size = instance.vms.indices.map { instance.size(of: $0, measure: .sum, scale: scale) }
        let movable = instance.vms.map { !$0.pinned }
        let plainArithmetic = instance.sharedMemory.isEmpty
        var search = Search(state: PackingState(instance: instance, startingFrom: placement), d: d, size: size, movable: movable,
                            plain: plainArithmetic, work: 0, limit: limit)
        let usedBefore = Set(placement.hostOfVM.compactMap { $0 }).count
        var blocked = Set<[Int]>()
        outer: while search.work < search.limit {
            var used = instance.hosts.indices.filter { search.state.vmCount[$0] > 0 }
            let load = used.map { h in search.members[h].reduce(0.0) { $0 + size[$1] } }
            let loadOf = Dictionary(uniqueKeysWithValues: zip(used, load))
            used.sort { loadOf[$0]! != loadOf[$1]! ? loadOf[$0]! < loadOf[$1]! : $0 < $1 }
            var attempts: [[Int]] = []
            for i in 0..<min(maxTargets, used.count) {
                attempts.append([used[i]])
                if i + 1 < used.count { attempts.append([used[i], used[i + 1]]) }
            }
            for targets in attempts where !blocked.contains(targets) {
                guard search.work < search.limit else { break outer }
                if targets.contains(where: { h in search.members[h].contains { !movable[$0] } }) { blocked.insert(targets); continue }
                let saved = search
                if search.free(targets) {
                    blocked.removeAll()
                    continue outer
                }
                let work = search.work
                search = saved
                search.work = work
                blocked.insert(targets)
            }
            break
        }
        let result = search.state.placement
        return (result, usedBefore - Set(result.hostOfVM.compactMap { $0 }).count)
    }

    struct Search {
        var state: PackingState
        let d: Int
        let size: [Double]
        let movable: [Bool]
        let plain: Bool
        var work: Int
        let limit: Int
        var members: [[Int]]

        init(state: PackingState, d: Int, size: [Double], movable: [Bool], plain: Bool, work: Int, limit: Int) {
            self.state = state; self.d = d; self.size = size; self.movable = movable; self.plain = plain
            self.work = work; self.limit = limit
            var lists = [[Int]](repeating: [], count: state.instance.hosts.count)
            for (vm, host) in state.placement.hostOfVM.enumerated() { if let host { lists[host].append(vm) } }
            members = lists
        }

        mutating func move(_ vm: Int, to host: Int) {
            if let from = state.placement[vm] {
                state.remove(vm: vm)
                if let i = members[from].firstIndex(of: vm) { members[from].remove(at: i) }
            }
            state.place(vm: vm, on: host)
            members[host].append(vm)
        }

        mutating func takeOut(_ vm: Int) {
            guard let from = state.placement[vm] else { return }
            state.remove(vm: vm)
            if let i = members[from].firstIndex(of: vm) { members[from].remove(at: i) }
        }

        /// Arithmetic pre-test: host `h` without `out` and with `into` stays within capacity
        /// (exact without memory sharing; skipped, i.e. true, with it).
        func plausible(_ h: Int, out: [Int], into: [Int]) -> Bool {
            guard plain else { return true }
            let capacity = state.instance.hosts[h].capacity.values
            for k in 0..<d {
                var value = state.load[h * d + k]
                for vm in out { value -= state.instance.vms[vm].demand.values[k] }
                for vm in into { value += state.instance.vms[vm].demand.values[k] }
                if value > capacity[k] + 1e-9 * Swift.max(1, abs(capacity[k])) { return false }
            }
            return true
        }

        /// Exchanges `out` (on `h`) for `into` (pool) when every rule allows; true if done.
        mutating func exchange(_ h: Int, out: [Int], into: [Int]) -> Bool {
            work += 1
            guard plausible(h, out: out, into: into) else { return false }
            for vm in out { takeOut(vm) }
            var placed: [Int] = []
            for vm in into {
                work += 1
                guard state.canPlace(vm: vm, on: h) else {
                    for p in placed.reversed() { takeOut(p) }
                    for vm in out { move(vm, to: h) }
                    return false
                }
                move(vm, to: h)
                placed.append(vm)
            }
            return true
        }

        /// Empties `targets` into a pool, exchanges, repacks; true when fewer than
        /// `targets.count` of them remain in use.
        mutating func free(_ targets: [Int]) -> Bool {
            var pool: [Int] = []
            for t in targets { pool += members[t] }
            for vm in pool { takeOut(vm) }
            let targetSet = Set(targets)
            let others = state.instance.hosts.indices.filter { state.vmCount[$0] > 0 && !targetSet.contains($0) }
            let size = size
            func sortPool() { pool.sort { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 } }
            sortPool()
            var changed = true
            while changed && !pool.isEmpty && work < limit {
                changed = false
                for h in others where !pool.isEmpty && work < limit {
                    // Direct moves, largest pool VM first.
                    var i = 0
                    while i < pool.count {
                        work += 1
                        if plausible(h, out: [], into: [pool[i]]) && state.canPlace(vm: pool[i], on: h) {
                            move(pool[i], to: h)
                            pool.remove(at: i)
                            changed = true
                        } else { i += 1 }
                    }
                    if pool.isEmpty { break }
                    if improveHost(h, pool: &pool) { changed = true; sortPool() }
                }
            }
            if pool.isEmpty { return true }
            // First fit decreasing of the pool into the emptied targets.
            var usedTargets = Set<Int>()
            for vm in pool {
                var placed = false
                for t in targets {
                    work += 1
                    if state.canPlace(vm: vm, on: t) { move(vm, to: t); usedTargets.insert(t); placed = true; break }
                }
                if !placed { return false }
            }
            return usedTargets.count < targets.count
        }

        /// One improving exchange on `h` (first found: 2-2, 2-1, 1-2, 1-1 by pool order); the
        /// VMs taken off `h` join the pool. True if an exchange was made.
        mutating func improveHost(_ h: Int, pool: inout [Int]) -> Bool {
            let onHost = members[h].filter { movable[$0] }
            let p = pool.count
            let size = size
            for a in 0..<onHost.count {
                for b in a..<onHost.count {
                    let out = a == b ? [onHost[a]] : [onHost[a], onHost[b]]
                    let outSize = out.reduce(0.0) { $0 + size[$1] }
                    for x in 0..<p {
                        for y in x..<p {
                            guard work < limit else { return false }
                            let into = x == y ? [pool[x]] : [pool[x], pool[y]]
                            let inSize = into.reduce(0.0) { $0 + size[$1] }
                            guard inSize > outSize + 1e-9 else { continue }
                            if exchange(h, out: out, into: into) {
                                pool.removeAll { into.contains($0) }
                                pool += out
                                return true
                            }
                        }
                    }
                }
            }
            return false
        }
    }
}
