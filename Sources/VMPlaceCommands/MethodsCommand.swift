import ArgumentParser
import PlacementModel
import SolvePipeline

/// `vmplace methods`
struct Methods: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every method with its goals, a one-line description and its citation.",
        discussion: """
        Example:
          vmplace methods
        """)

    func run() throws {
        for method in MethodRegistry.all {
            let goals = Goal.allCases.filter { method.goals.contains($0) }.map(\.rawValue).joined(separator: ",")
            printOutput("\(method.name)\t[\(goals)]\t\(method.summary)\t— \(method.citation)\n")
        }
    }
}
