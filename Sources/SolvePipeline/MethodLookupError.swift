import ExactSolver
import Heuristics
import PlacementModel

/// A method name that does not resolve.
public enum MethodLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknown(String, known: [String])
    case unknownList([String], known: [String])
    case goalNotHandled(String, goal: Goal, handled: [String])

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            return "unknown method \"\(name)\"; one of: \(known.joined(separator: ", "))"
        case .unknownList(let names, let known):
            return "unknown method\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")); known: \(known.joined(separator: ", "))"
        case .goalNotHandled(let name, let goal, let handled):
            return "method \(name) does not handle goal \(goal.rawValue) (it handles: \(handled.joined(separator: ", ")))"
        }
    }
}
