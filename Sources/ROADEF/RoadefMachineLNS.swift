import GLPKSolver
import LinearProgramming
import PlacementModel

/// Large-neighbourhood search over a few machines (in the spirit of the MIP-based LNS of
/// Jaśkowski, Szubert & Gawron, "A hybrid MIP-based large neighborhood search heuristic for
/// solving the machine reassignment problem", Annals of OR 242, 2016): every process on k chosen
/// machines is freed and reassigned among those machines by an exact MIP on GLPK — capacity and
/// transient capacity, conflicts, spread, dependencies in the machines' neighbourhoods, load cost
/// (excess over safety), balance cost, process and machine move costs. The service-move maximum
/// is not in the MIP: the answer is applied, checked again with the incremental state, and undone
/// unless it is feasible and strictly cheaper in the full objective. The current assignment is given as incumbent.
/// - Complexity: building O(|F|·k·R + k·B) for |F| freed processes; the MIP is exponential in the
///   worst case, bounded by `timeLimit` per sub-problem.
public enum RoadefMachineLNS {
    /// Frees the processes of `machines` and reassigns them optimally among them; returns the
    /// cost change applied to `state` (0 when nothing better was found).
    public static func improve(_ state: RoadefSearchState, machines: [Int], timeLimit: Double) -> Int64 {
        let model = state.model
        let freed = (0..<model.processCount).filter { machines.contains(Int(state.assignment[$0])) }
        if freed.isEmpty || machines.count < 2 { return 0 }
        let (mip, columnOf) = formulation(state, machines: machines, freed: freed)
        let incumbent = incumbentValues(state, mip: mip, machines: machines, freed: freed, columnOf: columnOf)
        var options = MIPSolveOptions(timeLimit: timeLimit, incumbent: incumbent)
        if (try? options.validate(for: mip)) == nil { options.incumbent = nil }
        guard let result = try? GLPKSolver().solve(mip, options: options), result.hasSolution else { return 0 }
        return applyIfBetter(state, machines: machines, freed: freed, values: result.values, columnOf: columnOf)
    }

    /// Column index of x[p][m] (p the index into `freed`, m into `machines`), −1 when pruned.
    typealias ColumnMap = [[Int]]

    static func formulation(_ state: RoadefSearchState, machines: [Int], freed: [Int]) -> (MIP, ColumnMap) {
        let model = state.model, R = model.resourceCount
        var mip = MIP(name: "roadef_lns")
        var columnOf = ColumnMap(repeating: [Int](repeating: -1, count: machines.count), count: freed.count)
        for (i, p) in freed.enumerated() {
            let home = Int(state.initial[p])
            for (k, m) in machines.enumerated() where (0..<R).allSatisfy({ model.requirement(p, $0) <= model.capacity(m, $0) }) {
                var cost = model.weightMachineMove * model.machineMoveCost(from: home, to: m)
                if m != home { cost += model.weightProcessMove * model.processMoveCost[p] }
                columnOf[i][k] = mip.columns.count
                mip.columns.append(.binary("x_\(i)_\(k)", objective: Double(cost)))
            }
            let columns = columnOf[i].filter { $0 >= 0 }
            mip.rows.append(.init(name: "assign_\(i)", columns: columns, coefficients: columns.map { _ in 1 }, lowerBound: 1, upperBound: 1))
        }
        addMachineRows(&mip, state, machines: machines, freed: freed, columnOf: columnOf)
        addConflictRows(&mip, state, machines: machines, freed: freed, columnOf: columnOf)
        addDependencyRows(&mip, state, machines: machines, freed: freed, columnOf: columnOf)
        addSpreadRows(&mip, state, machines: machines, freed: freed, columnOf: columnOf)
        return (mip, columnOf)
    }

