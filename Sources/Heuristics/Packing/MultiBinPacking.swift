import PlacementModel

/// Multi-bin vector bin packing: fix a number k of hosts (the first k usable hosts), pack all
/// VMs into them with a rule that sees every open host at once, and find the smallest k that
/// works by binary search between the lower bound max_k ⌈Σ demand_k / capacity_k⌉ and the hosts
/// first-fit decreasing needs.
///
/// Rules:
/// * `pairing` (`mb-pairing-dot`, `mb-pairing-dot-avg`): repeatedly place the (VM, host) pair of
///   highest score Σ w_k·u_k·r_k among all pairs that fit (demand u and residual r normalised by
///   the host's capacity). Each host keeps its fitting VMs with their scores; only the list of
///   the host that received a VM is rescored, a list whose best VM was taken is rescanned;
/// * `pairing-cos` (`mb-pairing-cos`, `mb-pairing-cos-avg`): the same with the normalised dot
///   product (cosine of the angle between demand and residual), the NORM_DOT_PRODUCT score of
///   the Vectorpack implementation of Mommessin et al.;
/// * `wfd` (`mb-wfd-sum`, `mb-wfd-avg`): VMs in decreasing (weighted) sum, each to the least
///   loaded host (by the same measure) where it fits — worst-fit decreasing over k hosts.
///
/// Mommessin, Erlebach, Shakhlevich, "Classification and evaluation of the algorithms for vector
/// bin packing" (Computers & OR, 2024), multi-bin family (MB-Pairing, MB-WFD); the dot score from
/// Panigrahy et al. (MSR, 2011).
///
/// - Complexity: O(log(UB − LB)) tries; a pairing try costs O(k·n·d + n·(k + n·d + r·n)) (initial
///   lists, then per step one pick over k hosts, one rescored list and r rescanned lists, r ≤ k,
///   usually a few); a WFD try O(n·k·d).
public struct MultiBinPacking: PlacementMethod {
    public enum Rule: String, Sendable, CaseIterable { case pairing = "pairing-dot", pairingCosine = "pairing-cos", wfd = "wfd" }
    public let rule: Rule
    /// Weights: `false` uniform, `true` average normalised demand per dimension.
    public let averageWeights: Bool
    /// Numbers of hosts tried one by one from the lower bound before the binary search.
    public let incrementTries = 4

    public init(rule: Rule, averageWeights: Bool = false) {
        self.rule = rule
        self.averageWeights = averageWeights
    }

