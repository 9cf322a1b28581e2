import ExactSolver
import Heuristics
import PlacementModel

/// Every method the tool can run, by name, in a stable order: the heuristic catalogue, then the
/// exact methods. `vmplace solve`, `vmplace score`, `vmplace methods` and the benchmarks read
/// this one list; adding a method is one line in `HeuristicCatalogue` (or here for a method
/// outside the heuristics).
public enum MethodRegistry {
    /// All methods, in `vmplace methods` order.
    public static var all: [any PlacementMethod] {
        HeuristicCatalogue.methods + [ExactMethod(), LexicographicExactMethod()]
    }

    /// Every method name, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The method called `name`, or nil.
    public static func method(named name: String) -> (any PlacementMethod)? {
        all.first { $0.name == name }
    }

    /// The method called `name` when it handles `goal`; otherwise an error that says why and
    /// lists the choices.
    public static func resolve(_ name: String, goal: Goal) throws(MethodLookupError) -> any PlacementMethod {
        guard let method = method(named: name) else { throw .unknown(name, known: names) }
        guard method.goals.contains(goal) else {
            throw .goalNotHandled(name, goal: goal, handled: method.goals.map(\.rawValue).sorted())
        }
        return method
    }

    /// The methods called `names`, in that order (every unknown name reported at once).
    public static func methods(named names: [String]) throws(MethodLookupError) -> [any PlacementMethod] {
        let found = names.map { method(named: $0) }
        let unknown = zip(names, found).filter { $0.1 == nil }.map(\.0)
        if !unknown.isEmpty { throw .unknownList(unknown, known: self.names) }
        return found.compactMap { $0 }
    }
}

