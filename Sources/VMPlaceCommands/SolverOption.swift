import ArgumentParser
import ExactSolver

/// `--solver NAME` must name a backend of ``ExactSolver/MIPSolverRegistry`` (a usage error otherwise).
func validateSolverName(_ name: String) throws {
    do { _ = try MIPSolverRegistry.solver(named: name) } catch { throw ValidationError("--solver: \(error)") }
}
