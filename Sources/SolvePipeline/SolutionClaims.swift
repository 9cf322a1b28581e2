import InstanceFormats
import PlacementModel

/// What a result claims about itself, to be verified against the instance: the objective it
/// reports, its bound and status, and (for a solution file) the counts it prints.
public struct SolutionClaims: Sendable, Hashable {
    public var status: SolutionStatus
    public var objective: Double?
    public var bound: Double?
    public var hostsUsed: Int?
    public var migrations: Int?
    public init(status: SolutionStatus, objective: Double? = nil, bound: Double? = nil, hostsUsed: Int? = nil,
                migrations: Int? = nil) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.hostsUsed = hostsUsed
        self.migrations = migrations
    }
}
