import Foundation
import InstanceFormats
import PlacementModel

/// Reads an instance file (.json or .vbp), printing warnings to stderr; invalid input becomes an
/// ``InvalidInputError`` listing every diagnostic.
func loadInstance(_ path: String, quiet: Bool = false) throws -> Instance {
    do {
        let (instance, warnings) = try InstanceFile.read(path: path)
        if !quiet { for warning in warnings { printError(warning.description) } }
        return instance
    } catch {
        throw InvalidInputError(message: error.description)
    }
}

/// Writes `text` to `path` atomically, or to stdout when `path` is nil or "-".
func emit(_ text: String, to path: String?) throws {
    if let path, path != "-" {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            printError("error: \(error.description)")
            throw ToolExit(code: 1)
        }
    } else {
        printOutput(text)
    }
}
