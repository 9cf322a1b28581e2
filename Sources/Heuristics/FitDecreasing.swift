import PlacementModel

/// Item-centric vector bin packing: VMs (affinity groups as one unit, pinned VMs first) in
/// decreasing order of a ``SizeMeasure`` of their demand normalised by the largest host capacity,
/// each to a host chosen by a fit rule:
/// * first fit (`ffd-<measure>`): lowest-index host where it fits, found with a max segment tree
///   over per-dimension residuals (``ResidualTree``);
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
/// - Complexity: O(n log n + n·d) for sizes and order, plus per VM O(d·log m) for first fit when
///   the first candidate host the tree returns obeys the rules (O(m·d) worst case with rules),
///   O(b·d) for best and worst fit (b = hosts in use); n VMs, m hosts, d dimensions.
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
        try PackingSupport.check(instance)
        let d = instance.dimensionCount
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
        var open: [Int] = []       // hosts in use, ascending
        var isOpen = [Bool](repeating: false, count: instance.hosts.count)
        var unplaced: [[Int]] = []
        var residual = [Double](repeating: 0, count: d)
        func refresh(_ h: Int) {
            for k in 0..<d { residual[k] = instance.hosts[h].capacity.values[k] - state.load(host: h, dimension: k) }
            tree.update(host: h, residual: residual)
            if !isOpen[h] {
                isOpen[h] = true
                let at = open.firstIndex { $0 > h } ?? open.count
                open.insert(h, at: at)
            }
        }
        let fitWeights = weights ?? Array(repeating: 1, count: d)
        for u in order {
            let unit = units[u]
            var chosen: Int? = nil
            if fit != .first {
                var bestScore = 0.0
                for h in open {
                    var fits = true
                    for k in 0..<d where tree.node[(tree.size + h) * d + k] < pruning[u][k] - 1e-9 * max(1, abs(pruning[u][k])) { fits = false; break }
                    guard fits, unit.allSatisfy({ instance.isEligible(vm: $0, host: h) }) else { continue }
                    let capacity = instance.hosts[h].capacity.values
                    var score = 0.0
                    for k in 0..<d where capacity[k] > 0 {
                        score += fitWeights[k] * (tree.node[(tree.size + h) * d + k] - pruning[u][k]) / capacity[k]
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
            var candidate = tree.first(covering: pruning[u])
            while let h = candidate {
                if PackingSupport.tryPlace(unit, on: h, state: &state) { chosen = h; break }
                candidate = tree.first(covering: pruning[u], from: h + 1)
            }
            if let h = chosen { refresh(h) } else { unplaced.append(unit) }
        }
        return PackingSupport.result(state, unplacedUnits: unplaced, method: name, goal: goal)
    }
}
