import Foundation
import InstanceFormats
import PlacementModel

/// An instance file of a suite.
public struct SuiteMember: Sendable, Hashable {
    public var path: String
    public var identity: InstanceIdentity
}
