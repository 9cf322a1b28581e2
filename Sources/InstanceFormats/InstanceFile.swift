import Foundation
import PlacementModel
import struct PlacementModel.Host

/// Reads an instance from a `.json` or `.vbp` file, by extension.
public enum InstanceFile {
    public static func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        if path.lowercased().hasSuffix(".vbp") { return (try VBPFormat.read(path: path), []) }
        return try InstanceJSON.read(path: path)
    }
}
