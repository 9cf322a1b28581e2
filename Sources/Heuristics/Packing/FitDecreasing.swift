import PlacementModel

/// Item-centric vector bin packing: VMs (affinity groups as one unit, pinned VMs first) in
/// decreasing order of a ``SizeMeasure`` of their demand normalised by the largest host capacity,
/// each to a host chosen by a fit rule:
/// * first fit (`ffd-<measure>`): lowest-index host where it fits — without rules computed host by
///   host (each host takes, in order, every VM still unplaced that fits; ``DemandBoxTree`` finds
///   the next), with rules by a max segment tree over per-dimension residuals (``ResidualTree``)
///   and the rule check;
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
/// - Complexity: O(n log n + n·d) for sizes and order; first fit without rules O(t·log t) to build
///   the ``DemandBoxTree`` over the t distinct demands, then n + m queries of O(d) per tree node
///   opened (about 15 on 100 000 distinct random 5-dimensional demands; Results/heuristics/speed.md);
///   with rules O(d) per ``ResidualTree`` node visited, up to O(m·d) when partly filled hosts cover
///   a demand dimension by dimension but none as a whole; best and worst fit O(b·d) per VM (b =
///   hosts in use); n VMs, m hosts, d dimensions.
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
    public var workGrowth: WorkGrowth { fit == .first ? .nearLinear : .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        let noGroupRules = instance.antiAffinity.isEmpty && instance.affinity.isEmpty && instance.sharedMemory.isEmpty
        // First fit without rules reads the instance as flat arrays, gathered by the check's pass.
        let flat = try PackingSupport.check(instance, flattening: fit == .first && noGroupRules)
        let d = instance.dimensionCount
        let capacityOnly = noGroupRules && (flat?.vmsUnrestricted ?? instance.vms.withUnsafeBufferPointer { vms in
            vms.indices.allSatisfy { vms[$0].allowedHosts == nil && vms[$0].forbiddenHosts.isEmpty && !vms[$0].pinned }
        })
        // (The tree keeps positions in 32 bits.)
        if fit == .first && capacityOnly && instance.vms.count < Int(Int32.max) / 8, var flat {
            return firstFitWithoutRules(instance, &flat, goal: goal)
        }
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
    /// anti-affinity or memory sharing): capacity alone decides, and first fit can be computed
    /// host by host. Host h receives, in packing order, every VM not taken by a host before it
    /// that still fits h — exactly the VMs first fit gives h: by induction on h, a VM that reaches
    /// h in first fit is one no earlier host took, and first fit gives it to h exactly when it fits
    /// h's load at its turn, which is the load of h's VMs before it in either order. So each host
    /// asks ``DemandBoxTree`` for the earliest unplaced VM that fits until none does: n + m
    /// queries (n VMs, m hosts), each VM's demand added in packing order as before — the same
    /// loads, bit for bit. `flat` is the instance's ``PackingSupport/FlatInstance`` (its demands
    /// are released once read).
    func firstFitWithoutRules(_ instance: Instance, _ flat: inout PackingSupport.FlatInstance, goal: Goal) -> SolveResult {
        let d = instance.dimensionCount
        let n = instance.vms.count, m = flat.usable.count
        let capacity = flat.capacity, usable = flat.usable
        let (order, ordered, typeOf, typeCount) = packingOrder(instance, &flat)
        let typeOfPosition = order.map { Int32(typeOf[$0]) }
        let tree = ordered.withUnsafeBufferPointer { ordered in
            typeOfPosition.withUnsafeBufferPointer { types in
                DemandBoxTree(ordered: ordered, typeOfPosition: types, typeCount: typeCount, dimensions: d,
                              largestCapacity: flat.largestCapacity,
                              parallelThreshold: AvailableCores.count > 1 ? 16_384 : .max)
            }
        }
        var hostOf = [Int?](repeating: nil, count: n)
        var left = n
        var load = [Double](repeating: 0, count: d), limit = [Double](repeating: 0, count: d)
        load.withUnsafeMutableBufferPointer { load in
            limit.withUnsafeMutableBufferPointer { limit in
                ordered.withUnsafeBufferPointer { ordered in
                    for h in 0..<m where usable[h] {
                        guard left > 0 else { break }
                        for k in 0..<d {
                            let c = capacity[h * d + k]
                            load[k] = 0
                            limit[k] = c + 1e-9 * Swift.max(1, abs(c))
                        }
                        tree.setHost(load: load.baseAddress!, limit: limit.baseAddress!)
                        while let (position, type) = tree.first(load: load.baseAddress!, limit: limit.baseAddress!) {
                            hostOf[order[position]] = h
                            for k in 0..<d { load[k] += ordered[position * d + k] }
                            tree.remove(type: type)
                            left -= 1
                            guard left > 0 else { break }
                            tree.setHost(load: load.baseAddress!, limit: limit.baseAddress!)
                        }
                    }
                }
            }
        }
        let anyUnplaced = left > 0
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
