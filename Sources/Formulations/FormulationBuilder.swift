import Heuristics
import LinearProgramming
import PlacementModel

/// How the columns of a built ``MIP`` relate to the instance: reads a placement back from a
/// solution, and writes a placement (e.g. a heuristic's) as a solution vector for injection.
public struct FormulationMapping: Sendable {
    public let instance: Instance
    public let goal: Goal
    public let options: FormulationOptions
    /// `assignment[v][h]` = column of x[v,h] (VM v on host h), absent when not modelled.
    public let assignment: [[Int: Int]]
    /// Column of y[h] (host h used), when the model has one.
    public let hostColumns: [Int?]
    /// Column of the maximum utilisation U, when the model has one.
    public let utilisationColumn: Int?
    /// Column s[p] (traffic pair p split) per traffic pair, when modelled.
    public let splitColumns: [Int?]
    /// `sharingColumns[p][h]` = column z[p,h] (pair p co-located on h, memory saved).
    public let sharingColumns: [[Int: Int]]
    /// Groups of interchangeable hosts (kept hosts only, in order) whose symmetry was broken.
    public let symmetricGroups: [[Int]]
    /// Rank of each VM in decreasing-size order (symmetry breaking).
    public let rank: [Int]
    /// True when every solution's objective is an integer (integral coefficients on integral
    /// quantities), so ⌈bound⌉ is a bound too.
    public let objectiveIsIntegral: Bool
    /// Number of columns of the model.
    public let columnCount: Int

    /// The placement a solution encodes (each VM on the host of its largest x value).
    public func placement(from values: [Double]) -> Placement {
        var placement = Placement.empty(instance.vms.count)
        for v in assignment.indices {
            var best: (host: Int, value: Double)?
            for (h, column) in assignment[v].sorted(by: { $0.key < $1.key }) where column < values.count {
                let value = values[column]
                if value > 0.5, best == nil || value > best!.value { best = (h, value) }
            }
            placement[v] = best?.host
        }
        return placement
    }

    /// Relabels hosts inside each symmetric group into the canonical order the model demands
    /// (used hosts first, ordered by their highest-ranked VM). Objective and feasibility are unchanged.
    public func canonical(_ placement: Placement) -> Placement {
        var result = placement
        guard options.symmetryBreaking else { return result }
        for group in allGroups {
            let members = Set(group)
            var first: [Int: Int] = [:]
            for (v, host) in placement.hostOfVM.enumerated() {
                guard let host, members.contains(host) else { continue }
                first[host] = min(first[host] ?? Int.max, rank[v])
            }
            let used = first.keys.sorted { first[$0]! < first[$1]! }
            var relabel: [Int: Int] = [:]
            for (j, host) in used.enumerated() where j < group.count { relabel[host] = group[j] }
            for (v, host) in placement.hostOfVM.enumerated() {
                if let host, let target = relabel[host] { result[v] = target }
            }
        }
        return result
    }

    /// Full groups (before truncation) used by ``canonical(_:)``.
    let allGroups: [[Int]]

    /// A solution vector for `placement` (canonicalised first); throws when it cannot be written in
    /// this model's columns. Feasibility is not checked here (``LinearProgramming/MIP/violations(_:tolerance:)`` does).
    public func values(for original: Placement) throws -> [Double] {
        let placement = canonical(original)
        var values = Array(repeating: 0.0, count: columnCount)
        for (v, host) in placement.hostOfVM.enumerated() {
            guard let host else { throw FormulationError.placementNotRepresentable("VM \(instance.vms[v].id) is unplaced") }
            guard let column = assignment[v][host] else {
                throw FormulationError.placementNotRepresentable("VM \(instance.vms[v].id) on host \(instance.hosts[host].id) has no column")
            }
            values[column] = 1
            if let y = hostColumns[host] { values[y] = 1 }
        }
        if let u = utilisationColumn { values[u] = instance.maximumUtilisation(placement) }
        for (p, pair) in instance.traffic.enumerated() {
            guard let s = splitColumns[p] else { continue }
            let together = placement[pair.first] != nil && placement[pair.first] == placement[pair.second]
            values[s] = together ? 0 : 1
        }
        for (p, pair) in instance.sharedMemory.enumerated() {
            if let a = placement[pair.first], a == placement[pair.second], let z = sharingColumns[p][a] { values[z] = 1 }
        }
        return values
    }
}

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
