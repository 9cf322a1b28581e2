import Heuristics
import LinearProgramming
import PlacementModel

/// The compact model of ``FormulationBuilder/build(_:goal:options:deadline:)`` while it is being
/// built: what the instance, goal and options imply (effective capacities, objective weights,
/// symmetric host groups, VM ranks), then one step per family of columns and rows, in the order
/// the model lists them. The steps only add to ``mip``; ``mapping()`` describes the result.
///
/// - Complexity: O(n·m·d + n²·m) for all steps (n VMs, m hosts, d dimensions; the n² term only
///   with conflict cliques).
struct CompactModelDraft {
    let instance: Instance
    let goal: Goal
    let options: FormulationOptions
    let n: Int, m: Int, d: Int
    let memory: Int?
    /// VMs in a memory-sharing pair (their memory demand is not checked alone).
    let sharesMemory: [Bool]
    /// Effective capacity per host and dimension (hotspot: scaled by the overload threshold).
    let capacity: [[Double]]
    let terms: ObjectiveTerms
    /// Interchangeable hosts kept after truncation, in order, and the hosts truncated away.
    let keptGroups: [[Int]]
    let dropped: Set<Int>
    /// Position of a host in its kept group, when symmetry breaking is on.
    let positionInGroup: [Int: Int]
    /// VMs in decreasing normalised size, and each VM's rank in that order.
    let order: [Int]
    let rank: [Int]

    var mip: MIP
    var assignment: [[Int: Int]]
    var vmsOnHost: [[Int]]
    var hostColumns: [Int?]
    var utilisationColumn: Int?
    var splitColumns: [Int?]
    var sharingColumns: [[Int: Int]]

    static let tolerance = FormulationBuilder.tolerance

    /// Which objective terms the model carries, and their weights.
    struct ObjectiveTerms {
        var host: Double
        var needsHostColumns: Bool
        var utilisation: Double
        var migration: Double
        var countsMigrations: Bool
        var traffic: Double

        init(goal: Goal, options: FormulationOptions, weights w: ObjectiveWeights) {
            let objective = options.objective
            switch objective {
            case .goal: host = (goal == .place || goal == .consolidate) ? w.hosts : 0
            case .hostCost: host = 1
            default: host = 0
            }
            needsHostColumns = host != 0 || options.hostCostLimit != nil
                || (objective == .goal && (goal == .place || goal == .consolidate))
            switch objective {
            case .goal: utilisation = goal == .balance ? 1 : (goal == .place || goal == .consolidate) ? w.balance : 0
            case .maximumUtilisation: utilisation = 1
            default: utilisation = 0
            }
            switch objective {
            case .goal: migration = goal == .hotspot ? 1 : w.migration
            case .migrationCost: migration = 1
            default: migration = 0
            }
            countsMigrations = objective == .migrationCount
            traffic = objective == .goal ? w.traffic : 0
        }
    }

    init(_ instance: Instance, goal: Goal, options: FormulationOptions) {
        self.instance = instance
        self.goal = goal
        self.options = options
        n = instance.vms.count
        m = instance.hosts.count
        d = instance.dimensionCount
        memory = instance.memoryDimension
        var shares = Array(repeating: false, count: n)
        for pair in memory == nil ? [] : instance.sharedMemory where pair.amount > 0 {
            shares[pair.first] = true
            shares[pair.second] = true
        }
        sharesMemory = shares
        capacity = Self.effectiveCapacity(instance, goal: goal)
        terms = ObjectiveTerms(goal: goal, options: options, weights: instance.weights)
        (keptGroups, dropped) = Self.symmetricGroups(instance, capacity: capacity, options: options, hostTerm: terms.host)
        var position: [Int: Int] = [:]
        if options.symmetryBreaking {
            for group in keptGroups { for (j, h) in group.enumerated() { position[h] = j } }
        }
        positionInGroup = position
        (order, rank) = Self.sizeOrder(instance)
        mip = MIP(name: "vmplace_\(goal.rawValue)")
        assignment = Array(repeating: [:], count: n)
        vmsOnHost = Array(repeating: [], count: m)
        hostColumns = Array(repeating: nil, count: m)
        utilisationColumn = nil
        splitColumns = Array(repeating: nil, count: instance.traffic.count)
        sharingColumns = Array(repeating: [:], count: instance.sharedMemory.count)
    }