    /// Capacity, transient capacity, load excess and balance rows of each chosen machine.
    static func addMachineRows(_ mip: inout MIP, _ state: RoadefSearchState, machines: [Int], freed: [Int], columnOf: ColumnMap) {
        let model = state.model, R = model.resourceCount
        for (k, m) in machines.enumerated() {
            let placed = freed.indices.filter { columnOf[$0][k] >= 0 }
            func row(_ r: Int, homeOnly: Bool = false) -> (columns: [Int], coefficients: [Double]) {
                let chosen = placed.filter { !homeOnly || Int(state.initial[freed[$0]]) != m }
                return (chosen.map { columnOf[$0][k] }, chosen.map { Double(model.requirement(freed[$0], r)) })
            }
            for r in 0..<R {
                let (columns, coefficients) = row(r)
                mip.rows.append(.init(name: "cap_\(k)_\(r)", columns: columns, coefficients: coefficients, upperBound: Double(model.capacity(m, r))))
                if model.transient[r] {
                    // Processes at home on m count whatever happens; those moved away from m and
                    // not freed keep holding m's transient resource.
                    var held = state.transientUsage[m * R + r] - state.usage[m * R + r]
                    for p in freed where Int(state.initial[p]) == m {
                        if Int(state.assignment[p]) != m { held -= model.requirement(p, r) }
                        held += model.requirement(p, r)
                    }
                    let (tc, tk) = row(r, homeOnly: true)
                    mip.rows.append(.init(name: "tcap_\(k)_\(r)", columns: tc, coefficients: tk, upperBound: Double(model.capacity(m, r) - held)))
                }
                if model.loadCostWeight[r] > 0 {
                    let excess = mip.columns.count
                    mip.columns.append(.init(name: "e_\(k)_\(r)", objective: Double(model.loadCostWeight[r])))
                    mip.rows.append(.init(name: "load_\(k)_\(r)", columns: columns + [excess], coefficients: coefficients + [-1],
                                          upperBound: Double(model.safetyCapacity(m, r))))
                }
            }
            for (b, balance) in model.balanceCosts.enumerated() where balance.weight > 0 {
                let z = mip.columns.count
                mip.columns.append(.init(name: "z_\(k)_\(b)", objective: Double(balance.weight)))
                // z ≥ t·(c1 − Σ q1 x) − (c2 − Σ q2 x)  ⇔  z + Σ (t·q1 − q2) x ≥ t·c1 − c2
                let columns = placed.map { columnOf[$0][k] }
                let coefficients = placed.map { Double(balance.target * model.requirement(freed[$0], balance.first) - model.requirement(freed[$0], balance.second)) }
                mip.rows.append(.init(name: "bal_\(k)_\(b)", columns: columns + [z], coefficients: coefficients + [1],
                                      lowerBound: Double(balance.target * model.capacity(m, balance.first) - model.capacity(m, balance.second))))
            }
        }
    }

