import Formulations
import InstanceFormats
import LinearProgramming
import PlacementModel

/// Writes the exact model of an instance for another solver (CPLEX LP or free MPS, written from
/// the plain ``LinearProgramming/MIP`` by ``LinearProgramming/CPLEXLPWriter`` and
/// ``LinearProgramming/MPSWriter``, no backend involved), so that HiGHS, CBC, Gurobi or glpsol can
/// solve or inspect it. The file is written atomically.
///
/// - Complexity: the model's size, O(n·m + |traffic| + |sharing|·m) columns.
public enum ModelExport {
    public enum Format: String, Sendable, CaseIterable { case lp, mps }

    /// Builds the model of `instance` for `goal` and writes it in `format` to `path`.
    public static func export(_ instance: Instance, goal: Goal, format: Format, to path: String,
                              options: FormulationOptions = FormulationOptions()) throws {
        let (mip, _) = try FormulationBuilder.build(instance, goal: goal, options: options)
        try AtomicFile.write(text(mip, format: format), to: path)
    }

    /// The text of `mip` in `format`.
    public static func text(_ mip: MIP, format: Format) throws -> String {
        switch format {
        case .lp: return try CPLEXLPWriter.text(mip)
        case .mps: return try MPSWriter.text(mip)
        }
    }
}
