import ArgumentParser
import Foundation
import InstanceFormats
import PlacementModel

/// `vmplace convert IN OUT`
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an instance between vmplace JSON and VPSolver .vbp (by file extension).",
        discussion: """
        .vbp → .json: item types become VMs, bins become identical hosts (as many as items).
        .json → .vbp: needs identical hosts and integral demands; rules, current placement and
        costs do not exist in .vbp and are dropped (a warning says which).

        Examples:
          vmplace convert Instances/vbp/class1_20_3_0.vbp class1.json
          vmplace convert class1.json class1.vbp
        """)

    @Argument(help: "Input instance (.json or .vbp).")
    var input: String

    @Argument(help: "Output file (.json or .vbp); - for JSON on standard output.")
    var output: String

    func run() throws {
        let instance = try loadInstance(input)
        let format = InstanceFormatRegistry.formatOrDefault(forPath: output)
        do {
            let (text, dropped) = try format.encode(instance)
            if !dropped.isEmpty { printError("warning: .\(format.name) has no place for: \(dropped.joined(separator: ", ")); dropped") }
            try emit(text, to: output)
        } catch let error as InvalidInput {
            throw InvalidInputError(message: error.diagnostics.map { var d = $0; d.file = input; return d.description }.joined(separator: "\n"))
        }
    }
}
