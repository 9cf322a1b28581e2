import PlacementModel

/// Item-centric vector bin packing: VMs (affinity groups as one unit, pinned VMs first) in
/// decreasing order of a ``SizeMeasure`` of their demand normalised by the largest host capacity,
/// each to a host chosen by a fit rule:
/// * first fit (`ffd-<measure>`): lowest-index host where it fits — without rules found with
///   ``FirstFitSearch`` (hosts grouped by residual once demands are many and distinct), with rules
///   by a max segment tree over per-dimension residuals (``ResidualTree``) and the rule check;
/// * best fit (`bfd-<measure>`): among hosts already in use where it fits, the one with the least
///   weighted normalised residual left, else the first host where it fits;
/// * worst fit (`wfd-<measure>`): as best fit but the most residual left.
///
/// Johnson (1973) for one dimension; the multi-dimensional FFD/BFD under Sum, Product, Max, L2
/// and average-weighted sum of Panigrahy, Talwar, Uyeda, Wieder, "Heuristics for Vector Bin
/// Packing" (MSR, 2011), classified as item-centric by Mommessin, Erlebach, Shakhlevich
/// (Computers & OR, 2024); volume and VSR from Sandpiper (Wood et al., NSDI'07).
///
/// The result starts from no placement (a full repack): for `consolidate` every VM whose host
/// changes counts as a migration in the objective.
///
/// - Complexity: O(n log n + n·d) for sizes and order; first fit without rules as
///   ``FirstFitSearch`` (per VM O(d·log m) when the pruning is tight, about 22 tree nodes of 8
///   lanes on 100 000 continuous random 5-dimensional demands; Results/heuristics/speed.md), with rules O(d)
///   per ``ResidualTree`` node visited, up to O(m·d) when partly filled hosts cover a demand
///   dimension by dimension but none as a whole; best and worst fit O(b·d) per VM (b = hosts in
///   use); n VMs, m hosts, d dimensions.
public struct FitDecreasing: PlacementMethod {
    public enum Fit: String, Sendable, CaseIterable {
        case first = "ffd", best = "bfd", worst = "wfd"
    }
    public let measure: SizeMeasure
    public let fit: Fit
    let alias: String?

    public init(measure: SizeMeasure, fit: Fit = .first) {
        self.measure = measure
        self.fit = fit
        alias = nil
    }

    init(measure: SizeMeasure, fit: Fit, alias: String) {
        self.measure = measure
        self.fit = fit
        self.alias = alias
    }

