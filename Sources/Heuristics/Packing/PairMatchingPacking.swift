import PlacementModel

/// Pair matching (`pair-matching`): when no three VMs fit on one host together, every packing
/// puts at most two VMs on a host, so a packing is a matching of the compatibility graph (VMs
/// that fit on one host together) plus single VMs, and a maximum matching gives an optimal one:
/// matched pairs share a host, every other VM is alone — n − ν hosts, which is the matching
/// bound of ``HostLowerBound``. Hosts are taken in index order, pairs and single VMs by their
/// smallest VM index. Applies to instances without rules whose hosts all have one capacity
/// (none in maintenance); otherwise, or when some triple fits (or the capped triple search cannot
/// tell), the first-fit decreasing (sum) packing is returned with a note.
///
/// Maximum matching: Edmonds, "Paths, trees, and flowers", Canadian Journal of Mathematics 17
/// (1965); see ``MaximumMatching``.
///
/// - Complexity: O(n²·d) for the conflict graph, the triple search (≤ 2·10⁶ triples), and
///   O(n·(n + e)) for the matching (e compatible pairs); n VMs, d dimensions.
public struct PairMatchingPacking: PlacementMethod {
    public init() {}

    public var name: String { "pair-matching" }
    public var summary: String { "exact when no three VMs fit a host: maximum matching of the VMs that fit together (else FFD)" }
    public var citation: String { "Edmonds, Paths, trees, and flowers, Canadian Journal of Mathematics 1965" }
    public var goals: Set<Goal> { [.place, .consolidate] }
    public var workGrowth: WorkGrowth { .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        if let result = matched(instance, goal: goal) { return result }
        var fallback = try FitDecreasing(measure: .sum, fit: .first).solve(instance, goal: goal, options: options)
        fallback.method = name
        fallback.notes.append("pair matching applies only without rules, on hosts of one capacity, when no three VMs fit a host: first-fit decreasing result returned")
        return fallback
    }

    /// The matching packing, or nil when it does not apply.
    func matched(_ instance: Instance, goal: Goal) -> SolveResult? {
        let d = instance.dimensionCount, n = instance.vms.count
        guard n > 0, let first = instance.hosts.first, PackingSupport.isCapacityOnly(instance),
              instance.hosts.allSatisfy({ $0.capacity == first.capacity }) else { return nil }
        var demand = [Double](repeating: 0, count: n * d)
        for v in 0..<n { for k in 0..<d { demand[v * d + k] = instance.vms[v].demand.values[k] } }
        let graph = ConflictGraph(demand: demand, n: n, d: d, capacity: first.capacity.values)
        guard graph.tripleMembers(stopAt: 1, workLimit: HostLowerBound.tripleWork) == 0 else { return nil }
        let mate = MaximumMatching.mates(graph.compatibleNeighbours())
        var state = PackingState(instance: instance)
        var host = 0
        for v in 0..<n where state.placement[v] == nil {
            guard host < instance.hosts.count, state.canPlace(vm: v, on: host) else { return nil }
            state.place(vm: v, on: host)
            if mate[v] >= 0 {
                guard state.canPlace(vm: mate[v], on: host) else { return nil }
                state.place(vm: mate[v], on: host)
            }
            host += 1
        }
        let pairs = mate.filter { $0 >= 0 }.count / 2
        return PackingSupport.result(state, unplacedUnits: [], method: name, goal: goal,
                                     notes: ["no three VMs fit on one host: a maximum matching of \(pairs) pair(s) gives the optimum, \(n - pairs) host(s)"])
    }
}
