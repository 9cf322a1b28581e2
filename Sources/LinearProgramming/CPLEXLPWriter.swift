/// Writes a ``MIP`` in CPLEX LP format (the dialect glpsol, CBC, HiGHS, SCIP and Gurobi read):
/// objective, `Subject To` rows (a ranged row as two rows `name_lo` / `name_hi`, unless equal
/// bounds make it an equality), `Bounds` (free, fixed, one- and two-sided), `General` and `End`.
/// The model is first put in ``MIP/fileModel(minimizeOnly:)`` form (offset as a fixed column).
/// Lines are kept short (terms wrap), names are the model's (valid LP identifiers by
/// ``MIP/isValidName(_:)``; names are checked by ``MIP/validate()`` first).
///
/// CPLEX LP format: IBM ILOG CPLEX documentation, "LP file format: algebraic representation".
///
/// - Complexity: O(columns + nonzeros).
public enum CPLEXLPWriter {
    /// The LP text of `mip`. Throws ``MIPError`` for an invalid model.
    public static func text(_ mip: MIP) throws(MIPError) -> String {
        try mip.validate()
        let model = mip.fileModel(minimizeOnly: false)
        var out = "\\ \(model.name)\n"
        out += model.sense == .minimize ? "Minimize\n" : "Maximize\n"
        out += " obj:" + terms(model.columns.indices.map { ($0, model.columns[$0].objective) }, model) + "\n"
        out += "Subject To\n"
        for row in model.rows { out += rowLines(row, model) }
        out += "Bounds\n"
        for column in model.columns { out += boundLine(column) }
        let integers = model.columns.filter(\.isInteger).map(\.name)
        if !integers.isEmpty {
            out += "General\n"
            for chunk in stride(from: 0, to: integers.count, by: 8) {
                out += " " + integers[chunk..<min(chunk + 8, integers.count)].joined(separator: " ") + "\n"
            }
        }
        out += "End\n"
        return out
    }

    /// ` + 3 x - 2 y …`, wrapped every 8 terms; ` 0 x` for an empty sum (LP needs a term).
    static func terms(_ pairs: [(Int, Double)], _ model: MIP) -> String {
        let nonzero = pairs.filter { $0.1 != 0 }
        guard !nonzero.isEmpty else { return model.columns.isEmpty ? " 0" : " 0 \(model.columns[0].name)" }
        var out = ""
        for (position, (column, coefficient)) in nonzero.enumerated() {
            if position > 0 && position % 8 == 0 { out += "\n  " }
            let sign = coefficient < 0 ? "-" : "+"
            out += " \(sign) \(MIP.fileNumber(abs(coefficient))) \(model.columns[column].name)"
        }
        return out
    }

    static func rowLines(_ row: MIP.Row, _ model: MIP) -> String {
        let body = terms(Array(zip(row.columns, row.coefficients)), model)
        let lower = row.lowerBound, upper = row.upperBound
        if lower == upper { return " \(row.name):\(body) = \(MIP.fileNumber(lower))\n" }
        switch (lower.isFinite, upper.isFinite) {
        case (true, true):
            return " \(row.name)_lo:\(body) >= \(MIP.fileNumber(lower))\n"
                + " \(row.name)_hi:\(body) <= \(MIP.fileNumber(upper))\n"
        case (true, false): return " \(row.name):\(body) >= \(MIP.fileNumber(lower))\n"
        case (false, true): return " \(row.name):\(body) <= \(MIP.fileNumber(upper))\n"
        case (false, false): return " \(row.name):\(body) >= -1e30\n"
        }
    }

    static func boundLine(_ column: MIP.Column) -> String {
        let lower = column.lowerBound, upper = column.upperBound, name = column.name
        if lower == upper { return " \(name) = \(MIP.fileNumber(lower))\n" }
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return " \(name) free\n"
        case (false, true): return " -inf <= \(name) <= \(MIP.fileNumber(upper))\n"
        case (true, false): return lower == 0 ? "" : " \(name) >= \(MIP.fileNumber(lower))\n"
        case (true, true): return " \(MIP.fileNumber(lower)) <= \(name) <= \(MIP.fileNumber(upper))\n"
        }
    }
}
