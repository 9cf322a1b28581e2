import Foundation
import InstanceFormats
import Migration
import PlacementModel

/// When the pipeline sequences a migration plan from the current placement.
public enum PlanPolicy: Sendable, Hashable {
    /// Never (a verdict without plans is the same for instances without a current placement).
    case never
    /// When the instance has a current placement and the answer differs from it (`vmplace solve`).
    case whenMoved
    /// Whenever the instance has a current placement, even an empty plan (`vmplace plan`).
    case always

    func plans(instance: Instance, target: Placement) -> Bool {
        switch self {
        case .never: return false
        case .whenMoved: return instance.hasCurrentPlacement && target != instance.currentPlacement
        case .always: return instance.hasCurrentPlacement
        }
    }
}
