import Foundation

/// Reads vmplace's plain CSV trace layout: the first line names the VMs (comma separated), every
/// following line is one step with one CPU utilisation percent per VM, e.g.
///
///     web-1,web-2,db
///     12,40,7.5
///     15,38,9
///
/// Lines starting with '#' are comments; LF or CRLF line ends. A VM name given twice, an empty
/// cell (a gap), a missing cell, a negative or a non-numeric value is an error naming the file
/// and line.
///
/// - Complexity: O(cells).
public enum PlainCSVTraceReader {
    public static func read(file path: String) throws -> [UtilisationTrace] {
        let text = try readText(path)
        // `isNewline` splits "\r\n" (one Character) as well as "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var names: [String]?
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
                let percent = try parseUtilisation(cell, file: path, line: lineNumber, what: "CPU percent of \(header[column])")
                columns[column].append(percent / 100)
            }
        }
        guard let header = names, !(columns.first?.isEmpty ?? true) else {
            throw TraceError(file: path, line: nil, message: "no header or no samples")
        }
        return zip(header, columns).map { UtilisationTrace(name: $0, cpu: $1) }
    }
}
