import Foundation

/// A JSON value with the line and column where it starts, so that every error about an input
/// file can say where the offending value is.
public struct JSONNode: Sendable, Equatable {
    /// Nodes are equal when their values are; positions are not compared.
    public static func == (a: JSONNode, b: JSONNode) -> Bool { a.value == b.value }

    /// Not `indirect`: arrays and member lists are already references, and a boxed number or
    /// string would cost one allocation per value.
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        /// Members in file order (duplicate keys are reported by the decoders).
        case object([(key: String, value: JSONNode)])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case let (.bool(x), .bool(y)): return x == y
            case let (.number(x), .number(y)): return x == y
            case let (.string(x), .string(y)): return x == y
            case let (.array(x), .array(y)): return x == y
            case let (.object(x), .object(y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }
    }
    public var value: Value
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int = 0, column: Int = 0) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// What kind of value this is, for messages ("a number", "an array", …).
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
