import ArgumentParser
import InstanceFormats
import PlacementModel

/// `vmplace validate FILE…`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check instance files (.json or .vbp) and list every problem found.",
        discussion: """
        Each problem names the file, line and column, the JSON path of the field and what was
        expected, e.g.
          bad.json:14:17: error: vms[2].demand: 2 values given, instance has 3 dimensions (cpu, mem, net)
        A VM that fits no host it may use, or rules that cannot all hold, are reported as well.
        Exit code 1 when any file is invalid.

        Example:
          vmplace validate Instances/examples/*.json Instances/vbp/*.vbp
        """)

    @Argument(help: "Instance files (.json or .vbp).")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    func run() throws {
        var failed = 0
        for file in files {
            do {
                let (instance, warnings) = try InstanceFile.read(path: file)
                for warning in warnings { printError(warning.description) }
                if !quiet {
                    printOutput("\(file): ok — \(instance.hosts.count) hosts, \(instance.vms.count) VMs, \(instance.dimensionCount) dimensions (\(instance.dimensions.joined(separator: ", ")))\n")
                }
            } catch {
                failed += 1
                printError(error.description)
                printError("\(file): invalid (\(error.diagnostics.filter { $0.severity == .error }.count) error\(error.diagnostics.count == 1 ? "" : "s"))")
            }
        }
        if failed > 0 { throw ToolExit(code: 1) }
    }
}
