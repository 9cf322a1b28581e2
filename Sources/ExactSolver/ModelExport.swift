import Formulations
import GLPKSolver
import PlacementModel

/// Writes the exact model of an instance for another solver (CPLEX LP or free MPS, through GLPK's
/// writers), so that HiGHS, CBC, Gurobi or glpsol can solve or inspect it.
///
/// - Complexity: the model's size, O(n·m + |traffic| + |sharing|·m) columns.
public enum ModelExport {
    public enum Format: String, Sendable, CaseIterable { case lp, mps }

    /// Builds the model of `instance` for `goal` and writes it with GLPK's CPLEX-LP or free-MPS writer.
    public static func export(_ instance: Instance, goal: Goal, format: Format, to path: String,
                              options: FormulationOptions = FormulationOptions()) throws {
        let (mip, _) = try FormulationBuilder.build(instance, goal: goal, options: options)
        switch format {
        case .lp: try GLPKSolver().writeCPLEXLP(mip, to: path)
        case .mps: try GLPKSolver().writeMPS(mip, to: path)
        }
    }
}
