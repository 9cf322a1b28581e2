/// A problem found in an input, located by file, JSON path (or line) and what was expected.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public var severity: Severity
    /// JSON path such as `vms[12].demand`, or empty.
    public var path: String
    public var message: String
    /// Source position (1-based), when known.
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(_ severity: Severity = .error, path: String, _ message: String, file: String? = nil,
                line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: error: path: message`.
    public var description: String {
        var location = ""
        if let file { location += file }
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = location.isEmpty ? "" : location + ": "
        text += "\(severity.rawValue): "
        if !path.isEmpty { text += path + ": " }
        return text + message
    }
}