    public var name: String { alias ?? "\(fit.rawValue)-\(measure.rawValue)" }
    public var summary: String {
        let rule = ["ffd": "first-fit", "bfd": "best-fit", "wfd": "worst-fit"][fit.rawValue] ?? fit.rawValue
        return "\(rule) decreasing by the \(measure.rawValue) of normalised demand"
    }
    public var citation: String {
        "Johnson 1973; Panigrahy, Talwar, Uyeda, Wieder, Heuristics for Vector Bin Packing, MSR 2011; Wood et al., Sandpiper, NSDI 2007 (volume, vsr)"
    }
    public var goals: Set<Goal> { [.place, .consolidate] }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        let noGroupRules = instance.antiAffinity.isEmpty && instance.affinity.isEmpty && instance.sharedMemory.isEmpty
        // First fit without rules reads the instance as flat arrays, gathered by the check's pass.
        let flat = try PackingSupport.check(instance, flattening: fit == .first && noGroupRules)
        let d = instance.dimensionCount
        let capacityOnly = noGroupRules && (flat?.vmsUnrestricted ?? instance.vms.withUnsafeBufferPointer { vms in
            vms.indices.allSatisfy { vms[$0].allowedHosts == nil && vms[$0].forbiddenHosts.isEmpty && !vms[$0].pinned }
        })
        if fit == .first && capacityOnly, var flat { return firstFitWithoutRules(instance, &flat, goal: goal) }
        let units = PackingSupport.units(instance)
        let scale = instance.largestCapacity
        let weights = measure == .weightedSum ? instance.averageNormalisedDemand : nil
        let sharing = PackingSupport.sharingTotals(instance)
        let hasSharing = !instance.sharedMemory.isEmpty
        var key = [Double](repeating: 0, count: units.count)
        var pruning = [[Double]](repeating: [], count: units.count)
        for (i, unit) in units.enumerated() {
            let demand = unit.count == 1 ? instance.vms[unit[0]].demand.values : PackingSupport.demand(of: unit, instance)
            let memory = unit.reduce(0.0) { $0 + instance.migrationMemoryMiB(vm: $1) }
            key[i] = measure.value(instance.normalise(demand, by: scale), weights: weights, memoryMiB: memory)
            pruning[i] = hasSharing ? PackingSupport.pruningDemand(of: unit, instance, sharingTotal: sharing) : demand
        }
        let order = PackingSupport.decreasing(units, key: key, instance: instance)
        var state = PackingState(instance: instance)
        var tree = ResidualTree(hosts: instance.hosts.count, dimensions: d,
                                residual: { h, k in instance.hosts[h].capacity.values[k] },
                                usable: { instance.hosts[$0].state != .maintenance })
        var open: [Int] = []       // hosts in use (best and worst fit only), ascending
        var isOpen = [Bool](repeating: false, count: instance.hosts.count)
        var unplaced: [[Int]] = []
        var residual = [Double](repeating: 0, count: d)
        func refresh(_ h: Int) {
            for k in 0..<d { residual[k] = instance.hosts[h].capacity.values[k] - state.load[(h) * d + (k)] }
            tree.update(host: h, residual: residual)
            if fit != .first && !isOpen[h] {
                isOpen[h] = true
                let at = open.firstIndex { $0 > h } ?? open.count
                open.insert(h, at: at)
            }
        }
        let fitWeights = weights ?? Array(repeating: 1, count: d)
        var lastHostOfDemand: [[Double]: Int] = [:]
        for u in order {
            let unit = units[u]
            var chosen: Int? = nil
            if fit != .first {
                var bestScore = 0.0
                for h in open {
                    var fits = true
                    for k in 0..<d where tree.residual(host: h, dimension: k) < pruning[u][k] - 1e-9 * max(1, abs(pruning[u][k])) { fits = false; break }
                    guard fits, unit.allSatisfy({ instance.isEligible(vm: $0, host: h) }) else { continue }
                    let capacity = instance.hosts[h].capacity.values
                    var score = 0.0
                    for k in 0..<d where capacity[k] > 0 {
                        score += fitWeights[k] * (tree.residual(host: h, dimension: k) - pruning[u][k]) / capacity[k]
                    }
                    if fit == .worst { score = -score }
                    if chosen == nil || score < bestScore {
                        if PackingSupport.tryPlace(unit, on: h, state: &state) {
                            // Undo: the final choice is placed below.
                            for vm in unit.reversed() { state.remove(vm: vm) }
                            chosen = h
                            bestScore = score
                        }
                    }
                }
                if let h = chosen {
                    _ = PackingSupport.tryPlace(unit, on: h, state: &state)
                    refresh(h)
                    continue
                }
            }
            // Without rules, hosts before the one that took an identical demand refused it for
            // capacity, and residuals only shrink: the search may start there.
            let start = capacityOnly ? (lastHostOfDemand[pruning[u]] ?? 0) : 0
            var candidate = tree.first(covering: pruning[u], from: start)
            while let h = candidate {
                if capacityOnly {
                    // No rules: the exact capacity test on the loads decides.
                    var fits = true
                    let capacity = instance.hosts[h].capacity.values
                    for k in 0..<d {
                        let limit = capacity[k]
                        if state.load[h * d + k] + pruning[u][k] > limit + 1e-9 * max(1, abs(limit)) { fits = false; break }
                    }
                    if fits {
                        for vm in unit { state.place(vm: vm, on: h) }
                        chosen = h
                        break
                    }
                } else if PackingSupport.tryPlace(unit, on: h, state: &state) { chosen = h; break }
                candidate = tree.first(covering: pruning[u], from: h + 1)
            }
            if let h = chosen {
                refresh(h)
                if capacityOnly { lastHostOfDemand[pruning[u]] = h }
            } else { unplaced.append(unit) }
        }
        return PackingSupport.result(state, unplacedUnits: unplaced, method: name, goal: goal)
    }

    /// VMs by decreasing size (ties by lowest index), their demands in that order (VM at
    /// position p in dimension k at p·d + k), each VM's demand type (by VM) and the number of
    /// types. Releases `flat.demand` (read here for the last time) and its own temporaries (sizes,
    /// the sort's and the type table's buffers) before returning, so the search's arrays can
    /// reuse that memory.
    private func packingOrder(_ instance: Instance, _ flat: inout PackingSupport.FlatInstance) -> (order: [Int], ordered: [Double], typeOf: [Int], typeCount: Int) {
        let d = instance.dimensionCount, n = instance.vms.count
        let scale = flat.largestCapacity
        let measure = measure
        var key = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: d)
        var weights: [Double]? = nil
        if measure == .weightedSum {
            // `instance.averageNormalisedDemand`, from the flat demands.
            var w = [Double](repeating: 0, count: d)
            flat.demand.withUnsafeBufferPointer { demand in
                for v in 0..<n { for k in 0..<d where scale[k] > 0 { w[k] += demand[v * d + k] / scale[k] } }
            }
            let count = Double(Swift.max(n, 1))
            weights = w.map { $0 / count }
        }
        flat.demand.withUnsafeBufferPointer { demand in
            for v in 0..<n {
                for k in 0..<d { u[k] = scale[k] > 0 ? demand[v * d + k] / scale[k] : 0 }
                // Only `vsr` reads the memory size.
                key[v] = measure.value(u, weights: weights, memoryMiB: measure == .vsr ? instance.migrationMemoryMiB(vm: v) : 1)
            }
        }
        let (typeOf, typeCount) = PackingSupport.demandTypes(flat.demand, count: n, dimensions: d)
        let order = PackingSupport.decreasingOrder(key)
        let ordered = [Double](unsafeUninitializedCapacity: n * d) { ordered, initialized in
            flat.demand.withUnsafeBufferPointer { demand in
                order.withUnsafeBufferPointer { order in
                    for position in 0..<n {
                        for k in 0..<d { (ordered.baseAddress! + position * d + k).initialize(to: demand[order[position] * d + k]) }
                    }
                }
            }
            initialized = n * d
        }
        flat.demand = []
        return (order, ordered, typeOf, typeCount)
    }

    /// First fit when no rule restricts any VM (no eligibility limits, pinning, affinity,
    /// anti-affinity or memory sharing): capacity alone decides, so ``FirstFitSearch`` works on
    /// flat arrays, and a VM's search starts at the host that took the last VM of identical demand
    /// (the hosts before it refused that demand and have only shrunk since). A host whose
    /// residual falls below the smallest demand still to come in some dimension (or in total)
    /// leaves the search for good: those minima never decrease, so it could take no VM again, and
    /// its removal tightens the search's bounds without changing any first-fit choice.
    /// `flat` is the instance's ``PackingSupport/FlatInstance`` (its demands are released once
    /// read).
    func firstFitWithoutRules(_ instance: Instance, _ flat: inout PackingSupport.FlatInstance, goal: Goal) -> SolveResult {
        let d = instance.dimensionCount
        let n = instance.vms.count
        let capacity = flat.capacity, usable = flat.usable
        let (order, ordered, typeOf, typeCount) = packingOrder(instance, &flat)
        var hostOf = [Int?](repeating: nil, count: n)
        var lastHost = [Int](repeating: 0, count: typeCount)
        // With few distinct demands (VM catalogues), the search hint below makes the index-ordered
        // tree fast; with many, hosts are grouped by residual (see ``FirstFitSearch``).
        let search = FirstFitSearch(capacity: capacity, dimensions: d, usable: usable,
                                    grouping: typeCount * 16 > n)
        var need = [Double](repeating: 0, count: d)
        var anyUnplaced = false
        // Per-dimension minimum demand of the VMs from position i of the order onward (and of
        // their demand sums). Remaining VMs only leave, so these minima never decrease: a host
        // whose residual is below one of them can take no VM any more and leaves the search for
        // good. First fit picks the same hosts. Kept only where they change (a few dozen
        // positions on random demands): `minimumFrom[j]` (d + 1 values) are the minima over the
        // positions from `minimumChange[j]` on (positions descending in j); `minimumAfter` holds
        // the minima over the positions after the current one.
        var minimumChange: [Int] = []
        var minimumFrom: [Double] = []
        var minimumAfter = [Double](repeating: .infinity, count: d + 1)
        ordered.withUnsafeBufferPointer { ordered in
            minimumAfter.withUnsafeMutableBufferPointer { minimum in
                for i in stride(from: n - 1, through: 0, by: -1) {
                    var total = 0.0
                    var changed = false
                    for k in 0..<d {
                        let value = ordered[i * d + k]
                        total += value
                        let smaller = Swift.min(value, minimum[k])
                        if smaller != minimum[k] || smaller.sign != minimum[k].sign { changed = true }
                        minimum[k] = smaller
                    }
                    let smaller = Swift.min(total, minimum[d])
                    if smaller != minimum[d] || smaller.sign != minimum[d].sign { changed = true }
                    minimum[d] = smaller
                    if changed {
                        minimumChange.append(i)
                        minimumFrom.append(contentsOf: minimum)
                    }
                }
            }
        }
        var step = minimumChange.count - 1   // the change that holds the minima after the current position
        var loadedStep = -2                  // the change whose minima `minimumAfter` holds (−1: none, all +∞)
        // Demand types in packing order, read sequentially below (no hints needed when every
        // demand differs).
        let hinted = typeCount < n
        let orderedType = hinted ? order.map { typeOf[$0] } : []
        for (position, v) in order.enumerated() {
            for k in 0..<d { need[k] = ordered[position * d + k] }
            // Hosts before the one that took the last VM of identical demand refused that demand
            // and have only shrunk since: the search may start there.
            let from = hinted ? lastHost[orderedType[position]] : 0
            guard let h = search.first(fitting: need, from: from) else { anyUnplaced = true; continue }
            hostOf[v] = h
            if hinted { lastHost[orderedType[position]] = h }
            search.add(need, to: h)
            var total = 0.0, tolerance = 0.0
            var dead = false
            while step >= 0 && minimumChange[step] <= position { step -= 1 }
            if step != loadedStep {
                for k in 0...d { minimumAfter[k] = step >= 0 ? minimumFrom[step * (d + 1) + k] : .infinity }
                loadedStep = step
            }
            for k in 0..<d {
                let residual = search.residual(host: h, dimension: k)
                total += residual
                tolerance += 1e-9 * Swift.max(1, abs(capacity[h * d + k]))
                // Strictly below the capacity test's tolerance for the smallest remaining demand.
                let smallest = minimumAfter[k]
                if residual < smallest - 1e-9 * Swift.max(1, abs(smallest)) - 1e-9 * Swift.max(1, abs(capacity[h * d + k])) { dead = true }
            }
            let smallestTotal = minimumAfter[d]
            if total < smallestTotal - 2 * tolerance - 1e-9 * Swift.max(1, abs(smallestTotal)) { dead = true }
            if dead { search.close(h) }
        }
        let placement = Placement(hostOfVM: hostOf)
        if anyUnplaced {
            let state = PackingState(instance: instance, startingFrom: placement)
            let unplaced = (0..<n).filter { hostOf[$0] == nil }.map { [$0] }
            return PackingSupport.result(state, unplacedUnits: unplaced, method: name, goal: goal)
        }
        return SolveResult(status: .feasible, placement: placement, objective: instance.objective(of: placement, goal: goal),
                           method: name, goal: goal)
    }
}
