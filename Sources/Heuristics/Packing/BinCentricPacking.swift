import PlacementModel

/// Bin-centric vector bin packing: open one host (index order), repeatedly add the remaining VM
/// (affinity group as one unit) that best matches the host's residual capacity, and open the
/// next host only when nothing fits any more.
///
/// Scores, with demand `u` and residual `r` normalised by the host's capacity and weights `w`:
/// * `dot` (`bc-dot…`): maximise Σ w_k·u_k·r_k (Panigrahy et al.'s DotProduct);
/// * `cos` (`bc-cos…`): maximise the normalised dot product (cosine of demand and residual);
/// * `l2` (`bc-l2…`): minimise Σ w_k·(r_k − u_k)² (Panigrahy et al.'s L2 norm).
/// Weights: uniform (`bc-dot`), the average normalised demand of all VMs (`bc-dot-avg`), or the
/// total normalised demand of the VMs still to pack, updated after each placement (`bc-dot-dyn`).
///
/// Panigrahy, Talwar, Uyeda, Wieder, "Heuristics for Vector Bin Packing" (MSR, 2011); bin-centric
/// family of Mommessin, Erlebach, Shakhlevich (Computers & OR, 2024).
///
/// - Complexity: O(n²·d + m·n·d) for n VMs, m hosts, d dimensions (every placement scans the
///   VMs left that still fit the open host; a VM too large for it is dropped from its scans).
public struct BinCentricPacking: PlacementMethod {
    public enum Score: String, Sendable, CaseIterable { case dot, cos, l2 }
    public enum Weighting: String, Sendable, CaseIterable { case uniform = "", average = "-avg", dynamic = "-dyn" }
    public let score: Score
    public let weighting: Weighting

    public init(score: Score, weighting: Weighting = .uniform) {
        self.score = score
        self.weighting = weighting
    }

    public var name: String { "bc-\(score.rawValue)\(weighting.rawValue)" }
    public var summary: String {
        "bin-centric: fill one host at a time with the VM whose demand best matches its residual (\(score == .dot ? "dot product" : score == .cos ? "cosine" : "L2 distance"), \(weighting == .uniform ? "uniform" : weighting == .average ? "average-demand" : "dynamic remaining-demand") weights)"
    }
    public var citation: String { "Panigrahy, Talwar, Uyeda, Wieder, Heuristics for Vector Bin Packing, MSR 2011" }
    public var goals: Set<Goal> { [.place, .consolidate] }
    public var workGrowth: WorkGrowth { .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let d = instance.dimensionCount
        let units = PackingSupport.units(instance)
        let demands = units.map { PackingSupport.demand(of: $0, instance) }
        let scale = instance.largestCapacity
        let normalised = demands.map { instance.normalise($0, by: scale) }
        var weights = Array(repeating: 1.0, count: d)
        var remainingDemand = Array(repeating: 0.0, count: d)
        for u in normalised { for k in 0..<d { remainingDemand[k] += u[k] } }
        if weighting == .average { weights = remainingDemand.map { $0 / Double(max(units.count, 1)) } }
        if weighting == .dynamic { weights = remainingDemand }
        var state = PackingState(instance: instance)
        // Pinned VMs go to their hosts first.
        var remaining: [Int] = []
        var unplaced: [[Int]] = []
        for (i, unit) in units.enumerated() {
            if let vm = unit.first(where: { instance.vms[$0].pinned }), let h = instance.vms[vm].currentHost {
                if PackingSupport.tryPlace(unit, on: h, state: &state) {
                    for k in 0..<d { remainingDemand[k] -= normalised[i][k] }
                } else { unplaced.append(unit) }
            } else { remaining.append(i) }
        }
        if weighting == .dynamic { weights = remainingDemand }
        // Flat demands, and demands normalised by each distinct host capacity (computed once):
        // the scan over the remaining VMs reads only flat arrays.
        let sharing = !instance.sharedMemory.isEmpty
        var flatDemand = [Double](repeating: 0, count: units.count * d)
        for i in units.indices { for k in 0..<d { flatDemand[i * d + k] = demands[i][k] } }
        var tables: [[Double]: [Double]] = [:]
        var residual = [Double](repeating: 0, count: d)
        var limit = [Double](repeating: 0, count: d)
        var relative = [Double](repeating: 0, count: d)
        var taken = [Bool](repeating: false, count: units.count)
        for h in instance.hosts.indices where !remaining.isEmpty && instance.hosts[h].state != .maintenance {
            let capacity = instance.hosts[h].capacity.values
            let table: [Double]
            if let known = tables[capacity] { table = known } else {
                var values = [Double](repeating: 0, count: units.count * d)
                for i in units.indices { for k in 0..<d where capacity[k] > 0 { values[i * d + k] = flatDemand[i * d + k] / capacity[k] } }
                tables[capacity] = values
                table = values
            }
            // VMs that may still fit h, in the order of `remaining`: a VM refused by capacity is
            // dropped for good (h's residual only shrinks while it is filled), so later scans of h
            // skip it; the best VM is the first of highest score, as in a scan of `remaining`.
            var candidates = remaining
            var values = [Double](repeating: 0, count: candidates.count)
            var placed = false
            while true {
                for k in 0..<d {
                    residual[k] = capacity[k] - state.load[(h) * d + (k)]
                    limit[k] = residual[k] + 1e-9 * max(1, abs(residual[k]))
                    relative[k] = capacity[k] > 0 ? residual[k] / capacity[k] : 0
                }
                // Drop the candidates that no longer fit by capacity, score the others.
                let kept = scan(&candidates, &values, d: d, capacity: capacity, flatDemand: flatDemand, table: table,
                                limit: sharing ? nil : limit, relative: relative, weights: weights)
                candidates.removeLast(candidates.count - kept)
                // The first candidate of highest score that every rule admits.
                var best: Int? = nil
                var bestValue = -Double.infinity
                for position in 0..<kept where best == nil || values[position] > bestValue {
                    guard PackingSupport.fits(units[candidates[position]], on: h, state: &state) else { continue }
                    best = position
                    bestValue = values[position]
                }
                guard let position = best else { break }
                let i = candidates.remove(at: position)
                values.remove(at: position)
                taken[i] = true
                placed = true
                _ = PackingSupport.tryPlace(units[i], on: h, state: &state)
                if weighting == .dynamic {
                    for k in 0..<d { remainingDemand[k] -= normalised[i][k] }
                    weights = remainingDemand
                }
            }
            if placed { remaining.removeAll { taken[$0] } }
        }
        unplaced += remaining.map { units[$0] }
        return PackingSupport.result(state, unplacedUnits: unplaced, method: name, goal: goal)
    }
}

