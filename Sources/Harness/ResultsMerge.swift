import Foundation
import InstanceFormats
import PlacementModel

/// Joins the results files of shards (or of any runs) into one table: rows deduplicated by
/// instance + method + goal (the first file given wins), canonical order.
public enum ResultsMerge {
    /// Reads `inputs` (files, or folders whose `results*.csv` files are all taken, in name order)
    /// and returns the merged rows. An input that is empty or does not start with the header line
    /// is an error naming it (``ResultsFile/readInput(path:)``).
    public static func rows(from inputs: [String]) throws -> [ScoreRow] {
        var all: [ScoreRow] = []
        for path in try files(inputs) { all += try ResultsFile.readInput(path: path) }
        return ResultsFile.canonical(all)
    }

    /// Merges into `output` (a `results.csv` path) and writes the summary and charts beside it.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String, title: String? = nil) throws -> [ScoreRow] {
        let merged = try rows(from: inputs)
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        try ScoreRun.writeReports(rows: merged, directory: directory,
                                  title: title ?? URL(fileURLWithPath: directory).lastPathComponent, resultsPath: output)
        return merged
    }

    static func files(_ inputs: [String]) throws -> [String] {
        var result: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw InvalidInput([Diagnostic(.error, path: "", "no such results file or folder", file: input)])
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                let csvs = names.filter { $0.hasPrefix("results") && $0.hasSuffix(".csv") }.sorted()
                if csvs.isEmpty { throw InvalidInput([Diagnostic(.error, path: "", "no results*.csv in this folder", file: input)]) }
                result += csvs.map { (input as NSString).appendingPathComponent($0) }
            } else {
                result.append(input)
            }
        }
        return result
    }
}
