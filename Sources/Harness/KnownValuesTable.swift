import Foundation
import InstanceFormats
import PlacementModel

/// Known lower bounds, optima and published heuristic results from TSV files in the layout of
/// `data/vbp/known/`: a header line `instance_name <TAB> LB <TAB> OPT <TAB> best_overall <TAB> …`,
/// then one line per instance. A negative value (-1) means unknown. Columns after OPT are
/// published heuristic results, named by the header (`best_overall`, `best_IC`, `best_BC`,
/// `best_MB-Pairing`, `best_MB-WFD` in the Mommessin, Erlebach, Shakhlevich tables); without a
/// header they are ignored. Commas are accepted as separators too; LF and CRLF line ends; `#`
/// starts a comment line.
///
/// Every bad line is an error naming the file and line: too few fields (or, under a header, a
/// field count that differs from it), an empty field, a value that is not a finite number, an LB
/// above the OPT, a published result below the LB or the OPT (no heuristic beats the optimum),
/// an instance listed twice in one file.
///
/// Used by the harness (`vmplace score --known`), `heuristics-bench` and `exact-bench`.
/// - Complexity: O(size of the text).
public struct KnownValuesTable: Sendable {
    public struct Entry: Sendable, Hashable {
        public var lowerBound: Double?
        public var optimum: Double?
        /// Published heuristic results by header column name; unknown ones are absent.
        public var published: [String: Double] = [:]
        public init(lowerBound: Double?, optimum: Double?, published: [String: Double] = [:]) {
            self.lowerBound = lowerBound
            self.optimum = optimum
            self.published = published
        }
        /// The best published heuristic result (`best_overall`), when known.
        public var bestOverall: Double? { published[KnownValuesTable.bestOverallColumn] }
    }
    public static let bestOverallColumn = "best_overall"

    public var entries: [String: Entry] = [:]
    /// Names of the published heuristic columns, in the order of first appearance.
    public var publishedColumns: [String] = []
    public init() {}

    public static func read(paths: [String]) throws(InvalidInput) -> KnownValuesTable {
        var table = KnownValuesTable()
        var problems: [Diagnostic] = []
        for path in paths {
            let text: String
            do {
                text = try TextFile.read(path: path)
            } catch {
                problems += error.diagnostics
                continue
            }
            do {
                try table.merge(text, file: path)
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return table
    }

    /// Adds the entries of one file's text (later files override earlier ones per instance).
    /// Nothing is added when the text has a bad line.
    public mutating func merge(_ text: String, file: String? = nil) throws(InvalidInput) {
        var problems: [Diagnostic] = []
        var header: [String]? = nil
        var seenContent = false
        var added: [String: (line: Int, entry: Entry)] = [:]
        // `isNewline` splits "\r\n" (one Character) as well as "\n".
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func problem(_ message: String) { problems.append(Diagnostic(.error, path: "", message, file: file, line: number + 1)) }
            let fields = line.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\t" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            defer { seenContent = true }
            if !seenContent && fields.first?.lowercased() == "instance_name" {
                if fields.count < 3 || fields.contains(where: \.isEmpty) || Set(fields).count != fields.count {
                    problem("header: expected instance_name, LB, OPT and distinct names of further columns, found \"\(line.prefix(80))\"")
                } else {
                    header = fields
                }
                continue
            }
            guard fields.count >= 3 else {
                problem("expected instance_name, LB, OPT (tab separated), found \"\(line.prefix(60))\"")
                continue
            }
            if let header, fields.count != header.count {
                problem("\(fields.count) fields, the header has \(header.count) (\(header.joined(separator: ", ")))")
                continue
            }
            if let empty = fields.firstIndex(where: \.isEmpty) {
                problem("field \(empty + 1)\(header.map { " (\($0[empty]))" } ?? "") is empty")
                continue
            }
            let names = header ?? ["instance_name", "LB", "OPT"]
            var values: [Double] = []
            var bad = false
            for (k, field) in fields.enumerated().dropFirst().prefix(names.count - 1) {
                // Values feed gaps: NaN, infinities and words are errors, not "unknown".
                guard let value = Double(field), value.isFinite else {
                    problem("\(names[k]) must be a finite number (-1 = unknown), found \"\(field)\" for \(fields[0])")
                    bad = true
                    break
                }
                values.append(value)
            }
            if bad { continue }
            let bound = values[0] >= 0 ? values[0] : nil
            let optimum = values[1] >= 0 ? values[1] : nil
            if let bound, let optimum, bound > optimum {
                problem("LB \(formatNumber(bound)) exceeds OPT \(formatNumber(optimum)) for \(fields[0])")
                continue
            }
            var published: [String: Double] = [:]
            for (k, value) in values.enumerated().dropFirst(2) where value >= 0 {
                let column = names[k + 1]
                if let floor = optimum ?? bound, value < floor {
                    problem("\(column) \(formatNumber(value)) is below the \(optimum != nil ? "OPT" : "LB") \(formatNumber(floor)) for \(fields[0])")
                    bad = true
                    break
                }
                published[column] = value
            }
            if bad { continue }
            let name = URL(fileURLWithPath: fields[0]).deletingPathExtension().lastPathComponent
            if let earlier = added[name] {
                problem("instance \(name) is listed twice (also line \(earlier.line))")
                continue
            }
            added[name] = (number + 1, Entry(lowerBound: bound, optimum: optimum, published: published))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        for (name, value) in added { entries[name] = value.entry }
        for column in (header ?? []).dropFirst(3) where !publishedColumns.contains(column) { publishedColumns.append(column) }
    }
}
