/// The outcome of a solve, as far as the model is concerned.
public enum MIPStatus: String, Sendable, Equatable, CaseIterable {
    /// Proven optimal (within the requested gap only if ``MIPResult/termination`` says so).
    case optimal
    /// A feasible solution, not proven optimal; ``MIPResult/bestBound`` tells how far it may be.
    case feasible
    /// Proven to have no feasible solution.
    case infeasible
    /// The objective is unbounded (for a MIP: its LP relaxation is; the MIP may also be
    /// infeasible, as usual for solvers that stop at this point).
    case unbounded
    /// The time limit was reached before any feasible solution was found.
    case timeLimitNoSolution
    /// The solver stopped for another reason without a feasible solution.
    case noSolution
}
