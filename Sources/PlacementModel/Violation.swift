/// One way a placement or plan breaks the instance's constraints.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case capacity, overloadThreshold, unplaced, notEligible, pinned, maintenance
        case antiAffinity, affinity, invalidReference, planStep, planTarget
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { "\(kind.rawValue): \(message)" }
}
