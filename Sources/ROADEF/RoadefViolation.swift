/// A violated hard constraint, named by kind and by the machine, service, process or resource.
public struct RoadefViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case capacity, transientCapacity = "transient-capacity", conflict, spread, dependency
    }
    public var kind: Kind
    public var machine: Int?
    public var service: Int?
    public var process: Int?
    public var resource: Int?
    public var neighborhood: Int?
    public var message: String

    public var description: String { "\(kind.rawValue): \(message)" }
}
