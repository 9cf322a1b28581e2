/// A model or options rejected before anything reaches a solver. Each case names the offending
/// row or column (zero-based index and name) and what was expected.
public enum MIPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of the model an error is about.
    public enum Element: String, Sendable, Equatable {
        case problem, objective, column, row
    }

    case invalidName(element: Element, index: Int, name: String)
    case duplicateName(element: Element, index: Int, name: String, firstIndex: Int)
    case nonFiniteValue(element: Element, index: Int, name: String, field: String, value: Double)
    case invalidBounds(element: Element, index: Int, name: String, lower: Double, upper: Double)
    case lengthMismatch(row: Int, name: String, columns: Int, coefficients: Int)
    case columnIndexOutOfRange(row: Int, name: String, position: Int, column: Int, columnCount: Int)
    case duplicateColumnInRow(row: Int, name: String, column: Int, columnName: String)
    case invalidOption(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidName(element, index, name):
            return "\(element.rawValue) \(index): name \"\(name)\" is invalid, expected "
                + "[A-Za-z_][A-Za-z0-9_]* of at most \(MIP.maximumNameLength) characters"
        case let .duplicateName(element, index, name, firstIndex):
            return "\(element.rawValue) \(index): name \"\(name)\" is already used by "
                + "\(element.rawValue) \(firstIndex), expected unique names"
        case let .nonFiniteValue(element, index, name, field, value):
            return "\(element.rawValue) \(index) '\(name)': \(field) is \(value), expected a finite number"
        case let .invalidBounds(element, index, name, lower, upper):
            return "\(element.rawValue) \(index) '\(name)': bounds [\(lower), \(upper)] are invalid, "
                + "expected lower ≤ upper, lower < +∞, upper > −∞ and no NaN"
        case let .lengthMismatch(row, name, columns, coefficients):
            return "row \(row) '\(name)': \(columns) column indices but \(coefficients) "
                + "coefficients, expected equal counts"
        case let .columnIndexOutOfRange(row, name, position, column, columnCount):
            return "row \(row) '\(name)': column index \(column) at position \(position) is out of "
                + "range, expected 0..<\(columnCount)"
        case let .duplicateColumnInRow(row, name, column, columnName):
            return "row \(row) '\(name)': column \(column) '\(columnName)' appears more than once, "
                + "expected each column at most once per row"
        case let .invalidOption(name, value, expected):
            return "option \(name) = \(value) is invalid, expected \(expected)"
        }
    }
}