    // MARK: What the instance implies

    static func effectiveCapacity(_ instance: Instance, goal: Goal) -> [[Double]] {
        (0..<instance.hosts.count).map { h in
            (0..<instance.dimensionCount).map { k in
                let c = instance.hosts[h].capacity[k]
                return goal == .hotspot ? c * min(1, instance.overloadThreshold(host: h, dimension: k)) : c
            }
        }
    }

    /// Groups of empty, rule-free, identical hosts (at least two), each truncated to the hosts an
    /// optimum can afford under the options' objective bound and host-cost limit.
    static func symmetricGroups(_ instance: Instance, capacity: [[Double]], options: FormulationOptions,
                                hostTerm: Double) -> (kept: [[Int]], dropped: Set<Int>) {
        let d = instance.dimensionCount, w = instance.weights
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
        for h in 0..<instance.hosts.count where instance.hosts[h].state != .maintenance && !referenced.contains(h) {
            let host = instance.hosts[h]
            let key = HostKey(capacity: capacity[h] + (0..<d).map { host.capacity[$0] }, cost: host.openCost,
                              site: host.site, rack: host.rack, state: host.state)
            if groupsByKey[key] == nil { groupOrder.append(key) }
            groupsByKey[key, default: []].append(h)
        }
        let nonNegativeTerms = instance.traffic.allSatisfy { $0.amount >= 0 } && w.migration >= 0 && w.traffic >= 0 && w.balance >= 0
        var dropped = Set<Int>()
        var kept: [[Int]] = []
        for group in groupOrder.compactMap({ groupsByKey[$0] }) where group.count >= 2 {
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
            kept.append(Array(group.prefix(keep)))
        }
        return (kept, dropped)
    }

    /// VMs in decreasing size normalised by the largest capacity per dimension (index breaks ties).
    static func sizeOrder(_ instance: Instance) -> (order: [Int], rank: [Int]) {
        let n = instance.vms.count, d = instance.dimensionCount
        var scale = Array(repeating: 0.0, count: d)
        for host in instance.hosts { for k in 0..<d { scale[k] = max(scale[k], host.capacity[k]) } }
        let size = (0..<n).map { v in (0..<d).reduce(0.0) { $0 + (scale[$1] > 0 ? instance.vms[v].demand[$1] / scale[$1] : 0) } }
        let order = (0..<n).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var rank = Array(repeating: 0, count: n)
        for (r, v) in order.enumerated() { rank[v] = r }
        return (order, rank)
    }

    func fitsAlone(_ v: Int, _ h: Int) -> Bool {
        for k in 0..<d {
            if sharesMemory[v] && k == memory { continue }
            let limit = capacity[h][k]
            if instance.vms[v].demand[k] > limit + Self.tolerance * max(1, abs(limit)) { return false }
        }
        return true
    }

    // MARK: Columns

    /// x[v,h] for every eligible pair that fits alone (symmetry: a VM only on the first hosts of a
    /// group, up to its rank), costed with the migration terms.
    mutating func addAssignmentColumns(deadline: Deadline) throws {
        for v in 0..<n {
            if deadline.isExpired { throw FormulationError.deadlineReached }
            for h in 0..<m where !dropped.contains(h) && instance.isEligible(vm: v, host: h) && fitsAlone(v, h) {
                if let j = positionInGroup[h], j > rank[v] { continue }
                var cost = 0.0
                if let current = instance.vms[v].currentHost, current != h {
                    if terms.migration != 0 { cost += terms.migration * instance.migrationCost(vm: v, to: h) }
                    if terms.countsMigrations { cost += 1 }
                }
                assignment[v][h] = mip.addColumn(.binary("x_v\(v)_h\(h)", objective: cost))
            }
            if assignment[v].isEmpty { throw FormulationError.noHostForVM(vm: v, id: instance.vms[v].id) }
        }
        for v in 0..<n { for h in assignment[v].keys { vmsOnHost[h].append(v) } }
        for h in 0..<m { vmsOnHost[h].sort() }
    }