extension BinCentricPacking {
    /// Keeps, in order, the candidates whose demand is within `limit` in every dimension (all of
    /// them when `limit` is nil) and writes their scores to `values`; returns how many were kept.
    /// Scores: see the type's documentation (`u` = demand / capacity from `table`, `r` = relative
    /// residual).
    func scan(_ candidates: inout [Int], _ values: inout [Double], d: Int, capacity: [Double], flatDemand: [Double], table: [Double],
              limit: [Double]?, relative: [Double], weights: [Double]) -> Int {
        let score = score
        return candidates.withUnsafeMutableBufferPointer { candidates in
            values.withUnsafeMutableBufferPointer { values in
                flatDemand.withUnsafeBufferPointer { demand in
                    table.withUnsafeBufferPointer { table in
                        capacity.withUnsafeBufferPointer { capacity in
                            relative.withUnsafeBufferPointer { relative in
                                weights.withUnsafeBufferPointer { weights in
                                    var kept = 0
                                    for read in 0..<candidates.count {
                                        let i = candidates[read]
                                        if let limit {
                                            var fits = true
                                            for k in 0..<d where demand[i * d + k] > limit[k] { fits = false; break }
                                            guard fits else { continue }
                                        }
                                        var value = 0.0
                                        switch score {
                                        case .dot:
                                            for k in 0..<d where capacity[k] > 0 { value += weights[k] * table[i * d + k] * relative[k] }
                                        case .l2:
                                            for k in 0..<d where capacity[k] > 0 {
                                                let u = table[i * d + k], r = relative[k]
                                                value += -weights[k] * (r - u) * (r - u)
                                            }
                                        case .cos:
                                            var uu = 0.0, rr = 0.0
                                            for k in 0..<d where capacity[k] > 0 {
                                                let u = table[i * d + k], r = relative[k]
                                                value += weights[k] * u * r
                                                uu += weights[k] * u * u
                                                rr += weights[k] * r * r
                                            }
                                            value = uu > 0 && rr > 0 ? value / (uu * rr).squareRoot() : 0
                                        }
                                        candidates[kept] = i
                                        values[kept] = value
                                        kept += 1
                                    }
                                    return kept
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension PackingSupport {
    /// Whether every member of `unit` can join `host` now (rules included); leaves `state` unchanged.
    static func fits(_ unit: [Int], on host: Int, state: inout PackingState) -> Bool {
        if unit.count == 1 { return state.canPlace(vm: unit[0], on: host) }
        guard tryPlace(unit, on: host, state: &state) else { return false }
        for vm in unit.reversed() { state.remove(vm: vm) }
        return true
    }
}
