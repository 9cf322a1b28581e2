import CBCSolver
import GLPKSolver
import LinearProgramming

/// The MIP backends by name: `glpk` (the default) and `cbc`. Adding a backend is one line here
/// plus its quarantine module; `vmplace solve --solver NAME` and `vmplace score --solver NAME`
/// resolve names here, and `MIPSolverConformanceTests` runs over ``all``.
public enum MIPSolverRegistry {
    /// Every backend, the default first.
    public static var all: [any MIPSolver] { [GLPKSolver(), CBCSolver()] }

    /// The default backend's name.
    public static var defaultName: String { "glpk" }

    /// Every backend's name, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The backend called `name`; throws ``UnknownMIPSolver`` naming the choices otherwise.
    public static func solver(named name: String) throws -> any MIPSolver {
        guard let solver = all.first(where: { $0.name == name }) else { throw UnknownMIPSolver(name: name, known: names) }
        return solver
    }

    /// One line per backend: name and library version (for `--version`).
    public static var versions: [String] { all.map { "\($0.name): \($0.versionDescription)" } }
}

