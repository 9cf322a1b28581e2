import PlacementModel

/// Perturbation for packings whose local searches are exhausted: seeded ruin and recreate. Each
/// iteration takes the VMs off k hosts in use (k = 2…4; the first one of the three least loaded,
/// the others uniformly at random), re-inserts them by best fit decreasing into the hosts in use
/// (fullest host that fits, by normalised sum of loads; ties by index) under the measures sum, max,
/// L2 and one random weighted sum, keeps the recreation using fewest hosts, then runs
/// ``DominanceReinsertion`` on it. The walk moves to the result when it uses no more hosts than
/// the current packing (plateau moves diversify the search); the best packing seen — fewest hosts
/// — is returned. Stops after `iterations` or when the host count reaches a lower bound: the one
/// given, else the larger of ``lowerBound(_:)`` and ``HostLowerBound``.
///
/// Ruin and recreate: Schrimpf, Schneider, Stamm-Wilbrandt, Dueck, "Record breaking optimization
/// results using the ruin and recreate principle", J. Computational Physics, 2000.
///
/// Deterministic: the random source is ``SplitMix64`` with a fixed seed derived from the instance
/// size (or the one given); no timing enters. Instances with affinity rules or pinned VMs are
/// returned unchanged; every move is checked with ``PackingState/canPlace(vm:on:capacityFraction:)``.
///
/// - Complexity: O(I·(n·d + 4·p·b·d + R)) for I iterations, p ruined VMs, b hosts in use and R the
///   work of each ``DominanceReinsertion`` run (≤ `reinsertionWork`·n).
public enum RuinAndRecreate {
    /// L1 = max over dimensions of ⌈Σ demand / capacity⌉ when every host has the same capacity
    /// (and none is in maintenance), else 0 (no early stop).
    public static func lowerBound(_ instance: Instance) -> Int {
        guard let first = instance.hosts.first,
              instance.hosts.allSatisfy({ $0.capacity == first.capacity && $0.state != .maintenance }) else { return 0 }
        var bound = 0
        for k in 0..<instance.dimensionCount where first.capacity[k] > 0 {
            let total = instance.vms.reduce(0.0) { $0 + $1.demand[k] }
            bound = Swift.max(bound, Int((total / first.capacity[k] - 1e-9).rounded(.up)))
        }
        return bound
    }

    /// The improved placement (fewest hosts seen) and the number of hosts freed. VMs unplaced in
    /// `placement` stay unplaced. `iterations` defaults to min(1000, 20000 / n) (about the same work on every size); `reinsertionWork` is the
    /// work limit per VM of each ``DominanceReinsertion`` run.
    public static func improve(_ instance: Instance, _ placement: Placement, iterations: Int? = nil,
                               reinsertionWork: Int = 20, reinsertionTargets: Int = 8, seed: UInt64? = nil,
                               lowerBound known: Int? = nil) -> (placement: Placement, emptied: Int) {
        let n = instance.vms.count
        guard instance.affinity.isEmpty, instance.dimensionCount > 0, n > 0,
              !instance.vms.contains(where: { $0.pinned }) else { return (placement, 0) }
        let d = instance.dimensionCount
        let scale = instance.largestCapacity
        let bound = known ?? Swift.max(lowerBound(instance),
                                       HostLowerBound.hosts(instance, placing: placement.hostOfVM.indices.filter { placement.hostOfVM[$0] != nil }))
        var random = SplitMix64(seed: seed ?? (0x5EED_0000_0000_0000 ^ UInt64(n) << 20 ^ UInt64(instance.hosts.count)))
        let fixedMeasures: [[Double]] = [SizeMeasure.sum, .max, .l2].map { m in instance.vms.indices.map { instance.size(of: $0, measure: m, scale: scale) } }
        // Demands normalised by the largest capacity (0 where it is 0), for the weighted measure.
        var normalised = [Double](repeating: 0, count: n * d)
        for v in 0..<n { for k in 0..<d where scale[k] > 0 { normalised[v * d + k] = instance.vms[v].demand.values[k] / scale[k] } }
        let startCount = placement.usedHosts.count
        var best = placement, bestCount = startCount
        var current = placement, currentCount = startCount
        // The state of `current`, rebuilt from the placement (as every iteration would) only when
        // the walk moves.
        var state = PackingState(instance: instance, startingFrom: current)
        var weighted = [Double](repeating: 0, count: n)
        for _ in 0..<(iterations ?? Swift.min(1000, 20_000 / n)) {
            guard bestCount > bound else { break }
            var used = instance.hosts.indices.filter { state.vmCount[$0] > 0 }
            guard used.count >= 2 else { break }
            func fill(_ s: PackingState, _ h: Int) -> Double {
                var total = 0.0
                for k in 0..<d { total += scale[k] > 0 ? s.load[h * d + k] / scale[k] : 0 }
                return total
            }
            var fills = [Double](repeating: 0, count: instance.hosts.count)
            for h in used { fills[h] = fill(state, h) }
            used.sort { fills[$0] != fills[$1] ? fills[$0] < fills[$1] : $0 < $1 }
            let k = Swift.min(2 + Int(random.next() % 3), used.count)
            var targets = [used[Int(random.next() % UInt64(Swift.min(3, used.count)))]]
            while targets.count < k {
                let h = used[Int(random.next() % UInt64(used.count))]
                if !targets.contains(h) { targets.append(h) }
            }
            var pool: [Int] = []
            for vm in 0..<n { if let h = state.placement.hostOfVM[vm], targets.contains(h) { pool.append(vm) } }
            var ruined = state
            for vm in pool { ruined.remove(vm: vm) }
            let weights = (0..<d).map { _ in Double(random.next() % 1000 + 1) }
            for v in pool {
                var total = 0.0
                for k in 0..<d { total += weights[k] * normalised[v * d + k] }
                weighted[v] = total
            }
            var recreated: (placement: Placement, count: Int)? = nil
            for size in fixedMeasures + [weighted] {
                let order = pool.sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
                var trial = ruined
                var failed = false
                for vm in order {
                    var chosen: (host: Int, fill: Double)? = nil
                    for h in used where trial.mayFit(vm: vm, on: h) && trial.canPlace(vm: vm, on: h) {
                        let f = fill(trial, h)
                        if chosen == nil || f > chosen!.fill + 1e-12 { chosen = (h, f) }
                    }
                    guard let c = chosen else { failed = true; break }
                    trial.place(vm: vm, on: c.host)
                }
                if failed { continue }
                let count = trial.vmCount.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
                if recreated == nil || count < recreated!.count { recreated = (trial.placement, count) }
            }
            guard let r = recreated, r.count <= currentCount else { continue }
            let searched = DominanceReinsertion.improve(instance, r.placement, maxTargets: reinsertionTargets, workLimit: reinsertionWork * n,
                                                        lowerBound: bound, size: fixedMeasures[0], template: state)
            let count = r.count - searched.emptied
            guard count <= currentCount else { continue }
            current = searched.placement
            currentCount = count
            state = PackingState(like: state, startingFrom: current)
            if count < bestCount { best = current; bestCount = count }
        }
        return (best, startCount - bestCount)
    }
}
