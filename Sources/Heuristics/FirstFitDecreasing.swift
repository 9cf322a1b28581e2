import PlacementModel

/// First-fit decreasing for vector bin packing: VMs in decreasing order of the sum of their
/// demands normalised by the largest host capacity, each to the first host (in index order,
/// current host first when it has one) where it fits and its rules allow.
///
/// Johnson (1973) for one dimension; the multi-dimensional "FFD-Sum" of Panigrahy et al.,
/// "Heuristics for Vector Bin Packing" (MSR, 2011).
///
/// - Complexity: O(n log n + n·m·d) for n VMs, m hosts, d dimensions.
public struct FirstFitDecreasing: PlacementMethod {
    public init() {}
    public var name: String { "ffd" }
    public var summary: String { "first-fit decreasing by normalised sum of demands" }
    public var citation: String { "Johnson 1973; Panigrahy et al., Heuristics for Vector Bin Packing, MSR 2011" }
    public var goals: Set<Goal> { [.place, .consolidate] }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        let d = instance.dimensionCount
        var scale = Array(repeating: 0.0, count: d)
        for host in instance.hosts { for k in 0..<d { scale[k] = max(scale[k], host.capacity[k]) } }
        func size(_ v: Int) -> Double {
            (0..<d).reduce(0) { $0 + (scale[$1] > 0 ? instance.vms[v].demand[$1] / scale[$1] : 0) }
        }
        let sizes = instance.vms.indices.map(size)
        let order = instance.vms.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        var state = PackingState(instance: instance)
        var unplaced: [UnplacedVM] = []
        for vm in order {
            if let host = instance.hosts.indices.first(where: { state.canPlace(vm: vm, on: $0) }) {
                state.place(vm: vm, on: host)
            } else {
                unplaced.append(UnplacedVM(vm: vm, reason: state.whyUnplaceable(vm: vm)))
            }
        }
        let placement = state.placement
        return SolveResult(status: unplaced.isEmpty ? .feasible : .infeasible, placement: placement,
                           objective: instance.objective(of: placement, goal: goal), method: name, goal: goal,
                           unplaced: unplaced.sorted { $0.vm < $1.vm })
    }
}
