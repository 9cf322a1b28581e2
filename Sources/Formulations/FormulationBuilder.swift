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
        let n = instance.vms.count, m = instance.hosts.count, d = instance.dimensionCount
        let w = instance.weights
        let memory = instance.memoryDimension
        let sharingPairs = memory == nil ? [] : instance.sharedMemory
        var sharesMemory = Array(repeating: false, count: n)
        for pair in sharingPairs where pair.amount > 0 { sharesMemory[pair.first] = true; sharesMemory[pair.second] = true }

        // Effective capacity (hotspot: overload threshold).
        let capacity: [[Double]] = (0..<m).map { h in
            (0..<d).map { k in
                let c = instance.hosts[h].capacity[k]
                return goal == .hotspot ? c * min(1, instance.overloadThreshold(host: h, dimension: k)) : c
            }
        }
        func fitsAlone(_ v: Int, _ h: Int) -> Bool {
            for k in 0..<d {
                if sharesMemory[v] && k == memory { continue }
                let limit = capacity[h][k]
                if instance.vms[v].demand[k] > limit + tolerance * max(1, abs(limit)) { return false }
            }
            return true
        }

        // Which terms the objective has.
        let objective = options.objective
        let hostTerm: Double = {
            switch objective {
            case .goal: return (goal == .place || goal == .consolidate) ? w.hosts : 0
            case .hostCost: return 1
            default: return 0
            }
        }()
        let needY = hostTerm != 0 || options.hostCostLimit != nil || (objective == .goal && (goal == .place || goal == .consolidate))
        let utilisationTerm: Double = {
            switch objective {
            case .goal:
                if goal == .balance { return 1 }
                if goal == .place || goal == .consolidate { return w.balance }
                return 0
            case .maximumUtilisation: return 1
            default: return 0
            }
        }()
        let migrationWeight: Double = {
            switch objective {
            case .goal: return goal == .hotspot ? 1 : w.migration
            case .migrationCost: return 1
            default: return 0
            }
        }()
        let countMigrations = objective == .migrationCount
        let trafficWeight: Double = objective == .goal ? w.traffic : 0

        // Symmetric groups: empty, rule-free, identical hosts.
        var referenced = Set<Int>()
        for vm in instance.vms {
            if let current = vm.currentHost { referenced.insert(current) }
            for h in vm.allowedHosts ?? [] { referenced.insert(h) }
            for h in vm.forbiddenHosts { referenced.insert(h) }
        }
        struct HostKey: Hashable {
            var capacity: [Double]; var cost: Double; var site: String?; var rack: String?; var state: HostState
        }
        var groupsByKey: [HostKey: [Int]] = [:]
        var groupOrder: [HostKey] = []
        for h in 0..<m where instance.hosts[h].state != .maintenance && !referenced.contains(h) {
            let host = instance.hosts[h]
            let key = HostKey(capacity: capacity[h] + (0..<d).map { instance.hosts[h].capacity[$0] }, cost: host.openCost,
                              site: host.site, rack: host.rack, state: host.state)
            if groupsByKey[key] == nil { groupOrder.append(key) }
            groupsByKey[key, default: []].append(h)
        }
        let fullGroups = groupOrder.compactMap { groupsByKey[$0] }.filter { $0.count >= 2 }

        // Truncate groups to what an optimum can afford.
        var dropped = Set<Int>()
        var keptGroups: [[Int]] = []
        let nonNegativeTerms = instance.traffic.allSatisfy { $0.amount >= 0 } && w.migration >= 0 && w.traffic >= 0 && w.balance >= 0
        for group in fullGroups {
            var keep = group.count
            let cost = instance.hosts[group[0]].openCost
            if let ub = options.objectiveUpperBound, nonNegativeTerms, hostTerm > 0, cost > 0 {
                keep = min(keep, Int((ub / (hostTerm * cost) + 1e-9).rounded(.down)))
            }
            if let limit = options.hostCostLimit, cost > 0 {
                keep = min(keep, Int((limit / cost + 1e-9).rounded(.down)))
            }
            keep = max(keep, 0)
            for h in group.dropFirst(keep) { dropped.insert(h) }
            keptGroups.append(Array(group.prefix(keep)))
        }
        var positionInGroup: [Int: Int] = [:]
        if options.symmetryBreaking {
            for group in keptGroups { for (j, h) in group.enumerated() { positionInGroup[h] = j } }
        }

        // Rank in decreasing normalised size.
        var scale = Array(repeating: 0.0, count: d)
        for host in instance.hosts { for k in 0..<d { scale[k] = max(scale[k], host.capacity[k]) } }
        let size = (0..<n).map { v in (0..<d).reduce(0.0) { $0 + (scale[$1] > 0 ? instance.vms[v].demand[$1] / scale[$1] : 0) } }
        let order = (0..<n).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var rank = Array(repeating: 0, count: n)
        for (r, v) in order.enumerated() { rank[v] = r }

        var mip = MIP(name: "vmplace_\(goal.rawValue)")
        // x columns.
        var assignment = Array(repeating: [Int: Int](), count: n)
        for v in 0..<n {
            if deadline.isExpired { throw FormulationError.deadlineReached }
            for h in 0..<m where !dropped.contains(h) && instance.isEligible(vm: v, host: h) && fitsAlone(v, h) {
                if let j = positionInGroup[h], j > rank[v] { continue }
                var cost = 0.0
                if let current = instance.vms[v].currentHost, current != h {
                    if migrationWeight != 0 { cost += migrationWeight * instance.migrationCost(vm: v, to: h) }
                    if countMigrations { cost += 1 }
                }
                assignment[v][h] = mip.addColumn(.binary("x_v\(v)_h\(h)", objective: cost))
            }
            if assignment[v].isEmpty { throw FormulationError.noHostForVM(vm: v, id: instance.vms[v].id) }
        }
        // y columns.
        var hostColumns = Array(repeating: Int?.none, count: m)
        var vmsOnHost = Array(repeating: [Int](), count: m)
        for v in 0..<n { for h in assignment[v].keys { vmsOnHost[h].append(v) } }
        for h in 0..<m { vmsOnHost[h].sort() }
        if needY {
            for h in 0..<m where !vmsOnHost[h].isEmpty {
                hostColumns[h] = mip.addColumn(.binary("y_h\(h)", objective: hostTerm * instance.hosts[h].openCost))
            }
        }
        let utilisationColumn: Int? = utilisationTerm != 0
            ? mip.addColumn(MIP.Column(name: "U", lowerBound: 0, objective: utilisationTerm)) : nil
        var splitColumns = Array(repeating: Int?.none, count: instance.traffic.count)
        if trafficWeight != 0 {
            for (p, pair) in instance.traffic.enumerated() where pair.first != pair.second && pair.amount != 0 {
                splitColumns[p] = mip.addColumn(MIP.Column(name: "s_p\(p)", lowerBound: 0, upperBound: 1,
                                                           objective: trafficWeight * pair.amount))
            }
        }
        var sharingColumns = Array(repeating: [Int: Int](), count: instance.sharedMemory.count)
        if memory != nil {
            for (p, pair) in instance.sharedMemory.enumerated() where pair.amount > 0 && pair.first != pair.second {
                for h in assignment[pair.first].keys.sorted() where assignment[pair.second][h] != nil {
                    sharingColumns[p][h] = mip.addColumn(MIP.Column(name: "z_p\(p)_h\(h)", lowerBound: 0, upperBound: 1))
                }
            }
        }

        // Assignment rows.
        for v in 0..<n {
            let columns = assignment[v].sorted { $0.key < $1.key }.map(\.value)
            mip.addRow(MIP.Row(name: "assign_v\(v)", columns: columns, coefficients: columns.map { _ in 1 },
                               lowerBound: 1, upperBound: 1))
        }
        // Capacity and utilisation rows.
        var savingOnHost = Array(repeating: [(column: Int, amount: Double)](), count: m)
        for (p, pair) in instance.sharedMemory.enumerated() {
            for (h, column) in sharingColumns[p] { savingOnHost[h].append((column, pair.amount)) }
        }
        for h in 0..<m { savingOnHost[h].sort { $0.column < $1.column } }
        for h in 0..<m where !vmsOnHost[h].isEmpty {
            if deadline.isExpired { throw FormulationError.deadlineReached }
            for k in 0..<d {
                var columns: [Int] = [], coefficients: [Double] = []
                var total = 0.0
                for v in vmsOnHost[h] where instance.vms[v].demand[k] != 0 {
                    columns.append(assignment[v][h]!)
                    coefficients.append(instance.vms[v].demand[k])
                    total += instance.vms[v].demand[k]
                }
                if k == memory {
                    for (column, amount) in savingOnHost[h] { columns.append(column); coefficients.append(-amount) }
                }
                if columns.isEmpty { continue }
                // Rows are divided by the capacity, so coefficients are fractions of the host
                // whatever the units (bytes or cores): GLPK's absolute tolerances then mean the
                // same on every instance, and large capacities cannot make it misjudge feasibility.
                let limit = capacity[h][k]
                let scale = limit > 0 ? 1 / limit : 1
                if let y = hostColumns[h] {
                    mip.addRow(MIP.Row(name: "cap_h\(h)_k\(k)", columns: columns + [y],
                                       coefficients: coefficients.map { $0 * scale } + [-limit * scale], upperBound: 0))
                } else if total > limit * (1 + tolerance) {
                    mip.addRow(MIP.Row(name: "cap_h\(h)_k\(k)", columns: columns, coefficients: coefficients.map { $0 * scale },
                                       upperBound: limit * scale))
                }
                let full = instance.hosts[h].capacity[k]
                if let u = utilisationColumn, full > 0 {
                    mip.addRow(MIP.Row(name: "util_h\(h)_k\(k)", columns: columns + [u], coefficients: coefficients.map { $0 / full } + [-1],
                                       upperBound: 0))
                }
            }
            // Linking for VMs that no capacity row ties to y (or all, if asked).
            if let y = hostColumns[h] {
                for v in vmsOnHost[h] {
                    let silent = (0..<d).allSatisfy { instance.vms[v].demand[$0] == 0 }
                    if options.disaggregatedLinking || silent {
                        mip.addRow(MIP.Row(name: "link_v\(v)_h\(h)", columns: [assignment[v][h]!, y], coefficients: [1, -1], upperBound: 0))
                    }
                }
            }
        }
        // Anti-affinity.
        for (g, rule) in instance.antiAffinity.enumerated() {
            let members = Array(Set(rule.vms)).sorted()
            for h in 0..<m {
                let columns = members.compactMap { assignment[$0][h] }
                guard columns.count >= 2 else { continue }
                if let y = hostColumns[h] {
                    mip.addRow(MIP.Row(name: "anti_g\(g)_h\(h)", columns: columns + [y], coefficients: columns.map { _ in 1 } + [-1], upperBound: 0))
                } else {
                    mip.addRow(MIP.Row(name: "anti_g\(g)_h\(h)", columns: columns, coefficients: columns.map { _ in 1 }, upperBound: 1))
                }
            }
        }
        // Affinity: every member on the leader's host.
        for (g, rule) in instance.affinity.enumerated() {
            let members = Array(Set(rule.vms)).sorted()
            guard let leader = members.first else { continue }
            for v in members.dropFirst() {
                let hosts = Set(assignment[v].keys).union(assignment[leader].keys).sorted()
                for h in hosts {
                    switch (assignment[leader][h], assignment[v][h]) {
                    case let (a?, b?):
                        mip.addRow(MIP.Row(name: "aff_g\(g)_v\(v)_h\(h)", columns: [b, a], coefficients: [1, -1], lowerBound: 0, upperBound: 0))
                    case let (a?, nil), let (nil, a?):
                        mip.addRow(MIP.Row(name: "aff_g\(g)_v\(v)_h\(h)", columns: [a], coefficients: [1], lowerBound: 0, upperBound: 0))
                    case (nil, nil): break
                    }
                }
            }
        }
        // Traffic: s[p] ≥ x[a,h] − x[b,h].
        for (p, pair) in instance.traffic.enumerated() {
            guard let s = splitColumns[p] else { continue }
            for (h, a) in assignment[pair.first].sorted(by: { $0.key < $1.key }) {
                if let b = assignment[pair.second][h] {
                    mip.addRow(MIP.Row(name: "split_p\(p)_h\(h)", columns: [a, b, s], coefficients: [1, -1, -1], upperBound: 0))
                } else {
                    mip.addRow(MIP.Row(name: "split_p\(p)_h\(h)", columns: [a, s], coefficients: [1, -1], upperBound: 0))
                }
            }
        }
        // Sharing: z ≤ both x.
        for (p, pair) in instance.sharedMemory.enumerated() {
            for (h, z) in sharingColumns[p].sorted(by: { $0.key < $1.key }) {
                mip.addRow(MIP.Row(name: "shA_p\(p)_h\(h)", columns: [z, assignment[pair.first][h]!], coefficients: [1, -1], upperBound: 0))
                mip.addRow(MIP.Row(name: "shB_p\(p)_h\(h)", columns: [z, assignment[pair.second][h]!], coefficients: [1, -1], upperBound: 0))
            }
        }
        // Symmetry: y ordered inside each kept group.
        if options.symmetryBreaking {
            for (g, group) in keptGroups.enumerated() where group.count >= 2 {
                for j in 0..<(group.count - 1) {
                    if let a = hostColumns[group[j]], let b = hostColumns[group[j + 1]] {
                        mip.addRow(MIP.Row(name: "sym_g\(g)_j\(j)", columns: [a, b], coefficients: [1, -1], lowerBound: 0))
                    }
                }
            }
        }
        // Conflict cliques.
        if options.conflictCliques, needY, n * n * max(1, m) <= 20_000_000 {
            if deadline.isExpired { throw FormulationError.deadlineReached }
            let cliques = conflictCliques(instance, assignment: assignment, capacity: capacity, order: order,
                                          sharesMemory: sharesMemory)
            for (c, clique) in cliques.enumerated() {
                for h in 0..<m {
                    guard let y = hostColumns[h] else { continue }
                    let columns = clique.compactMap { assignment[$0][h] }
                    guard columns.count >= 2 else { continue }
                    mip.addRow(MIP.Row(name: "clq_c\(c)_h\(h)", columns: columns + [y], coefficients: columns.map { _ in 1 } + [-1], upperBound: 0))
                }
            }
        }
        if deadline.isExpired { throw FormulationError.deadlineReached }
        // Bound rows on the number of used hosts.
        let yColumns = hostColumns.compactMap { $0 }
        if needY, !yColumns.isEmpty {
            var bound = options.minimumOpenHosts ?? 0
            if options.boundRows {
                let modelled = (0..<m).filter { hostColumns[$0] != nil }
                // Every VM sits on a modelled host, all of one capacity: bin-packing bounds apply.
                if modelled.allSatisfy({ capacity[$0] == capacity[modelled[0]] }) {
                    var sizes = instance.vms.map { $0.demand.values }
                    if let memory, sharesMemory.contains(true) { for v in 0..<n { sizes[v][memory] = 0 } }
                    bound = max(bound, BinPackingBounds.best(sizes: sizes, capacity: capacity[modelled[0]]))
                }
            }
            if bound > 0 {
                mip.addRow(MIP.Row(name: "hosts_lb", columns: yColumns, coefficients: yColumns.map { _ in 1 }, lowerBound: Double(bound)))
            }
            if let limit = options.hostCostLimit {
                let costs = (0..<m).compactMap { h in hostColumns[h].map { _ in instance.hosts[h].openCost } }
                mip.addRow(MIP.Row(name: "host_cost_limit", columns: yColumns, coefficients: costs,
                                   upperBound: limit + 1e-9 * max(1, abs(limit))))
            }
        }
        // Migration count limits: the budget caps voluntary migrations (forced ones are exempt,
        // see PlacementModel.ForcedMigrations); the lexicographic limit counts every migration.
        let forced = options.migrationBudget == nil ? nil : instance.forcedMigrations
        for (name, limit, exempt) in [("migration_budget", options.migrationBudget, forced), ("migration_limit", options.migrationCountLimit, nil)] {
            guard let limit else { continue }
            var columns: [Int] = []
            for v in 0..<n where !(exempt?.contains(v) ?? false) {
                guard let current = instance.vms[v].currentHost else { continue }
                for (h, column) in assignment[v].sorted(by: { $0.key < $1.key }) where h != current { columns.append(column) }
            }
            if !columns.isEmpty {
                mip.addRow(MIP.Row(name: name, columns: columns, coefficients: columns.map { _ in 1 }, upperBound: Double(limit)))
            }
        }

        func integral(_ x: Double) -> Bool { abs(x - x.rounded()) < 1e-9 }
        let objectiveIsIntegral = mip.columns.allSatisfy { integral($0.objective) } && utilisationColumn == nil
        let mapping = FormulationMapping(instance: instance, goal: goal, options: options, assignment: assignment,
                                         hostColumns: hostColumns, utilisationColumn: utilisationColumn,
                                         splitColumns: splitColumns, sharingColumns: sharingColumns,
                                         symmetricGroups: keptGroups, rank: rank, objectiveIsIntegral: objectiveIsIntegral,
                                         columnCount: mip.columns.count, allGroups: keptGroups)
        return (mip, mapping)
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
