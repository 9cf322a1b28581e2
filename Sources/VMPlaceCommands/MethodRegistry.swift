import ArgumentParser
import ExactSolver
import Harness
import Heuristics
import PlacementModel

/// Every method the tool can run, by name, in a stable order.
enum MethodRegistry {
    static var all: [any PlacementMethod] {
        HeuristicCatalogue.methods + [ExactMethod(), LexicographicExactMethod()]
    }

    static func method(named name: String) -> (any PlacementMethod)? {
        all.first { $0.name == name }
    }

    static var names: [String] { all.map(\.name) }
}

/// The harness sees the same methods as `vmplace solve`.
struct RegistryMethodProvider: MethodProvider {
    func methods(named names: [String]) throws -> [any PlacementMethod] {
        try names.map { name in
            guard let method = MethodRegistry.method(named: name) else {
                throw ValidationError("unknown method \"\(name)\"; one of: \(MethodRegistry.names.joined(separator: ", "))")
            }
            return method
        }
    }

    var allNames: [String] { MethodRegistry.names }
}

/// The exact method in stages: fewest hosts, then fewest migrations, then best balance.
struct LexicographicExactMethod: PlacementMethod {
    var name: String { "exact-lexicographic" }
    var summary: String { "exact MIP in stages: fewest hosts, then fewest migrations, then best balance" }
    var citation: String { ExactMethod().citation }
    var goals: Set<Goal> { [.place, .consolidate] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        var result = try ExactMethod(lexicographic: true).solve(instance, goal: goal, options: options)
        result.method = name
        return result
    }
}

/// `--solver NAME` must name a backend of ``ExactSolver/MIPSolverRegistry`` (a usage error otherwise).
func validateSolverName(_ name: String) throws {
    do { _ = try MIPSolverRegistry.solver(named: name) } catch { throw ValidationError("--solver: \(error)") }
}
