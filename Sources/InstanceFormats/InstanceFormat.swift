import PlacementModel

/// A file format vmplace reads instances from (and may write them to). Adding a format is a
/// new conforming type plus one line in ``InstanceFormatRegistry/formats``; every command, the
/// harness's suites and `vmplace convert` then know it.
public protocol InstanceFormat: Sendable {
    /// Short name, e.g. `json`, `vbp`.
    var name: String { get }
    /// File name extensions, lower case, without the dot; the first is the one written.
    var fileExtensions: [String] { get }
    /// Reads an instance; every problem is a ``Diagnostic`` with the file's own positions.
    func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic])
    /// The instance as this format's text, and what the format has no place for (dropped).
    func encode(_ instance: Instance) throws(InvalidInput) -> (text: String, dropped: [String])
}

