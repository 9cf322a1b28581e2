import Foundation
import PlacementModel
import struct PlacementModel.Host

/// Reads an instance in the format its extension names (``InstanceFormatRegistry``), and for any
/// other name by its first character (`{` JSON, a digit `.vbp`); anything else is refused as
/// neither format.
public enum InstanceFile {
    public static func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        if let format = InstanceFormatRegistry.format(forPath: path) { return try format.read(path: path) }
        let text = try TextFile.read(path: path)
        switch text.unicodeScalars.first(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) {
        case "{": return try InstanceJSON.decode(text, file: path)
        case let first? where ("0"..."9").contains(first): return (try VBPFormat.decode(text, file: path), [])
        case let first:
            let found = first.map { "it starts with \"\($0.escaped(asASCII: true))\"" } ?? "it is empty"
            throw InvalidInput([Diagnostic(.error, path: "", "not an instance file: neither JSON (an object, starting with '{') nor VPSolver .vbp (integers); \(found)", file: path, line: 1, column: 1)])
        }
    }
}