    /// y[h] (host used), U (maximum utilisation, at most the stage limit), s[p] (traffic pair split), z[p,h] (sharing pair
    /// co-located), as the objective and rules need them.
    mutating func addAuxiliaryColumns() {
        if terms.needsHostColumns {
            for h in 0..<m where !vmsOnHost[h].isEmpty {
                hostColumns[h] = mip.addColumn(.binary("y_h\(h)", objective: terms.host * instance.hosts[h].openCost))
            }
        }
        if terms.utilisation != 0 || options.maximumUtilisationLimit != nil {
            let limit = options.maximumUtilisationLimit.map { $0 + 1e-9 * max(1, abs($0)) } ?? .infinity
            utilisationColumn = mip.addColumn(MIP.Column(name: "U", lowerBound: 0, upperBound: limit, objective: terms.utilisation))
        }
        if terms.traffic != 0 {
            for (p, pair) in instance.traffic.enumerated() where pair.first != pair.second && pair.amount != 0 {
                splitColumns[p] = mip.addColumn(MIP.Column(name: "s_p\(p)", lowerBound: 0, upperBound: 1,
                                                           objective: terms.traffic * pair.amount))
            }
        }
        if memory != nil {
            for (p, pair) in instance.sharedMemory.enumerated() where pair.amount > 0 && pair.first != pair.second {
                for h in assignment[pair.first].keys.sorted() where assignment[pair.second][h] != nil {
                    sharingColumns[p][h] = mip.addColumn(MIP.Column(name: "z_p\(p)_h\(h)", lowerBound: 0, upperBound: 1))
                }
            }
        }
    }

    // MARK: Rows

    /// Σ_h x[v,h] = 1.
    mutating func addAssignmentRows() {
        for v in 0..<n {
            let columns = assignment[v].sorted { $0.key < $1.key }.map(\.value)
            mip.addRow(MIP.Row(name: "assign_v\(v)", columns: columns, coefficients: columns.map { _ in 1 },
                               lowerBound: 1, upperBound: 1))
        }
    }

    /// Capacity (less the memory a sharing pair saves) per host and dimension, the utilisation
    /// rows under U, and x ≤ y for the VMs no capacity row links to y.
    mutating func addCapacityRows(deadline: Deadline) throws {
        var savingOnHost = Array(repeating: [(column: Int, amount: Double)](), count: m)
        for (p, pair) in instance.sharedMemory.enumerated() {
            for (h, column) in sharingColumns[p] { savingOnHost[h].append((column, pair.amount)) }
        }
        for h in 0..<m { savingOnHost[h].sort { $0.column < $1.column } }
        for h in 0..<m where !vmsOnHost[h].isEmpty {
            if deadline.isExpired { throw FormulationError.deadlineReached }
            for k in 0..<d { addCapacityRow(host: h, dimension: k, savings: savingOnHost[h]) }
            addLinkingRows(host: h)
        }
    }

    private mutating func addCapacityRow(host h: Int, dimension k: Int, savings: [(column: Int, amount: Double)]) {
        var columns: [Int] = [], coefficients: [Double] = []
        var total = 0.0
        for v in vmsOnHost[h] where instance.vms[v].demand[k] != 0 {
            columns.append(assignment[v][h]!)
            coefficients.append(instance.vms[v].demand[k])
            total += instance.vms[v].demand[k]
        }
        if k == memory {
            for (column, amount) in savings { columns.append(column); coefficients.append(-amount) }
        }
        if columns.isEmpty { return }
        // Rows are divided by the capacity, so coefficients are fractions of the host whatever
        // the units (bytes or cores): GLPK's absolute tolerances then mean the same on every
        // instance, and large capacities cannot make it misjudge feasibility.
        let limit = capacity[h][k]
        let scale = limit > 0 ? 1 / limit : 1
        if let y = hostColumns[h] {
            mip.addRow(MIP.Row(name: "cap_h\(h)_k\(k)", columns: columns + [y],
                               coefficients: coefficients.map { $0 * scale } + [-limit * scale], upperBound: 0))
        } else if total > limit * (1 + Self.tolerance) {
            mip.addRow(MIP.Row(name: "cap_h\(h)_k\(k)", columns: columns, coefficients: coefficients.map { $0 * scale },
                               upperBound: limit * scale))
        }
        let full = instance.hosts[h].capacity[k]
        if let u = utilisationColumn, full > 0 {
            mip.addRow(MIP.Row(name: "util_h\(h)_k\(k)", columns: columns + [u], coefficients: coefficients.map { $0 / full } + [-1],
                               upperBound: 0))
        }
    }

