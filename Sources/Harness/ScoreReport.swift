import Foundation
import Heuristics
import InstanceFormats
import PlacementModel
import SolvePipeline

/// What a score run did.
public struct ScoreReport: Sendable {
    /// `Results/<suite>/<run>`.
    public var directory: String
    public var resultsPath: String
    /// All rows of the results file after the run (canonical order).
    public var rows: [ScoreRow]
    public var computedRows: Int
    public var resumedRows: Int
    public var droppedLines: Int
    /// Methods left out because they do not handle the goal.
    public var skippedMethods: [String]
    /// Summary and charts (unsharded runs only).
    public var writtenFiles: [String]
}
