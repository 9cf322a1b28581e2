/// Outcome of a solve, as reported in the solution file.
public enum SolutionStatus: String, Sendable, Hashable, Codable {
    /// Proven optimal (objective = bound).
    case optimal
    /// A feasible placement; optimality not proven (a bound may be given).
    case feasible
    /// Proven that no placement satisfies the constraints (or, for a heuristic, none was found
    /// for some VM; see `unplaced`).
    case infeasible
    /// The time limit ended the solve without a feasible placement.
    case timeLimit
    /// The method failed.
    case error
}
