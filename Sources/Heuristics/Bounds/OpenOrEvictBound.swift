import PlacementModel

/// A lower bound on the consolidation objective at a migration cost: every host is either open
/// (its cost paid) or closed, and then every VM on it now leaves (at least its cheapest migration
/// cost, ``GoalLowerBounds/minimumLeavingCosts(_:)``); the open hosts must hold the whole demand
/// in every dimension (memory less every shared page, counted once). Host h with cost c_h and
/// eviction cost M_h gives the covering LP
///
///     min Σ_h M_h + y_h·(c_h − M_h)   s.t.  Σ_h y_h·capacity_hk ≥ demand_k (every k),  0 ≤ y ≤ 1,
///
/// (y_h = 1 for a host with a pinned VM), bounded from below by its Lagrangian dual
/// L(λ) = Σ_h M_h + λ·demand + Σ_h min(0, c_h − M_h − λ·capacity_h) for any λ ≥ 0 — weak duality, so
/// every λ the projected subgradient ascent visits certifies its value (Held & Karp, Operations
/// Research 1970; Fisher, Management Science 1981). VMs that must leave anyway (maintenance,
/// rules) add their cost; hosts in maintenance are closed; the balance term adds
/// weights.balance × the volume bound on the maximum utilisation.
/// - Complexity: O(n·s + iterations · m·d) (s sites, 200 iterations).
public enum OpenOrEvictBound {
    /// Subgradient steps.
    static let iterations = 200

    /// The bound, nil when weights or costs are negative or nothing positive is certified.
    public static func objective(_ instance: Instance) -> Double? {
        guard GoalLowerBounds.isNonNegative(instance), !instance.vms.isEmpty else { return nil }
        let w = instance.weights, d = instance.dimensionCount, m = instance.hosts.count
        let leaving = GoalLowerBounds.minimumLeavingCosts(instance)
        var evict = [Double](repeating: 0, count: m)
        var pinnedHere = [Bool](repeating: false, count: m)
        var forced = 0.0
        for (v, vm) in instance.vms.enumerated() {
            guard let h = vm.currentHost else { continue }
            if GoalLowerBounds.mustLeave(instance, vm: v) { forced += leaving[v]; continue }
            if vm.pinned { pinnedHere[h] = true }
            evict[h] += w.migration * leaving[v]
        }
        let open = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        let cost = open.map { w.hosts * instance.hosts[$0].openCost }
        let eviction = open.map { evict[$0] }
        let capacity = open.map { h in (0..<d).map { instance.hosts[h].capacity[$0] } }
        let fixed = open.map { pinnedHere[$0] }
        var demand = (0..<d).map { k in instance.vms.reduce(0.0) { $0 + $1.demand[k] } }
        if let memory = instance.memoryDimension, memory < d {
            demand[memory] -= instance.sharedMemory.reduce(0.0) { $0 + max(0, $1.amount) }
        }
        let dual = lagrangianDual(cost: cost, eviction: eviction, capacity: capacity, fixedOpen: fixed, demand: demand)
        let value = dual + w.migration * forced + w.balance * GoalLowerBounds.maximumUtilisation(instance)
        return value > 0 ? value : nil
    }

    /// The best L(λ) over a projected subgradient ascent from λ = 0, steps scaled per dimension.
    static func lagrangianDual(cost: [Double], eviction: [Double], capacity: [[Double]], fixedOpen: [Bool],
                               demand: [Double]) -> Double {
        let d = demand.count
        let base = eviction.reduce(0, +)
        // A step of 1 in λ_k moves a host's reduced cost by about its capacity: scale by the mean
        // host cost over the mean capacity.
        let meanCost = max(1e-12, (cost.reduce(0, +) + base) / Double(max(1, cost.count)))
        let scale = (0..<d).map { k in
            let mean = capacity.reduce(0.0) { $0 + $1[k] } / Double(max(1, capacity.count))
            return mean > 0 ? meanCost / mean : 0
        }
        var lambda = [Double](repeating: 0, count: d)
        var best = -Double.infinity
        for t in 0..<iterations {
            var value = base
            for k in 0..<d { value += lambda[k] * demand[k] }
            var gradient = demand
            for h in cost.indices {
                var reduced = cost[h] - eviction[h]
                for k in 0..<d { reduced -= lambda[k] * capacity[h][k] }
                if reduced < 0 || fixedOpen[h] {
                    value += reduced
                    for k in 0..<d { gradient[k] -= capacity[h][k] }
                }
            }
            best = max(best, value)
            let norm = (0..<d).reduce(0.0) { $0 + pow2(gradient[$1] * scale[$1]) }.squareRoot()
            guard norm > 1e-12 else { break }
            let step = 2.0 / Double(t + 1) / norm
            for k in 0..<d { lambda[k] = max(0, lambda[k] + step * gradient[k] * scale[k] * scale[k]) }
        }
        return best
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
