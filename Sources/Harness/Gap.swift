import Foundation
import InstanceFormats
import PlacementModel
import SolvePipeline

/// Gap and verdict arithmetic. Definitions (also in `Results/README.md`):
/// * gap to opt = (objective − opt) / opt; gap to bound = (objective − LB) / LB;
/// * both are 0 when objective and reference are both 0 (within 1e-9), and empty when the
///   reference is missing, the reference is 0 and the objective is not, or the checker rejected
///   the placement.
public enum Gap {
    /// Absolute tolerance used when comparing objectives with references.
    public static let tolerance = 1e-9

    public static func relative(objective: Double?, reference: Double?) -> Double? {
        guard let objective, let reference, reference >= 0 else { return nil }
        if reference <= tolerance { return abs(objective) <= tolerance ? 0 : nil }
        return ReferenceValues.normalise((objective - reference) / reference)
    }
}