    /// At most one process of a service per machine.
    static func addConflictRows(_ mip: inout MIP, _ state: RoadefSearchState, machines: [Int], freed: [Int], columnOf: ColumnMap) {
        var byService = [Int32: [Int]]()
        for (i, p) in freed.enumerated() { byService[state.model.service[p], default: []].append(i) }
        for (s, group) in byService.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            for k in machines.indices {
                let columns = group.map { columnOf[$0][k] }.filter { $0 >= 0 }
                if columns.count > 1 {
                    mip.rows.append(.init(name: "conf_\(s)_\(k)", columns: columns, coefficients: columns.map { _ in 1 }, upperBound: 1))
                }
            }
        }
    }

    /// The x columns of service s's freed processes on chosen machines in neighbourhood (or
    /// location) `area`.
    static func columns(of s: Int32, in area: Int32, areaOf: [Int32], _ state: RoadefSearchState, machines: [Int], freed: [Int], columnOf: ColumnMap) -> [Int] {
        var result = [Int]()
        for (i, p) in freed.enumerated() where state.model.service[p] == s {
            for (k, m) in machines.enumerated() where areaOf[m] == area && columnOf[i][k] >= 0 { result.append(columnOf[i][k]) }
        }
        return result
    }

    /// Freed processes of s now in neighbourhood (or location) `area`.
    static func freedCount(of s: Int32, in area: Int32, areaOf: [Int32], _ state: RoadefSearchState, freed: [Int]) -> Int32 {
        Int32(freed.filter { state.model.service[$0] == s && areaOf[Int(state.assignment[$0])] == area }.count)
    }

    /// Dependencies in the chosen machines' neighbourhoods: a freed process of s placed in n
    /// needs each service s depends on in n (already there, or a freed process placed there); a
    /// service staying in n keeps its dependencies there.
    static func addDependencyRows(_ mip: inout MIP, _ state: RoadefSearchState, machines: [Int], freed: [Int], columnOf: ColumnMap) {
        let model = state.model
        let dependents = model.dependents()
        let services = Array(Set(freed.map { model.service[$0] })).sorted()
        for n in Array(Set(machines.map { model.neighborhood[$0] })).sorted() {
            func fixed(_ s: Int32) -> Int32 {
                state.processCount(service: Int(s), neighborhood: Int(n)) - freedCount(of: s, in: n, areaOf: model.neighborhood, state, freed: freed)
            }
            func placed(_ s: Int32) -> [Int] { columns(of: s, in: n, areaOf: model.neighborhood, state, machines: machines, freed: freed, columnOf: columnOf) }
            for s in services {
                let mine = placed(s)
                for d in model.dependencies[Int(s)] where d != s && fixed(d) == 0 {
                    let theirs = placed(d)
                    for x in mine {
                        mip.rows.append(.init(name: "dep_\(s)_\(d)_\(n)_\(x)", columns: [x] + theirs, coefficients: [1] + theirs.map { _ in -1 }, upperBound: 0))
                    }
                }
                // Services that stay in n and depend on s need s there.
                if fixed(s) == 0, dependents[Int(s)].contains(where: { $0 != s && fixed($0) > 0 }) {
                    mip.rows.append(.init(name: "keep_\(s)_\(n)", columns: mine, coefficients: mine.map { _ in 1 }, lowerBound: 1))
                }
            }
        }
    }

    /// Spread: each freed service keeps at least spreadMin locations (y[s][l] ≤ Σ x in l).
    static func addSpreadRows(_ mip: inout MIP, _ state: RoadefSearchState, machines: [Int], freed: [Int], columnOf: ColumnMap) {
        let model = state.model
        let locations = Array(Set(machines.map { model.location[$0] })).sorted()
        for s in Array(Set(freed.map { model.service[$0] })).sorted() where model.spreadMin[Int(s)] > 1 {
            var open = [Int32](), lost: Int32 = 0
            for l in locations {
                let now = state.processCount(service: Int(s), location: Int(l))
                let fixed = now - freedCount(of: s, in: l, areaOf: model.location, state, freed: freed)
                if fixed == 0 {
                    open.append(l)
                    if now > 0 { lost += 1 }
                }
            }
            let needed = model.spreadMin[Int(s)] - (state.locationsUsed(service: Int(s)) - lost)
            if needed <= 0 { continue }
            var indicators = [Int]()
            for l in open {
                let inside = columns(of: s, in: l, areaOf: model.location, state, machines: machines, freed: freed, columnOf: columnOf)
                let y = mip.columns.count
                mip.columns.append(.binary("y_\(s)_\(l)"))
                mip.rows.append(.init(name: "loc_\(s)_\(l)", columns: [y] + inside, coefficients: [1] + inside.map { _ in -1 }, upperBound: 0))
                indicators.append(y)
            }
            mip.rows.append(.init(name: "spread_\(s)", columns: indicators, coefficients: indicators.map { _ in 1 }, lowerBound: Double(needed)))
        }
    }

    /// The current assignment as a MIP solution (location indicators set, excess and balance
    /// columns at their minimum).
    static func incumbentValues(_ state: RoadefSearchState, mip: MIP, machines: [Int], freed: [Int], columnOf: ColumnMap) -> [Double] {
        var values = [Double](repeating: 0, count: mip.columns.count)
        for (i, p) in freed.enumerated() {
            guard let k = machines.firstIndex(of: Int(state.assignment[p])), columnOf[i][k] >= 0 else { return [] }
            values[columnOf[i][k]] = 1
        }
        for row in mip.rows where row.name.hasPrefix("loc_") {
            values[row.columns[0]] = row.columns.dropFirst().contains { values[$0] > 0.5 } ? 1 : 0
        }
        for row in mip.rows where row.name.hasPrefix("load_") || row.name.hasPrefix("bal_") {
            let slack = row.columns.last!
            var activity = 0.0
            for (c, a) in zip(row.columns.dropLast(), row.coefficients.dropLast()) { activity += a * values[c] }
            values[slack] = row.name.hasPrefix("load_") ? max(0, activity - row.upperBound) : max(0, row.lowerBound - activity)
        }
        return values
    }

    static func applyIfBetter(_ state: RoadefSearchState, machines: [Int], freed: [Int], values: [Double], columnOf: ColumnMap) -> Int64 {
        let before = state.total
        let old = freed.map { state.assignment[$0] }
        var target = old
        for i in freed.indices {
            guard let k = machines.indices.first(where: { columnOf[i][$0] >= 0 && values[columnOf[i][$0]] > 0.5 }) else { return 0 }
            target[i] = Int32(machines[k])
        }
        for (i, p) in freed.enumerated() { state.apply(shift: p, to: Int(target[i])) }
        let neighborhoods = Array(Set(machines.map { Int(state.model.neighborhood[$0]) })).sorted()
        let services = Array(Set(freed.map { Int(state.model.service[$0]) })).sorted()
        let feasible = services.allSatisfy { state.serviceConstraintsHold($0, neighborhoods: neighborhoods) }
        let delta = state.total - before
        if feasible && delta < 0 { return delta }
        for (i, p) in freed.enumerated() { state.apply(shift: p, to: Int(old[i])) }
        return 0
    }
}
