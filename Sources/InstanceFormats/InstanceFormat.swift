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

/// The vmplace JSON format (``InstanceJSON``).
public struct JSONInstanceFormat: InstanceFormat {
    public init() {}
    public var name: String { "json" }
    public var fileExtensions: [String] { ["json"] }
    public func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        try InstanceJSON.read(path: path)
    }
    public func encode(_ instance: Instance) throws(InvalidInput) -> (text: String, dropped: [String]) {
        (InstanceJSON.encode(instance), [])
    }
}

/// VPSolver's `.vbp` vector packing format (``VBPFormat``).
public struct VBPInstanceFormat: InstanceFormat {
    public init() {}
    public var name: String { "vbp" }
    public var fileExtensions: [String] { ["vbp"] }
    public func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        (try VBPFormat.read(path: path), [])
    }
    public func encode(_ instance: Instance) throws(InvalidInput) -> (text: String, dropped: [String]) {
        try VBPFormat.encode(instance)
    }
}

/// Every instance format, chosen by file extension in one place.
public enum InstanceFormatRegistry {
    /// The formats, in the order their extensions are listed; the first is the default.
    public static let formats: [any InstanceFormat] = [JSONInstanceFormat(), VBPInstanceFormat()]

    /// Every extension a suite folder is searched for.
    public static var fileExtensions: [String] { formats.flatMap(\.fileExtensions) }

    /// The format of `path` by its extension (case-insensitive), or nil.
    public static func format(forPath path: String) -> (any InstanceFormat)? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let suffix = path[path.index(after: dot)...].lowercased()
        return formats.first { $0.fileExtensions.contains(suffix) }
    }

    /// The format of `path`, or the default (JSON) for an unknown or missing extension.
    public static func formatOrDefault(forPath path: String) -> any InstanceFormat {
        format(forPath: path) ?? formats[0]
    }
}
