import CBCShim
import LinearProgramming

/// A ``LinearProgramming/MIP``'s constraint matrix in compressed sparse column form (the layout
/// `Cbc_loadProblem` and `Clp_loadProblem` take), with the bounds and objective beside it.
///
/// - Complexity: O(columns + rows + nonzeros) to build.
struct CSCMatrix {
    var start: [Int32]
    var index: [Int32]
    var value: [Double]

    init(_ mip: MIP) {
        var counts = [Int32](repeating: 0, count: mip.columns.count + 1)
        for row in mip.rows { for column in row.columns { counts[column + 1] += 1 } }
        for column in 0..<mip.columns.count { counts[column + 1] += counts[column] }
        start = counts
        var next = counts
        let total = Int(counts[mip.columns.count])
        index = [Int32](repeating: 0, count: max(1, total))
        value = [Double](repeating: 0, count: max(1, total))
        for (rowIndex, row) in mip.rows.enumerated() {
            for (column, coefficient) in zip(row.columns, row.coefficients) {
                let position = Int(next[column])
                index[position] = Int32(rowIndex)
                value[position] = coefficient
                next[column] += 1
            }
        }
    }

    /// Calls `body` with the shim's view of `mip` (integrality dropped when `relaxed`; integer
    /// bounds rounded inwards otherwise). Pointers are valid only inside `body`.
    func withProblem(_ mip: MIP, relaxed: Bool, _ body: (inout vmp_cbc_problem) -> Int32) -> Int32 {
        let lower = mip.columns.map { !relaxed && $0.isInteger && $0.lowerBound.isFinite ? ($0.lowerBound - 1e-9).rounded(.up) : $0.lowerBound }
        let upper = mip.columns.map { !relaxed && $0.isInteger && $0.upperBound.isFinite ? ($0.upperBound + 1e-9).rounded(.down) : $0.upperBound }
        let objective = mip.columns.map(\.objective)
        let integer = mip.columns.map { UInt8(!relaxed && $0.isInteger ? 1 : 0) }
        let rowLower = mip.rows.map { $0.lowerBound.isFinite ? $0.lowerBound : -Double.greatestFiniteMagnitude }
        let rowUpper = mip.rows.map { $0.upperBound.isFinite ? $0.upperBound : Double.greatestFiniteMagnitude }
        let columnLower = lower.map { $0.isFinite ? $0 : -Double.greatestFiniteMagnitude }
        let columnUpper = upper.map { $0.isFinite ? $0 : Double.greatestFiniteMagnitude }
        return columnLower.withUnsafeBufferPointer { columnLowerPointer in
            columnUpper.withUnsafeBufferPointer { columnUpperPointer in
                objective.withUnsafeBufferPointer { objectivePointer in
                    integer.withUnsafeBufferPointer { integerPointer in
                        rowLower.withUnsafeBufferPointer { rowLowerPointer in
                            rowUpper.withUnsafeBufferPointer { rowUpperPointer in
                                start.withUnsafeBufferPointer { startPointer in
                                    index.withUnsafeBufferPointer { indexPointer in
                                        value.withUnsafeBufferPointer { valuePointer in
                                            var problem = vmp_cbc_problem(
                                                column_count: Int32(mip.columns.count), row_count: Int32(mip.rows.count),
                                                column_lower: columnLowerPointer.baseAddress,
                                                column_upper: columnUpperPointer.baseAddress,
                                                objective: objectivePointer.baseAddress, is_integer: integerPointer.baseAddress,
                                                row_lower: rowLowerPointer.baseAddress, row_upper: rowUpperPointer.baseAddress,
                                                start: startPointer.baseAddress, index: indexPointer.baseAddress,
                                                value: valuePointer.baseAddress, maximize: mip.sense == .maximize ? 1 : 0)
                                            return body(&problem)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
