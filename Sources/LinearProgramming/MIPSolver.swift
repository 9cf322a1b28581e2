/// A backend that solves a ``MIP``. Implementations must be safe to call from several threads at
/// once on different models (each call is synchronous and self-contained).
///
/// A backend is chosen by name through `ExactSolver.MIPSolverRegistry`; `MIPSolverConformanceTests`
/// runs the same suite over every registered backend.
public protocol MIPSolver: Sendable {
    /// Short registry name, e.g. `glpk`, `cbc`.
    var name: String { get }
    /// The backend library and its version, e.g. `GLPK 5.0`.
    var versionDescription: String { get }

    /// Solves `mip`. Throws ``MIPError`` for an invalid model or options, and a backend error
    /// when the backend itself fails. A model outcome such as "infeasible" is not an error: it is
    /// reported in ``MIPResult/status``. ``MIPSolveOptions/timeLimit`` bounds the whole call.
    func solve(_ mip: MIP, options: MIPSolveOptions) throws -> MIPResult

    /// Solves the LP relaxation of `mip` (integrality dropped): optimum, primal values, row duals
    /// and reduced costs (column generation needs the duals). Only
    /// ``MIPSolveOptions/timeLimit`` and the log options are used.
    func solveLPRelaxation(_ mip: MIP, options: MIPSolveOptions) throws -> LPRelaxationResult
}

