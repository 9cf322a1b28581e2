import PlacementModel

/// A trace or events file that cannot be used: the project's ``Diagnostic`` (file, 1-based line,
/// column when known, message), so trace errors read like every other input error.
public typealias TraceError = Diagnostic

extension Diagnostic {
    /// An error at `file`:`line`(:`column`).
    public init(file: String, line: Int?, message: String, column: Int? = nil) {
        self.init(.error, path: "", message, file: file, line: line, column: column)
    }
}
