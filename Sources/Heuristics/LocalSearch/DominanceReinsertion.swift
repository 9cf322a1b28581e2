import PlacementModel

/// Local search that frees hosts of a packing by dominance exchanges: the VMs of `q` hosts in use
/// (q = 1, 2; targets tried from the least loaded) are taken out into a pool; every other host in
/// use is then made fuller by taking pool VMs — directly, or by exchanging one or two of its VMs
/// for one or two pool VMs of larger total normalised size (1-1, 1-2, 2-1, 2-2) — so the pool
/// shrinks in size and holds ever smaller VMs; finally the pool is packed by first fit decreasing
/// into the `q` emptied hosts. The result is kept when it uses fewer than `q` of them, otherwise
/// the state is restored and the next targets are tried. Repeats until no target succeeds, the
/// work limit is reached or the hosts in use are down to `lowerBound` (e.g. ``HostLowerBound``).
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
                               workLimit: Int? = nil, lowerBound: Int = 0) -> (placement: Placement, emptied: Int) {
        guard instance.affinity.isEmpty, instance.dimensionCount > 0 else { return (placement, 0) }
        let scale = instance.largestCapacity
        let size = instance.vms.indices.map { instance.size(of: $0, measure: .sum, scale: scale) }
        return improve(instance, placement, maxTargets: maxTargets, workLimit: workLimit, lowerBound: lowerBound, size: size)
    }

    /// As above with the VMs' sizes (sum of demands normalised by the largest capacity) given.
    static func improve(_ instance: Instance, _ placement: Placement, maxTargets: Int, workLimit: Int?, lowerBound: Int = 0,
                        size: [Double], template: PackingState? = nil) -> (placement: Placement, emptied: Int) {
        guard instance.affinity.isEmpty, instance.dimensionCount > 0 else { return (placement, 0) }
        let n = instance.vms.count
        let d = instance.dimensionCount
        let limit = workLimit ?? 2000 * max(n, 1)
        let movable = instance.vms.indices.map { !instance.vms[$0].pinned }
        let plainArithmetic = instance.sharedMemory.isEmpty
        let state = template.map { PackingState(like: $0, startingFrom: placement) } ?? PackingState(instance: instance, startingFrom: placement)
        var search = Search(state: state, d: d, size: size, movable: movable,
                            plain: plainArithmetic, work: 0, limit: limit)
        let usedBefore = Set(placement.hostOfVM.compactMap { $0 }).count
        var blocked = Set<[Int]>()
        outer: while search.work < search.limit {
            var used = instance.hosts.indices.filter { search.state.vmCount[$0] > 0 }
            guard used.count > lowerBound else { break }
            var loadOf = [Double](repeating: 0, count: instance.hosts.count)
            for h in used { loadOf[h] = search.members[h].reduce(0.0) { $0 + size[$1] } }
            used.sort { loadOf[$0] != loadOf[$1] ? loadOf[$0] < loadOf[$1] : $0 < $1 }
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
        let allMovable: Bool
        let plain: Bool
        var work: Int
        let limit: Int
        var members: [[Int]]

        init(state: PackingState, d: Int, size: [Double], movable: [Bool], plain: Bool, work: Int, limit: Int) {
            self.state = state; self.d = d; self.size = size; self.movable = movable; self.plain = plain
            allMovable = !movable.contains(false)
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

        /// Arithmetic pre-test: host `h` without `out1`, `out2` and with `in1`, `in2` (−1: none)
        /// stays within capacity (exact without memory sharing; skipped, i.e. true, with it).
        /// The loads are updated in the same order as the moves would, so the test agrees with them.
        func plausible(_ h: Int, out1: Int, out2: Int, in1: Int, in2: Int) -> Bool {
            guard plain else { return true }
            let demand = state.demandFlat
            for k in 0..<d {
                var value = state.load[h * d + k]
                if out1 >= 0 { value -= demand[out1 * d + k] }
                if out2 >= 0 { value -= demand[out2 * d + k] }
                if in1 >= 0 { value += demand[in1 * d + k] }
                if in2 >= 0 { value += demand[in2 * d + k] }
                let limit = state.capacityFlat[h * d + k]
                if value > limit + 1e-9 * Swift.max(1, abs(limit)) { return false }
            }
            return true
        }

        /// Exchanges `out1`, `out2` (on `h`; −1: none) for `in1`, `in2` (pool) when every rule
        /// allows; true if done.
        mutating func exchange(_ h: Int, out1: Int, out2: Int, in1: Int, in2: Int) -> Bool {
            work += 1
            guard plausible(h, out1: out1, out2: out2, in1: in1, in2: in2) else { return false }
            return exchangeChecked(h, out1: out1, out2: out2, in1: in1, in2: in2)
        }

        /// The moves of ``exchange(_:out1:out2:in1:in2:)`` once the arithmetic pre-test passed.
        mutating func exchangeChecked(_ h: Int, out1: Int, out2: Int, in1: Int, in2: Int) -> Bool {
            takeOut(out1)
            if out2 >= 0 { takeOut(out2) }
            work += 1
            guard state.canPlace(vm: in1, on: h) else {
                move(out1, to: h)
                if out2 >= 0 { move(out2, to: h) }
                return false
            }
            move(in1, to: h)
            guard in2 >= 0 else { return true }
            work += 1
            guard state.canPlace(vm: in2, on: h) else {
                takeOut(in1)
                move(out1, to: h)
                if out2 >= 0 { move(out2, to: h) }
                return false
            }
            move(in2, to: h)
            return true
        }

        /// Empties `targets` into a pool, exchanges, repacks; true when fewer than
        /// `targets.count` of them remain in use.
        mutating func free(_ targets: [Int]) -> Bool {
            var pool: [Int] = []
            for t in targets { pool += members[t] }
            for vm in pool { takeOut(vm) }
            let others = state.instance.hosts.indices.filter { state.vmCount[$0] > 0 && !targets.contains($0) }
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
                        if plausible(h, out1: -1, out2: -1, in1: pool[i], in2: -1) && state.canPlace(vm: pool[i], on: h) {
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

        /// One improving exchange on `h` (first found: pairs of its VMs (a, b), a ≤ b, against
        /// pairs of pool VMs (x, y), x ≤ y, in that order); the VMs taken off `h` join the pool.
        /// True if an exchange was made. The pool is sorted by decreasing size, so for each x the
        /// pool pairs shrink as y grows and the scan stops at the first pair not larger than what
        /// leaves `h` (pairs that are skipped would cost no work and change nothing). The
        /// arithmetic pre-test of ``exchange(_:out1:out2:in1:in2:)`` is done here incrementally
        /// (load minus what leaves, plus x, plus y — the same operations in the same order).
        mutating func improveHost(_ h: Int, pool: inout [Int]) -> Bool {
            // The largest candidates (the first pool VM, or the first two) against the smallest VM
            // that could leave h: when even they are not larger, no exchange qualifies.
            guard let first = pool.first else { return false }
            let best = pool.count > 1 ? 0.0 + size[first] + size[pool[1]] : 0.0 + size[first]
            var smallest = Double.infinity
            for vm in members[h] where movable[vm] { smallest = Swift.min(smallest, 0.0 + size[vm]) }
            guard smallest < .infinity, best > smallest + 1e-9 else { return false }
            let onHost = allMovable ? members[h] : members[h].filter { movable[$0] }
            let d = d
            let demandArray = state.demandFlat
            let sizeArray = size
            let poolArray = pool
            let exchanged: (out1: Int, out2: Int, in1: Int, in2: Int)? = withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * d) { scratch in
                demandArray.withUnsafeBufferPointer { demand in
                    sizeArray.withUnsafeBufferPointer { size in
                        poolArray.withUnsafeBufferPointer { pool in
                            improveHost(h, pool: pool, onHost: onHost, demand: demand, size: size,
                                        threshold: scratch.baseAddress!, base: scratch.baseAddress! + d, partial: scratch.baseAddress! + 2 * d)
                        }
                    }
                }
            }
            guard let (out1, out2, in1, in2) = exchanged else { return false }
            pool.removeAll { $0 == in1 || $0 == in2 }
            pool.append(out1)
            if out2 >= 0 { pool.append(out2) }
            return true
        }

        /// The scan of ``improveHost(_:pool:)``: the exchange made (−1: none in that place), or nil.
        /// A pool VM x that does not fit next to what stays on h cannot fit with a second pool VM
        /// y either (demands are non-negative): the pairs (x, y) that qualify by size are then only
        /// counted as work, as their capacity tests would fail.
        private mutating func improveHost(_ h: Int, pool: UnsafeBufferPointer<Int>, onHost: [Int], demand: UnsafeBufferPointer<Double>,
                                          size: UnsafeBufferPointer<Double>, threshold: UnsafeMutablePointer<Double>,
                                          base: UnsafeMutablePointer<Double>, partial: UnsafeMutablePointer<Double>) -> (out1: Int, out2: Int, in1: Int, in2: Int)? {
            let d = d
            let p = pool.count
            for k in 0..<d {
                let limit = state.capacityFlat[h * d + k]
                threshold[k] = limit + 1e-9 * Swift.max(1, abs(limit))
            }
            func readBase(_ out1: Int, _ out2: Int) {
                for k in 0..<d {
                    var value = state.load[h * d + k]
                    value -= demand[out1 * d + k]
                    if out2 >= 0 { value -= demand[out2 * d + k] }
                    base[k] = value
                }
            }
            for a in 0..<onHost.count {
                for b in a..<onHost.count {
                    let out1 = onHost[a], out2 = a == b ? -1 : onHost[b]
                    let outSize = a == b ? 0.0 + size[out1] : 0.0 + size[out1] + size[out2]
                    var baseReady = false
                    var x = 0
                    while x < p {
                        let in1 = pool[x]
                        let alone = 0.0 + size[in1] > outSize + 1e-9
                        let pairs = x + 1 < p && 0.0 + size[in1] + size[pool[x + 1]] > outSize + 1e-9
                        // Neither x alone nor x with the next VM is larger: no later x is.
                        if !alone && !pairs { break }
                        if !baseReady { readBase(out1, out2); baseReady = true }
                        // Does x fit next to what stays (the pre-test of the single exchange)?
                        var partialFits = true
                        for k in 0..<d where base[k] + demand[in1 * d + k] > threshold[k] { partialFits = false; break }
                        if alone {
                            guard work < limit else { return nil }
                            work += 1
                            if !plain || partialFits {
                                if exchangeChecked(h, out1: out1, out2: out2, in1: in1, in2: -1) { return (out1, out2, in1, -1) }
                                // Rules refused: the loads were rewritten by moves, read them again.
                                readBase(out1, out2)
                                partialFits = true
                                for k in 0..<d where base[k] + demand[in1 * d + k] > threshold[k] { partialFits = false; break }
                            }
                        }
                        var y = x + 1
                        if plain && !partialFits {
                            // Every pair with x fails its capacity test: count the qualifying ones.
                            while y < p && 0.0 + size[in1] + size[pool[y]] > outSize + 1e-9 {
                                guard work < limit else { return nil }
                                work += 1
                                y += 1
                            }
                            x += 1
                            continue
                        }
                        if plain { for k in 0..<d { partial[k] = base[k] + demand[in1 * d + k] } }
                        while y < p {
                            let in2 = pool[y]
                            guard 0.0 + size[in1] + size[in2] > outSize + 1e-9 else { break }
                            guard work < limit else { return nil }
                            work += 1
                            y += 1
                            if plain {
                                var fits = true
                                for k in 0..<d where partial[k] + demand[in2 * d + k] > threshold[k] { fits = false; break }
                                guard fits else { continue }
                            }
                            if exchangeChecked(h, out1: out1, out2: out2, in1: in1, in2: in2) { return (out1, out2, in1, in2) }
                            readBase(out1, out2)
                            for k in 0..<d { partial[k] = base[k] + demand[in1 * d + k] }
                        }
                        x += 1
                    }
                }
            }
            return nil
        }
    }
}
