import Foundation
import InstanceFormats
import Migration
import PlacementModel

/// How a placement uses the migration budget: forced migrations (the VM cannot stay where it
/// runs, `ForcedMigrations`) are exempt, voluntary ones count against it. A method that keeps
/// to the budget never goes over; one that ignores the current placement (a packing heuristic)
/// gets its overshoot said, never silently.
public struct MigrationBudgetUse: Sendable, Hashable {
    public var forced: Int
    public var voluntary: Int
    public var budget: Int?

    public init(instance: Instance, placement: Placement, budget: Int?) {
        (forced, voluntary) = instance.forcedMigrations.count(instance, placement)
        self.budget = budget
    }

    public var isOver: Bool { budget.map { voluntary > $0 } ?? false }

    /// The note the solution carries about the budget, or nil (no budget, or nothing to say).
    public var note: String? {
        guard let budget else { return nil }
        let exempt = forced > 0 ? " (\(forced) forced migrations exempt)" : ""
        if isOver { return "over the migration budget: \(voluntary) voluntary migrations, budget \(budget)" + exempt }
        if forced > 0 { return "within the migration budget: \(voluntary) voluntary migrations, budget \(budget)" + exempt }
        return nil
    }
}