    /// x[v,h] ≤ y[h] for VMs that no capacity row ties to y (or all, if asked).
    private mutating func addLinkingRows(host h: Int) {
        guard let y = hostColumns[h] else { return }
        for v in vmsOnHost[h] {
            let silent = (0..<d).allSatisfy { instance.vms[v].demand[$0] == 0 }
            if options.disaggregatedLinking || silent {
                mip.addRow(MIP.Row(name: "link_v\(v)_h\(h)", columns: [assignment[v][h]!, y], coefficients: [1, -1], upperBound: 0))
            }
        }
    }

    /// Σ_{v∈g} x[v,h] ≤ y[h] (or ≤ 1 without y).
    mutating func addAntiAffinityRows() {
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
    }

    /// Every member of an affinity group on its leader's host: x[v,h] = x[leader,h].
    mutating func addAffinityRows() {
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
    }

    /// Traffic: s[p] ≥ x[a,h] − x[b,h].
    mutating func addTrafficRows() {
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
    }

    /// Sharing: z[p,h] ≤ x[a,h] and z[p,h] ≤ x[b,h].
    mutating func addSharingRows() {
        for (p, pair) in instance.sharedMemory.enumerated() {
            for (h, z) in sharingColumns[p].sorted(by: { $0.key < $1.key }) {
                mip.addRow(MIP.Row(name: "shA_p\(p)_h\(h)", columns: [z, assignment[pair.first][h]!], coefficients: [1, -1], upperBound: 0))
                mip.addRow(MIP.Row(name: "shB_p\(p)_h\(h)", columns: [z, assignment[pair.second][h]!], coefficients: [1, -1], upperBound: 0))
            }
        }
    }

    /// y ordered inside each kept group of interchangeable hosts.
    mutating func addSymmetryRows() {
        guard options.symmetryBreaking else { return }
        for (g, group) in keptGroups.enumerated() where group.count >= 2 {
            for j in 0..<(group.count - 1) {
                if let a = hostColumns[group[j]], let b = hostColumns[group[j + 1]] {
                    mip.addRow(MIP.Row(name: "sym_g\(g)_j\(j)", columns: [a, b], coefficients: [1, -1], lowerBound: 0))
                }
            }
        }
    }

    /// Σ_{v∈C} x[v,h] ≤ y[h] for the cliques of the conflict graph (when the graph is small enough).
    mutating func addConflictCliqueRows(deadline: Deadline) throws {
        guard options.conflictCliques, terms.needsHostColumns, n * n * max(1, m) <= 20_000_000 else { return }
        if deadline.isExpired { throw FormulationError.deadlineReached }
        let cliques = FormulationBuilder.conflictCliques(instance, assignment: assignment, capacity: capacity, order: order,
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

    /// Σ y ≥ the best bin-packing bound (hosts of one capacity) or the given minimum, and the
    /// host-cost limit.
    mutating func addHostCountRows() {
        let yColumns = hostColumns.compactMap { $0 }
        guard terms.needsHostColumns, !yColumns.isEmpty else { return }
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

    /// Migration count limits: the budget caps voluntary migrations (forced ones are exempt, see
    /// PlacementModel.ForcedMigrations); the lexicographic limit counts every migration.
    mutating func addMigrationCountRows() {
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
    }

    // MARK: Result

    /// How the built model's columns relate to the instance.
    func mapping() -> FormulationMapping {
        func integral(_ x: Double) -> Bool { abs(x - x.rounded()) < 1e-9 }
        let objectiveIsIntegral = mip.columns.allSatisfy { integral($0.objective) } && utilisationColumn == nil
        return FormulationMapping(instance: instance, goal: goal, options: options, assignment: assignment,
                                  hostColumns: hostColumns, utilisationColumn: utilisationColumn,
                                  splitColumns: splitColumns, sharingColumns: sharingColumns,
                                  symmetricGroups: keptGroups, rank: rank, objectiveIsIntegral: objectiveIsIntegral,
                                  columnCount: mip.columns.count, allGroups: keptGroups)
    }
}
