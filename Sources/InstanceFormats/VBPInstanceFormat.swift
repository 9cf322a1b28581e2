import PlacementModel

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
