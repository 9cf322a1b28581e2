import PlacementModel

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
