/// Why the solver stopped (separate from what it learned about the model, ``MIPStatus``).
public enum MIPTermination: String, Sendable, Equatable, CaseIterable {
    /// The search finished: optimality or infeasibility/unboundedness proven.
    case completed
    case timeLimit
    /// ``MIPSolveOptions/relativeGap`` reached.
    case relativeGapReached
    /// ``MIPSolveOptions/stopAtObjective`` reached.
    case objectiveTargetReached
    /// ``MIPSolveOptions/integralObjective``: the incumbent equals the rounded bound.
    case integralBoundReached
    case iterationLimit
}
