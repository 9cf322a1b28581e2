/// Writes a ``MIP`` in free MPS format: `NAME`, `ROWS` (objective `N obj`, then `E`/`L`/`G`
/// rows), `COLUMNS` with integer columns between `MARKER INTORG` / `INTEND`, `RHS`, `RANGES`
/// (a row with two finite sides is a `G` row with range upper − lower), `BOUNDS` (`FR`, `MI`,
/// `UP`, `LO`, `FX`, `BV` not used: integers get explicit `LO`/`UP`) and `ENDATA`. The model is
/// first put in ``MIP/fileModel(minimizeOnly:)`` form with `minimizeOnly`: a maximisation is
/// written as the minimisation of the negated objective (MPS has no portable sense) and a
/// constant as a fixed column.
///
/// MPS format: IBM, "MPS file format" (CPLEX documentation); free MPS as read by glpsol
/// (`--freemps`), CBC and HiGHS.
///
/// - Complexity: O(columns + nonzeros).
public enum MPSWriter {
    /// The free-MPS text of `mip`. Throws ``MIPError`` for an invalid model.
    public static func text(_ mip: MIP) throws(MIPError) -> String {
        try mip.validate()
        let model = mip.fileModel(minimizeOnly: true)
        var out = "NAME \(model.name)\nROWS\n N obj\n"
        for row in model.rows { out += " \(rowType(row)) \(row.name)\n" }
        out += "COLUMNS\n"
        out += columnsSection(model)
        out += "RHS\n"
        for row in model.rows {
            let rhs: Double
            switch rowType(row) {
            case "L": rhs = row.upperBound
            case "N": continue
            default: rhs = row.lowerBound
            }
            if rhs != 0 { out += " RHS \(row.name) \(MIP.fileNumber(rhs))\n" }
        }
        let ranged = model.rows.filter { $0.lowerBound.isFinite && $0.upperBound.isFinite && $0.lowerBound != $0.upperBound }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for row in ranged { out += " RNG \(row.name) \(MIP.fileNumber(row.upperBound - row.lowerBound))\n" }
        }
        out += "BOUNDS\n"
        for column in model.columns { out += boundLines(column) }
        out += "ENDATA\n"
        return out
    }

    /// `E` equality, `G` lower side (also ranged rows), `L` upper side only, `N` free.
    static func rowType(_ row: MIP.Row) -> String {
        if row.lowerBound == row.upperBound { return "E" }
        if row.lowerBound.isFinite { return "G" }
        return row.upperBound.isFinite ? "L" : "N"
    }

    static func columnsSection(_ model: MIP) -> String {
        var entries = Array(repeating: [(row: String, value: Double)](), count: model.columns.count)
        for row in model.rows where rowType(row) != "N" {
            for (column, coefficient) in zip(row.columns, row.coefficients) where coefficient != 0 {
                entries[column].append((row.name, coefficient))
            }
        }
        var out = ""
        var inIntegers = false
        var marker = 0
        for (index, column) in model.columns.enumerated() {
            if column.isInteger != inIntegers {
                out += " M\(marker) 'MARKER' '\(column.isInteger ? "INTORG" : "INTEND")'\n"
                marker += 1
                inIntegers = column.isInteger
            }
            // Every column appears at least once (in the objective, possibly with 0).
            out += " \(column.name) obj \(MIP.fileNumber(column.objective))\n"
            for (row, value) in entries[index] { out += " \(column.name) \(row) \(MIP.fileNumber(value))\n" }
        }
        if inIntegers { out += " M\(marker) 'MARKER' 'INTEND'\n" }
        return out
    }

    static func boundLines(_ column: MIP.Column) -> String {
        let lower = column.lowerBound, upper = column.upperBound, name = column.name
        if lower == upper { return " FX BND \(name) \(MIP.fileNumber(lower))\n" }
        var out = ""
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return " FR BND \(name)\n"
        case (false, true): out += " MI BND \(name)\n"
        case (true, _): if lower != 0 || column.isInteger { out += " LO BND \(name) \(MIP.fileNumber(lower))\n" }
        }
        if upper.isFinite { out += " UP BND \(name) \(MIP.fileNumber(upper))\n" }
        else if column.isInteger { out += " PL BND \(name)\n" }
        return out
    }
}
