import ArgumentParser
import ExactSolver
import Foundation
import Harness
import PlacementModel

/// The `vmplace` command: where virtual machines should run and which to live-migrate.
public struct VMPlace: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vmplace",
        abstract: "Decide where virtual machines run and which to live-migrate: heuristics and exact models (GLPK).",
        discussion: """
        Exit codes:
          0  success
          1  invalid input (every problem is listed with file, line and field)
          2  usage error
          3  a result failed the independent checker (a bug: please report it)
          4  no feasible placement was found (status infeasible or timeLimit)

        Examples:
          vmplace validate Instances/examples/*.json
          vmplace solve Instances/examples/small-cluster.json --goal consolidate \\
            --method portfolio --output solution.json
          vmplace check Instances/examples/small-cluster.json solution.json
        """,
        version: VMPlace.versionText,
        subcommands: commandList)

    public init() {}

    /// The release (see CHANGELOG.md).
    public static let version = "0.2.0"

    /// What `vmplace --version` prints: the release and the MIP backends' library versions.
    public static var versionText: String {
        "vmplace \(version) (" + MIPSolverRegistry.versions.joined(separator: ", ") + ")"
    }

    /// Subcommands, in `--help` order. Other modules' commands are appended here when merged.
    nonisolated(unsafe) public static var commandList: [ParsableCommand.Type] = [
        Validate.self, Check.self, Convert.self, Solve.self, Plan.self, Export.self, Methods.self, Score.self, Merge.self, Generate.self, Simulate.self, Capacity.self, Roadef.self,
    ]

    /// Runs the tool with `arguments` (without the program name) and returns the exit code. Usage
    /// errors exit 2 (not ArgumentParser's 64), invalid input 1.
    public static func main(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ToolExit {
            return exit.code
        } catch let invalid as InvalidInputError {
            printError(invalid.message)
            return 1
        } catch let invalid as InvalidInput {
            // Diagnostics from the libraries already say "file:line: error: …".
            printError(invalid.description)
            return 1
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                return 0
            }
            if !message.isEmpty { printError(message) }
            if code == .validationFailure { return 2 }
            return code.rawValue
        }
    }
}

/// Ends a command with an exit code (after it printed what it had to say).
struct ToolExit: Error {
    var code: Int32
}

/// Input that failed validation; the message lists every diagnostic.
struct InvalidInputError: Error {
    var message: String
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes text to standard output (no extra newline).
func printOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
