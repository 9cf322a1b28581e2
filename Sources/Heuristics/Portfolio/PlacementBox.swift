import Dispatch
import Foundation
import PlacementModel

/// Improved placements written by concurrent workers, each into its own slot.
final class PlacementBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(Placement, Int)?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: (placement: Placement, emptied: Int)) { lock.lock(); slots[i] = (value.placement, value.emptied); lock.unlock() }
    var values: [(Placement, Int)?] { lock.lock(); defer { lock.unlock() }; return slots }
}
