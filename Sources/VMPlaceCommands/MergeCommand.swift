import ArgumentParser
import ExactSolver
import Foundation
import Harness
import InstanceFormats
import PlacementModel
import SolvePipeline

/// `vmplace merge`: joins shard results into one results.csv with summary and charts.
public struct Merge: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Merge results files (shards) into one results.csv, summary.md and charts.",
        discussion: """
        Inputs are results CSV files or run folders (all results*.csv in them). Rows are deduplicated by instance + method + goal (first input wins) and sorted.

        Example:
          vmplace score Instances/vbp --run r1 --shard 1/2
          vmplace score Instances/vbp --run r1 --shard 2/2
          vmplace merge Results/vbp/r1        # joins results.shard-*.csv into results.csv
        """)

    @Argument(help: "Results files or run folders.")
    public var inputs: [String]

    @Option(help: "Merged results file (default: results.csv in the folder of the first input).")
    public var output: String?

    public init() {}

    public func run() throws {
        let first = inputs.first ?? "."
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        let folder = isDirectory.boolValue ? first : URL(fileURLWithPath: first).deletingLastPathComponent().path
        let target = output ?? (folder as NSString).appendingPathComponent("results.csv")
        let rows = try ResultsMerge.merge(inputs, into: target)
        print("\(rows.count) rows in \(target)")
    }
}
