import Foundation
import Heuristics
import PlacementModel

/// Input that cannot be planned from (too short, nothing in common with the inventory).
public struct PlanningInputError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
