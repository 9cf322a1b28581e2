import Foundation

/// Reads vmplace's plain CSV trace layout: the first line names the VMs (comma separated), every
/// following line is one step with one CPU utilisation percent per VM, e.g.
///
///     web-1,web-2,db
///     12,40,7.5
///     15,38,9
///
/// A column named `vm:dimension` (e.g. `web-1:mem`) gives that VM's demand in another dimension
/// of an instance replay, as a percent of its static demand; `vm` alone or `vm:cpu` is its CPU.
/// Lines starting with '#' are comments; LF or CRLF line ends. A VM name given twice, an empty
/// cell (a gap), a missing cell, a negative, non-numeric or absurd (above 10 000 %) value is an
/// error naming the file and line; a value above 100 % is accepted with a warning (a VM may use
/// more than its reservation).
///
/// - Complexity: O(cells).
public enum PlainCSVTraceReader {
    public static func read(file path: String) throws -> [UtilisationTrace] {
        let text = try readText(path)
        // `isNewline` splits "\r\n" (one Character) as well as "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var names: [String]?
        var warnings: [String] = []
        var columns: [[Double]] = []
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            if trimmed.isEmpty {
                if names != nil, lines[(index + 1)...].contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                    throw TraceError(file: path, line: lineNumber, message: "gap: empty line")
                }
                continue
            }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let header = names else {
                let header = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                if header.contains(where: \.isEmpty) {
                    throw TraceError(file: path, line: lineNumber, message: "empty VM name in header")
                }
                var firstColumn: [String: Int] = [:]
                for (column, name) in header.enumerated() {
                    if let first = firstColumn[name] {
                        throw TraceError(file: path, line: lineNumber, message: "duplicate VM name \"\(name)\" in header (columns \(first + 1) and \(column + 1))")
                    }
                    firstColumn[name] = column
                }
                names = header
                columns = Array(repeating: [], count: header.count)
                continue
            }
            guard cells.count == header.count else {
                throw TraceError(file: path, line: lineNumber, message: "expected \(header.count) cells, found \(cells.count)")
            }
            for (column, cell) in cells.enumerated() {
                let percent = try parseUtilisation(cell, file: path, line: lineNumber, what: "percent of \(header[column])", maximum: 10_000)
                if percent > 100, warnings.count < 100 { warnings.append("\(path):\(lineNumber): \(header[column]) at \(cell.trimmingCharacters(in: .whitespaces)) % is above 100 %") }
                columns[column].append(percent / 100)
            }
        }
        guard let header = names, !(columns.first?.isEmpty ?? true) else {
            throw TraceError(file: path, line: nil, message: "no header or no samples")
        }
        return try traces(header: header, columns: columns, file: path, warnings: warnings)
    }

    /// One trace per VM: `vm` / `vm:cpu` columns are its CPU, `vm:dimension` its other dimensions.
    static func traces(header: [String], columns: [[Double]], file: String, warnings: [String]) throws -> [UtilisationTrace] {
        var order: [String] = []
        var cpu: [String: [Double]] = [:]
        var other: [String: [String: [Double]]] = [:]
        for (name, column) in zip(header, columns) {
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            let vm = parts[0], dimension = parts.count == 2 ? parts[1].lowercased() : "cpu"
            if cpu[vm] == nil && other[vm] == nil { order.append(vm) }
            if dimension == "cpu" { cpu[vm] = column } else { other[vm, default: [:]][dimension] = column }
        }
        var result: [UtilisationTrace] = []
        for vm in order {
            guard let series = cpu[vm] else {
                throw TraceError(file: file, line: 1, message: "VM \(vm) has columns for \(other[vm, default: [:]].keys.sorted().joined(separator: ", ")) but none for its CPU")
            }
            result.append(UtilisationTrace(name: vm, cpu: series, dimensionFractions: other[vm] ?? [:]))
        }
        if !result.isEmpty { result[0].warnings = warnings }
        return result
    }
}
