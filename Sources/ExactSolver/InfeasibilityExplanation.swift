import Formulations
import LinearProgramming
import PlacementModel

/// Explains an infeasible instance with a deletion filter (an IIS-like core over groups of
/// constraints): each anti-affinity group, each affinity group, each VM's host restrictions
/// (allowed, forbidden, pinned) and each VM itself is dropped in turn; a group whose removal keeps
/// the instance infeasible stays dropped. What remains is a minimal set of groups that together
/// admit no placement (minimal up to the time limit of each test).
///
/// Chinneck, Dravnieks, "Locating minimal infeasible constraint sets in linear programs",
/// ORSA J. Computing 3 (1991).
///
/// - Complexity: one feasibility MIP per group (anti-affinity + affinity + 2·n groups).
enum InfeasibilityExplanation {
    enum Group: Hashable, CustomStringConvertible {
        case antiAffinity(Int, String)
        case affinity(Int, String)
        case restrictions(Int, String)
        case vm(Int, String)
        var description: String {
            switch self {
            case let .antiAffinity(_, name): return "anti-affinity group \(name)"
            case let .affinity(_, name): return "affinity group \(name)"
            case let .restrictions(_, id): return "host restrictions of VM \(id) (allowed/forbidden/pinned)"
            case let .vm(_, id): return "VM \(id)"
            }
        }
    }

    /// The instance with the groups in `removed` dropped.
    static func relaxed(_ instance: Instance, removing removed: Set<Group>) -> Instance {
        var copy = instance
        var gone = Set<Int>()
        for group in removed {
            switch group {
            case let .restrictions(v, _):
                copy.vms[v].allowedHosts = nil
                copy.vms[v].forbiddenHosts = []
                copy.vms[v].pinned = false
            case let .vm(v, _):
                gone.insert(v)
                copy.vms[v].demand = .zero(instance.dimensionCount)
                copy.vms[v].allowedHosts = nil
                copy.vms[v].forbiddenHosts = []
                copy.vms[v].pinned = false
            default: break
            }
        }
        copy.antiAffinity = instance.antiAffinity.enumerated().compactMap { i, rule in
            removed.contains(.antiAffinity(i, rule.name)) ? nil : PlacementRule(name: rule.name, vms: rule.vms.filter { !gone.contains($0) })
        }
        copy.affinity = instance.affinity.enumerated().compactMap { i, rule in
            removed.contains(.affinity(i, rule.name)) ? nil : PlacementRule(name: rule.name, vms: rule.vms.filter { !gone.contains($0) })
        }
        copy.sharedMemory = instance.sharedMemory.filter { !gone.contains($0.first) && !gone.contains($0.second) }
        copy.traffic = []
        return copy
    }

    /// true = proven infeasible; false = feasible or unknown (time limit).
    static func infeasible(_ instance: Instance, goal: Goal, timeLimit: Double, solver: any MIPSolver) -> Bool {
        var options = FormulationOptions(objective: .hostCost, symmetryBreaking: true)
        options.boundRows = false
        let built: (MIP, FormulationMapping)
        do { built = try FormulationBuilder.build(instance, goal: goal, options: options) } catch { return true }
        guard let solved = try? solver.solve(built.0, options: MIPSolveOptions(timeLimit: max(1e-3, timeLimit), stopAtObjective: 1e15)) else {
            return false
        }
        return solved.status == .infeasible
    }

    static func explain(_ instance: Instance, goal: Goal, deadline: Deadline, solver: any MIPSolver) -> [String] {
        var groups: [Group] = []
        for (i, rule) in instance.antiAffinity.enumerated() { groups.append(.antiAffinity(i, rule.name)) }
        for (i, rule) in instance.affinity.enumerated() { groups.append(.affinity(i, rule.name)) }
        for (v, vm) in instance.vms.enumerated() where vm.allowedHosts != nil || !vm.forbiddenHosts.isEmpty || vm.pinned {
            groups.append(.restrictions(v, vm.id))
        }
        for (v, vm) in instance.vms.enumerated() { groups.append(.vm(v, vm.id)) }
        guard groups.count <= 400 else { return ["too many constraint groups (\(groups.count)) to isolate a core"] }
        var removed = Set<Group>()
        for group in groups {
            let budget = deadline.remaining
            if budget <= 0 { return ["explanation incomplete (time limit); groups kept so far may not be minimal"] + core(groups, removed) }
            removed.insert(group)
            if !infeasible(relaxed(instance, removing: removed), goal: goal, timeLimit: min(2, budget), solver: solver) {
                removed.remove(group)
            }
        }
        return core(groups, removed)
    }

    static func core(_ groups: [Group], _ removed: Set<Group>) -> [String] {
        let kept = groups.filter { !removed.contains($0) }
        return ["infeasible core (deletion filter): " + kept.map(\.description).joined(separator: "; ")]
    }
}

extension ExactMethod {
    func explain(_ instance: Instance, goal: Goal, deadline: Deadline) -> [String] {
        guard explainInfeasibility else { return [] }
        return InfeasibilityExplanation.explain(instance, goal: goal, deadline: deadline, solver: solver)
    }
}

