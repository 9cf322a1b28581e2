/// Why a solve ended, apart from what it found (``SolutionStatus``): a solve that hit its time
/// limit may still return a feasible placement with a bound, and one that completed may have
/// proven infeasibility.
public enum Termination: String, Sendable, Hashable, Codable, CaseIterable {
    /// The method ran to its end (optimum proven, search exhausted, or a heuristic's last step).
    case completed
    /// The wall-clock limit (`SolveOptions.timeLimit`) stopped it.
    case timeLimit
    /// A work budget (moves, nodes, rounds) stopped it.
    case workLimit
    /// The method failed (see the notes).
    case error

    /// The termination a status implies when a method does not say: `timeLimit` and `error`
    /// statuses carry their reason, every other status completed.
    public static func implied(by status: SolutionStatus) -> Termination {
        switch status {
        case .timeLimit: return .timeLimit
        case .error: return .error
        case .optimal, .feasible, .infeasible: return .completed
        }
    }
}
