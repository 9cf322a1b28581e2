import PlacementModel

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
