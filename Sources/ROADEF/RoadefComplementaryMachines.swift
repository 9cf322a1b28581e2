import PlacementModel

/// Machines of a machine-LNS sub-problem chosen by complementary slack: the costliest of a few
/// random machines, then, one at a time, the machine of a few random others whose free room below
/// the safety capacity best covers the load excess not yet covered (Σ_r weight_r ·
/// min(uncovered excess_r, room_r)), or a random one when none has room where it is needed. A
/// sub-MIP over machines whose spare resources complement each other's excess can lower the load
/// cost, where two random machines rarely can. Our selection rule, in the spirit of the
/// sub-problem selection studied by Jaśkowski, Szubert & Gawron ("A hybrid MIP-based large
/// neighborhood search heuristic for solving the machine reassignment problem", Annals of OR
/// 242, 2016).
/// - Complexity: O(k · samples · R) for k machines.
public enum RoadefComplementaryMachines {
    /// Random machines the first (costly) machine and each partner are drawn from.
    public static let samples = 8

    /// `count` distinct machines (sorted), drawn from `random`.
    public static func choose(_ state: RoadefSearchState, count: Int, random: inout SplitMix64) -> [Int] {
        let machineCount = state.model.machineCount
        let k = min(count, machineCount)
        var chosen = [state.costliestMachine((0..<samples).map { _ in Int(random.next() % UInt64(machineCount)) })]
        var uncovered = excess(state, machine: chosen[0])
        while chosen.count < k {
            let candidates = (0..<samples).map { _ in Int(random.next() % UInt64(machineCount)) }.filter { !chosen.contains($0) }
            var next = partner(state, covering: uncovered, among: candidates) ?? -1
            while next < 0 || chosen.contains(next) { next = Int(random.next() % UInt64(machineCount)) }
            for r in uncovered.indices { uncovered[r] = max(0, uncovered[r] - room(state, machine: next, resource: r)) }
            chosen.append(next)
        }
        return chosen.sorted()
    }

    /// Load excess of m over its safety capacity, per resource.
    public static func excess(_ state: RoadefSearchState, machine m: Int) -> [Int64] {
        let R = state.model.resourceCount
        return (0..<R).map { r in max(0, state.usage[m * R + r] - state.model.safetyCapacity(m, r)) }
    }

    /// The candidate with the largest Σ_r weight_r · min(uncovered_r, room_r) (ties to the first),
    /// or nil when none has room where some excess is uncovered.
    public static func partner(_ state: RoadefSearchState, covering uncovered: [Int64], among candidates: [Int]) -> Int? {
        var best: (machine: Int, cover: Int64)? = nil
        for m in candidates {
            var cover: Int64 = 0
            for r in uncovered.indices where uncovered[r] > 0 {
                cover += state.model.loadCostWeight[r] * min(uncovered[r], room(state, machine: m, resource: r))
            }
            if cover > 0 && (best.map { cover > $0.cover } ?? true) { best = (m, cover) }
        }
        return best?.machine
    }

    /// Free room of m in r below its safety capacity.
    static func room(_ state: RoadefSearchState, machine m: Int, resource r: Int) -> Int64 {
        max(0, state.model.safetyCapacity(m, r) - state.usage[m * state.model.resourceCount + r])
    }
}
