import Foundation
import PlacementModel
import struct PlacementModel.Host

/// Reads an instance in the format its extension names (``InstanceFormatRegistry``; JSON when
/// the extension is unknown).
public enum InstanceFile {
    public static func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        try InstanceFormatRegistry.formatOrDefault(forPath: path).read(path: path)
    }
}
