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
