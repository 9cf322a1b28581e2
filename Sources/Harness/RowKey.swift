import Foundation
import InstanceFormats
import PlacementModel

/// Identifies a finished row: instance + method + goal.
public struct RowKey: Sendable, Hashable, Comparable {
    public var instance: String
    public var method: String
    public var goal: String
    public init(instance: String, method: String, goal: String) {
        self.instance = instance
        self.method = method
        self.goal = goal
    }
    public static func < (a: RowKey, b: RowKey) -> Bool {
        (a.instance, a.goal, a.method) < (b.instance, b.goal, b.method)
    }
}