    public var name: String {
        switch rule {
        case .pairing: return "mb-pairing-dot" + (averageWeights ? "-avg" : "")
        case .pairingCosine: return "mb-pairing-cos" + (averageWeights ? "-avg" : "")
        case .wfd: return "mb-wfd-" + (averageWeights ? "avg" : "sum")
        }
    }
    public var summary: String {
        rule != .wfd ? "multi-bin pairing: best (VM, host) \(rule == .pairing ? "dot-product" : "cosine") pair over k hosts, k by binary search"
            : "multi-bin worst-fit decreasing over k hosts, k by binary search"
    }
    public var citation: String {
        "Mommessin, Erlebach, Shakhlevich, Classification and evaluation of the algorithms for vector bin packing, Computers & OR 2024"
    }
    public var goals: Set<Goal> { [.place, .consolidate] }
    public var workGrowth: WorkGrowth { .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let reference = try FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: goal, options: options)
        let usable = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        let units = PackingSupport.units(instance)
        guard !units.isEmpty else { return PackingSupport.result(PackingState(instance: instance), unplacedUnits: [], method: name, goal: goal) }
        let d = instance.dimensionCount
        let demands = units.map { PackingSupport.demand(of: $0, instance) }
        let scale = instance.largestCapacity
        var total = Array(repeating: 0.0, count: d)
        for demand in demands { for k in 0..<d where scale[k] > 0 { total[k] += demand[k] / scale[k] } }
        let weights = averageWeights ? total.map { $0 / Double(units.count) } : Array(repeating: 1.0, count: d)
        var lower = max(1, Int((total.max() ?? 0) - 1e-9 * Double(units.count) + 0.999_999_999))
        var upper = usable.count
        if reference.unplaced.isEmpty, let placement = reference.placement {
            upper = min(upper, max(lower, placement.usedHosts.count))
        }
        lower = min(lower, upper)
        let pinnedOutside = units.contains { $0.contains { vm in instance.vms[vm].pinned } }
        var best: PackingState? = nil
        // Feasibility is not monotone in k: first a few increments from the lower bound (the
        // Increment variant of Mommessin et al.), then binary search below the best k found.
        let lowerBound = lower
        for k in lowerBound..<min(upper, lowerBound + incrementTries) {
            if let state = attempt(instance, units: units, demands: demands, weights: weights, hosts: Array(usable.prefix(k))) {
                return PackingSupport.result(state, unplacedUnits: [], method: name, goal: goal)
            }
            lower = k + 1
        }
        if let state = attempt(instance, units: units, demands: demands, weights: weights, hosts: Array(usable.prefix(upper))) {
            best = state
            while lower < upper {
                let middle = (lower + upper) / 2
                if let state = attempt(instance, units: units, demands: demands, weights: weights, hosts: Array(usable.prefix(middle))) {
                    upper = middle
                    best = state
                } else { lower = middle + 1 }
            }
        }
        guard let state = best else {
            var fallback = reference
            fallback.method = name
            fallback.notes.append("multi-bin packing found no packing of all VMs\(pinnedOutside ? " (pinned VMs)" : ""); first-fit decreasing result returned")
            return fallback
        }
        return PackingSupport.result(state, unplacedUnits: [], method: name, goal: goal)
    }

    /// Packs every unit into `hosts` or returns nil.
    func attempt(_ instance: Instance, units: [[Int]], demands: [[Double]], weights: [Double], hosts: [Int]) -> PackingState? {
        var state = PackingState(instance: instance)
        let d = instance.dimensionCount
        var alive = Array(repeating: true, count: units.count)
        // Pinned units first, on their host (which must be among `hosts`).
        let hostSet = Set(hosts)
        for (i, unit) in units.enumerated() {
            if let vm = unit.first(where: { instance.vms[$0].pinned }), let h = instance.vms[vm].currentHost {
                guard hostSet.contains(h), PackingSupport.tryPlace(unit, on: h, state: &state) else { return nil }
                alive[i] = false
            }
        }
        func quickFits(_ i: Int, _ h: Int) -> Bool {
            if !instance.sharedMemory.isEmpty { return true }
            let capacity = instance.hosts[h].capacity.values
            for k in 0..<d {
                let r = capacity[k] - state.load[(h) * d + (k)]
                if demands[i][k] > r + 1e-9 * max(1, abs(r)) { return false }
            }
            return true
        }
        switch rule {
        case .pairing, .pairingCosine:
            var run = PairingRun(instance: instance, units: units, demands: demands, weights: weights, hosts: hosts,
                                 cosine: rule == .pairingCosine, state: state, alive: alive)
            return run.pack()
        case .wfd:
            func measure(_ vector: [Double], _ capacity: [Double]) -> Double {
                var s = 0.0
                for k in 0..<d where capacity[k] > 0 { s += weights[k] * vector[k] / capacity[k] }
                return s
            }
            let scale = instance.largestCapacity
            let key = demands.map { measure($0, scale) }
            let order = PackingSupport.decreasing(units, key: key, instance: instance)
            var loadMeasure = hosts.map { h in measure((0..<d).map { state.load[(h) * d + ($0)] }, instance.hosts[h].capacity.values) }
            for i in order where alive[i] {
                var chosen: Int? = nil
                for b in hosts.indices where chosen == nil || loadMeasure[b] < loadMeasure[chosen!] {
                    if quickFits(i, hosts[b]) && PackingSupport.fits(units[i], on: hosts[b], state: &state) { chosen = b }
                }
                guard let b = chosen else { return nil }
                _ = PackingSupport.tryPlace(units[i], on: hosts[b], state: &state)
                loadMeasure[b] = measure((0..<d).map { state.load[(hosts[b]) * d + ($0)] }, instance.hosts[hosts[b]].capacity.values)
            }
            return state
        }
    }
}
