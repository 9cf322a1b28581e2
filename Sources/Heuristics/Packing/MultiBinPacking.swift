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
            return pairing(instance, units: units, demands: demands, weights: weights, hosts: hosts, state: state, alive: alive)
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

    /// Pairing over `hosts`: repeatedly the (VM, host) pair of highest score (ties: lowest VM,
    /// then lowest host) among the pairs that fit. Each host keeps the list of VMs that fit it
    /// with their scores and the position of its best one; a list is rebuilt (O(n·d)) only when
    /// its host receives a VM — what fits a host and its scores change only then — and rescanned
    /// (O(n), no scores recomputed) when its best VM is taken by another host; hosts still equal
    /// in capacity and load share one list (without rules). Without rules a try also stops as
    /// soon as the VMs left exceed, in some dimension, the residual capacity of the hosts that can
    /// still take one of them: it could not succeed.
    func pairing(_ instance: Instance, units: [[Int]], demands: [[Double]], weights: [Double], hosts: [Int],
                 state initial: PackingState, alive initialAlive: [Bool]) -> PackingState? {
        var state = initial
        var alive = initialAlive
        let d = instance.dimensionCount
        let cosine = rule == .pairingCosine
        let capacityOnly = PackingSupport.isCapacityOnly(instance)
        let sharing = !instance.sharedMemory.isEmpty
        let capacities = hosts.map { instance.hosts[$0].capacity.values }
        // Demands normalised by each distinct host capacity vector, computed once.
        var classOf = [Int](repeating: 0, count: hosts.count)
        var classIndex: [[Double]: Int] = [:]
        var normalised: [[Double]] = []
        for b in hosts.indices {
            if let c = classIndex[capacities[b]] { classOf[b] = c; continue }
            let capacity = capacities[b]
            var table = [Double](repeating: 0, count: units.count * d)
            for i in units.indices { for k in 0..<d where capacity[k] > 0 { table[i * d + k] = demands[i][k] / capacity[k] } }
            classOf[b] = normalised.count
            classIndex[capacity] = normalised.count
            normalised.append(table)
        }
        var flatDemand = [Double](repeating: 0, count: units.count * d)
        for i in units.indices { for k in 0..<d { flatDemand[i * d + k] = demands[i][k] } }
        var limit = [Double](repeating: 0, count: d)
        var relative = [Double](repeating: 0, count: d)
        // Candidate lists: VMs that fit, their scores, and the position of the best live one
        // (−1: none will ever be alive again).
        var listUnits: [[Int]] = []
        var listScores: [[Double]] = []
        var listBest: [Int] = []
        var listOf = [Int](repeating: 0, count: hosts.count)
        var users: [Int] = []
        /// Fills list `g` with the VMs alive that fit host `b` now, scored.
        func build(_ b: Int, into g: Int) {
            let h = hosts[b]
            let capacity = capacities[b]
            let table = normalised[classOf[b]]
            for k in 0..<d {
                let r = capacity[k] - state.load[h * d + k]
                limit[k] = r + 1e-9 * max(1, abs(r))
                relative[k] = capacity[k] > 0 ? r / capacity[k] : 0
            }
            var unitsOut: [Int] = []
            var scoresOut: [Double] = []
            swap(&unitsOut, &listUnits[g])
            swap(&scoresOut, &listScores[g])
            unitsOut.removeAll(keepingCapacity: true)
            scoresOut.removeAll(keepingCapacity: true)
            var best = -1
            var bestScore = 0.0
            for i in units.indices where alive[i] {
                if !sharing {
                    var fits = true
                    for k in 0..<d where flatDemand[i * d + k] > limit[k] { fits = false; break }
                    guard fits else { continue }
                }
                guard capacityOnly || PackingSupport.fits(units[i], on: h, state: &state) else { continue }
                var score = 0.0, uu = 0.0, rr = 0.0
                for k in 0..<d where capacity[k] > 0 {
                    let u = table[i * d + k], r = relative[k]
                    score += weights[k] * u * r
                    uu += weights[k] * u * u
                    rr += weights[k] * r * r
                }
                if cosine { score = uu > 0 && rr > 0 ? score / (uu * rr).squareRoot() : 0 }
                if best < 0 || score > bestScore { best = unitsOut.count; bestScore = score }
                unitsOut.append(i)
                scoresOut.append(score)
            }
            swap(&unitsOut, &listUnits[g])
            swap(&scoresOut, &listScores[g])
            listBest[g] = best
        }
        /// A new, empty candidate list used by one host; its index.
        func newList() -> Int {
            listUnits.append([])
            listScores.append([])
            listBest.append(-1)
            users.append(1)
            return listUnits.count - 1
        }
        var shared: [[Double]: Int] = [:]
        for b in hosts.indices {
            if capacityOnly {
                let h = hosts[b]
                let key = (0..<d).map { state.load[h * d + $0] } + capacities[b]
                if let g = shared[key] { listOf[b] = g; users[g] += 1; continue }
                shared[key] = listUnits.count
            }
            listOf[b] = newList()
            build(b, into: listOf[b])
        }
        /// Position in list `g` of its best live VM (highest score, then lowest VM), or nil.
        func top(_ g: Int) -> Int? {
            let current = listBest[g]
            if current < 0 { return nil }
            if alive[listUnits[g][current]] { return current }
            var best = -1
            var bestScore = 0.0
            for (position, i) in listUnits[g].enumerated() where alive[i] {
                let score = listScores[g][position]
                if best < 0 || score > bestScore { best = position; bestScore = score }
            }
            listBest[g] = best
            return best < 0 ? nil : best
        }
        // Without rules: demand left and residual capacity of the hosts still open (that can
        // take some VM left), per dimension, for the early stop.
        var demandLeft = [Double](repeating: 0, count: d)
        var openResidual = [Double](repeating: 0, count: d)
        var margin = [Double](repeating: 0, count: d)
        var closed = [Bool](repeating: false, count: hosts.count)
        if capacityOnly {
            for i in units.indices where alive[i] { for k in 0..<d { demandLeft[k] += flatDemand[i * d + k] } }
            for b in hosts.indices {
                for k in 0..<d {
                    let capacity = capacities[b][k]
                    openResidual[k] += capacity - state.load[hosts[b] * d + k]
                    margin[k] += 2e-9 * max(1, abs(capacity)) + 1e-7 * abs(capacity)
                }
            }
        }
        var left = alive.filter { $0 }.count
        while left > 0 {
            var pick: (bin: Int, unit: Int, score: Double)? = nil
            var closedNow = false
            for b in hosts.indices {
                let g = listOf[b]
                guard let position = top(g) else {
                    if capacityOnly && !closed[b] {
                        closed[b] = true
                        closedNow = true
                        for k in 0..<d { openResidual[k] -= capacities[b][k] - state.load[hosts[b] * d + k] }
                    }
                    continue
                }
                let unit = listUnits[g][position], score = listScores[g][position]
                if pick == nil || score > pick!.score || (score == pick!.score && unit < pick!.unit) {
                    pick = (b, unit, score)
                }
            }
            guard let chosen = pick else { return nil }
            if closedNow && (0..<d).contains(where: { demandLeft[$0] > openResidual[$0] + margin[$0] }) { return nil }
            let b = chosen.bin
            _ = PackingSupport.tryPlace(units[chosen.unit], on: hosts[b], state: &state)
            alive[chosen.unit] = false
            left -= 1
            if capacityOnly {
                for k in 0..<d {
                    demandLeft[k] -= flatDemand[chosen.unit * d + k]
                    openResidual[k] -= flatDemand[chosen.unit * d + k]
                }
            }
            if users[listOf[b]] > 1 {
                // b leaves the list it shared with equal hosts.
                users[listOf[b]] -= 1
                listOf[b] = newList()
            }
            build(b, into: listOf[b])
        }
        return state
    }
}
