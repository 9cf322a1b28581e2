import Heuristics
import LinearProgramming
import PlacementModel

/// Builds the exact placement model of an instance for a goal: the assignment MIP with host,
/// migration, traffic and memory-sharing terms, every rule, and the strengthening that pays
/// (symmetry breaking in groups of interchangeable hosts, conflict cliques, L1/L2/clique bound
/// rows, host set cut at a heuristic's value).
///
/// Model (x[v,h] ∈ {0,1} VM v on host h for eligible pairs; y[h] ∈ {0,1} host used; U ≥ 0 maximum
/// utilisation; s[p] ∈ [0,1] traffic pair split; z[p,h] ∈ [0,1] sharing pair co-located on h):
/// * Σ_h x[v,h] = 1; capacity Σ_v d_vk x[v,h] − Σ_p m_p z[p,h]·[k = memory] ≤ C_hk·y_h (C scaled
///   by the overload threshold for hotspot mitigation); U·C_hk ≥ the same load;
/// * anti-affinity Σ_{v∈g} x[v,h] ≤ y_h; affinity x[v,h] = x[g₀,h]; s[p] ≥ x[a,h] − x[b,h];
///   z[p,h] ≤ x[a,h], z[p,h] ≤ x[b,h];
/// * objective: exactly ``PlacementModel/Instance/objective(of:goal:)`` (or a lexicographic stage).
///
/// Martello, Toth, "Knapsack Problems" (1990), ch. 8 (bin packing ILP); Speitkamp, Bichler,
/// "A mathematical programming approach for server consolidation problems in virtualized data
/// centers", IEEE Trans. Services Computing 3(4) (2010) (static server allocation problem);
/// Mishra et al., IEEE Comm. Mag. 2012 (the goals and terms).
///
/// - Complexity: O(n·m·d + n²·m) to build (n VMs, m hosts, d dimensions; the n² term only with
///   conflict cliques); the model has O(n·m + |traffic| + |sharing|·m) columns.
public enum FormulationBuilder {
    static let tolerance = 1e-9

    /// Builds the model and its mapping. Throws ``FormulationError`` when some VM has no host, and
    /// ``FormulationError/deadlineReached`` once `deadline` has passed (polled per VM and per host).
    public static func build(_ instance: Instance, goal: Goal, options: FormulationOptions = FormulationOptions(),
                             deadline: Deadline = .none) throws -> (MIP, FormulationMapping) {
        var draft = CompactModelDraft(instance, goal: goal, options: options)
        try draft.addAssignmentColumns(deadline: deadline)
        draft.addAuxiliaryColumns()
        draft.addAssignmentRows()
        try draft.addCapacityRows(deadline: deadline)
        draft.addAntiAffinityRows()
        draft.addAffinityRows()
        draft.addTrafficRows()
        draft.addSharingRows()
        draft.addSymmetryRows()
        try draft.addConflictCliqueRows(deadline: deadline)
        if deadline.isExpired { throw FormulationError.deadlineReached }
        draft.addHostCountRows()
        draft.addMigrationCountRows()
        return (draft.mip, draft.mapping())
    }

    /// Greedy clique cover of the conflict graph (two VMs conflict when no modelled host takes
    /// both: capacity or a shared anti-affinity group). Cliques of at least three VMs, at most n.
    static func conflictCliques(_ instance: Instance, assignment: [[Int: Int]], capacity: [[Double]], order: [Int],
                                sharesMemory: [Bool]) -> [[Int]] {
        let n = instance.vms.count, d = instance.dimensionCount
        var anti = Array(repeating: Set<Int>(), count: n)
        for rule in instance.antiAffinity { for a in rule.vms { for b in rule.vms where a != b { anti[a].insert(b) } } }
        func conflict(_ a: Int, _ b: Int) -> Bool {
            if anti[a].contains(b) { return true }
            if sharesMemory[a] || sharesMemory[b] { return false }
            for (h, _) in assignment[a] where assignment[b][h] != nil {
                var fits = true
                for k in 0..<d where instance.vms[a].demand[k] + instance.vms[b].demand[k] > capacity[h][k] * (1 + tolerance) + tolerance {
                    fits = false
                    break
                }
                if fits { return false }
            }
            return true
        }
        var adjacency = Array(repeating: [Bool](repeating: false, count: n), count: n)
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) where conflict(i, j) { adjacency[i][j] = true; adjacency[j][i] = true } }
        var covered = Set<[Int]>()
        var cliques: [[Int]] = []
        for start in order {
            var clique = [start]
            for v in order where v != start && clique.allSatisfy({ adjacency[$0][v] }) { clique.append(v) }
            guard clique.count >= 3 else { continue }
            let key = clique.sorted()
            if covered.insert(key).inserted { cliques.append(key) }
            if cliques.count >= n { break }
        }
        return cliques
    }
}
