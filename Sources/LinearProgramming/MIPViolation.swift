/// One way a candidate solution breaks a ``MIP``.
public enum MIPViolation: Sendable, Equatable, CustomStringConvertible {
    /// The solution has the wrong number of values.
    case valueCount(expected: Int, actual: Int)
    /// A value is NaN or infinite.
    case nonFinite(column: Int, name: String, value: Double)
    case columnBound(column: Int, name: String, value: Double, lower: Double, upper: Double)
    case integrality(column: Int, name: String, value: Double)
    case row(row: Int, name: String, activity: Double, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case let .valueCount(expected, actual):
            return "\(actual) values, expected \(expected)"
        case let .nonFinite(column, name, value):
            return "column \(column) '\(name)' = \(value), expected a finite value"
        case let .columnBound(column, name, value, lower, upper):
            return "column \(column) '\(name)' = \(value), expected within [\(lower), \(upper)]"
        case let .integrality(column, name, value):
            return "column \(column) '\(name)' = \(value), expected an integer"
        case let .row(row, name, activity, lower, upper):
            return "row \(row) '\(name)' activity \(activity), expected within [\(lower), \(upper)]"
        }
    }
}
