import ArgumentParser
import ExactSolver
import Foundation
import InstanceFormats
import PlacementModel

/// `vmplace export INSTANCE --goal G --format lp|mps`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the exact model of an instance for another solver (CPLEX LP or free MPS).",
        discussion: """
        The model is the one `--method exact` solves with its compact formulation (capacity in every
        dimension, rules, migration, traffic and memory-sharing terms, symmetry breaking, bounds),
        written by GLPK's own writers. Variable names: x_v<VM>_h<host> (VM on host), y_h<host>
        (host used), and auxiliary columns named after their role. glpsol, CBC and HiGHS read both.

        Examples:
          vmplace export Instances/vbp/class1_20_3_0.vbp --goal place --format lp --output class1.lp
          glpsol --lp class1.lp
          vmplace export Instances/examples/small-cluster.json --goal balance --format mps --output balance.mps
        """)

    @Argument(help: "Instance file (.json or .vbp).")
    var instance: String

    @Option(help: "Goal: place, consolidate, balance or hotspot.")
    var goal: Goal = .consolidate

    @Option(help: "lp (CPLEX LP) or mps (free MPS).")
    var format: String = "lp"

    @Option(name: .shortAndLong, help: "Output file (written atomically); standard output when omitted.")
    var output: String?

    func validate() throws {
        guard ModelExport.Format(rawValue: format) != nil else { throw ValidationError("--format must be lp or mps, got \(format)") }
    }

    func run() throws {
        let model = try loadInstance(instance)
        let exportFormat = ModelExport.Format(rawValue: format)!
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-export-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let temporary = directory.appendingPathComponent("model.\(format)").path
        do {
            try ModelExport.export(model, goal: goal, format: exportFormat, to: temporary)
        } catch {
            printError("error: cannot build or write the model: \(error)")
            throw ToolExit(code: 1)
        }
        let text = try String(contentsOfFile: temporary, encoding: .utf8)
        try emit(text, to: output)
        printError("\(model.name): \(goal.rawValue) model written as \(format.uppercased())\(output.map { " to \($0)" } ?? "")")
    }
}
