import CBCSolver
import GLPKSolver
import LinearProgramming

/// A backend name the registry does not know.
public struct UnknownMIPSolver: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var known: [String]
    public init(name: String, known: [String]) {
        self.name = name
        self.known = known
    }
    public var description: String { "unknown MIP solver \"\(name)\"; expected one of: \(known.joined(separator: ", "))" }
}
