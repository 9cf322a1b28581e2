extension MIP {
    /// Longest name accepted (GLPK's limit).
    public static let maximumNameLength = 255

    /// Whether `name` matches `[A-Za-z_][A-Za-z0-9_]*` and is at most ``maximumNameLength`` long.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength else { return false }
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
        }
        guard isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
    }

    /// Checks everything a solver relies on: valid and unique names, finite coefficients,
    /// objective and offset, consistent bounds, row lengths, column indices in range and at most
    /// once per row. Throws the first problem found.
    public func validate() throws(MIPError) {
        if !MIP.isValidName(name) { throw .invalidName(element: .problem, index: 0, name: name) }
        if !objectiveOffset.isFinite {
            throw .nonFiniteValue(element: .objective, index: 0, name: name, field: "objectiveOffset",
                                  value: objectiveOffset)
        }
        var columnNames: [String: Int] = [:]
        columnNames.reserveCapacity(columns.count)
        for (index, column) in columns.enumerated() {
            if !MIP.isValidName(column.name) {
                throw .invalidName(element: .column, index: index, name: column.name)
            }
            if let first = columnNames.updateValue(index, forKey: column.name) {
                throw .duplicateName(element: .column, index: index, name: column.name, firstIndex: first)
            }
            if !column.objective.isFinite {
                throw .nonFiniteValue(element: .column, index: index, name: column.name,
                                      field: "objective", value: column.objective)
            }
            try MIP.checkBounds(column.lowerBound, column.upperBound, element: .column, index: index,
                                name: column.name)
        }
        var rowNames: [String: Int] = [:]
        rowNames.reserveCapacity(rows.count)
        var lastSeenInRow = [Int](repeating: -1, count: columns.count)
        for (index, row) in rows.enumerated() {
            if !MIP.isValidName(row.name) {
                throw .invalidName(element: .row, index: index, name: row.name)
            }
            if let first = rowNames.updateValue(index, forKey: row.name) {
                throw .duplicateName(element: .row, index: index, name: row.name, firstIndex: first)
            }
            try MIP.checkBounds(row.lowerBound, row.upperBound, element: .row, index: index, name: row.name)
            if row.columns.count != row.coefficients.count {
                throw .lengthMismatch(row: index, name: row.name, columns: row.columns.count,
                                      coefficients: row.coefficients.count)
            }
            for (position, column) in row.columns.enumerated() {
                guard column >= 0 && column < columns.count else {
                    throw .columnIndexOutOfRange(row: index, name: row.name, position: position,
                                                 column: column, columnCount: columns.count)
                }
                if lastSeenInRow[column] == index {
                    throw .duplicateColumnInRow(row: index, name: row.name, column: column,
                                                columnName: columns[column].name)
                }
                lastSeenInRow[column] = index
                let coefficient = row.coefficients[position]
                if !coefficient.isFinite {
                    throw .nonFiniteValue(element: .row, index: index, name: row.name,
                                          field: "coefficient of column \(column) '\(columns[column].name)'",
                                          value: coefficient)
                }
            }
        }
    }

    private static func checkBounds(_ lower: Double, _ upper: Double, element: MIPError.Element,
                                    index: Int, name: String) throws(MIPError) {
        if lower.isNaN || upper.isNaN || lower > upper || lower == .infinity || upper == -.infinity {
            throw .invalidBounds(element: element, index: index, name: name, lower: lower, upper: upper)
        }
    }
}

extension MIP {
    /// The objective of `values` (offset included). `values` must have one entry per column.
    public func evaluate(_ values: [Double]) -> Double {
        precondition(values.count == columns.count,
                     "evaluate: \(values.count) values for \(columns.count) columns")
        var total = objectiveOffset
        for (column, value) in zip(columns, values) { total += column.objective * value }
        return total
    }

    /// The activity Σ coefficient·value of row `index` at `values`.
    public func activity(ofRow index: Int, _ values: [Double]) -> Double {
        let row = rows[index]
        var total = 0.0
        for (column, coefficient) in zip(row.columns, row.coefficients) {
            total += coefficient * values[column]
        }
        return total
    }

    /// Every violated column bound, integrality requirement and row of `values`, with an
    /// absolute `tolerance` scaled by (1 + |bound|) for bounds. Empty means feasible.
    public func violations(_ values: [Double], tolerance: Double = 1e-6) -> [MIPViolation] {
        guard values.count == columns.count else {
            return [.valueCount(expected: columns.count, actual: values.count)]
        }
        var found: [MIPViolation] = []
        func below(_ value: Double, _ lower: Double) -> Bool {
            lower.isFinite && value < lower - tolerance * (1 + abs(lower))
        }
        func above(_ value: Double, _ upper: Double) -> Bool {
            upper.isFinite && value > upper + tolerance * (1 + abs(upper))
        }
        var allFinite = true
        for (index, column) in columns.enumerated() {
            let value = values[index]
            guard value.isFinite else {
                found.append(.nonFinite(column: index, name: column.name, value: value))
                allFinite = false
                continue
            }
            if below(value, column.lowerBound) || above(value, column.upperBound) {
                found.append(.columnBound(column: index, name: column.name, value: value,
                                          lower: column.lowerBound, upper: column.upperBound))
            }
            if column.isInteger && abs(value - value.rounded()) > tolerance {
                found.append(.integrality(column: index, name: column.name, value: value))
            }
        }
        guard allFinite else { return found }
        for (index, row) in rows.enumerated() {
            let activity = activity(ofRow: index, values)
            if below(activity, row.lowerBound) || above(activity, row.upperBound) {
                found.append(.row(row: index, name: row.name, activity: activity,
                                  lower: row.lowerBound, upper: row.upperBound))
            }
        }
        return found
    }
}
