import Foundation
import Heuristics
import InstanceFormats
import PlacementModel
import SolvePipeline

/// A deterministic slice of a suite: member `i` (0-based, in name order) belongs to shard
/// `i mod count + 1`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based index.
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) throws(InvalidInput) {
        guard count >= 1, (1...count).contains(index) else {
            throw InvalidInput([Diagnostic(.error, path: "--shard", "expected I/N with 1 ≤ I ≤ N, got \(index)/\(count)")])
        }
        self.index = index
        self.count = count
    }
    /// Parses `I/N`.
    public init(parsing text: String) throws(InvalidInput) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw InvalidInput([Diagnostic(.error, path: "--shard", "expected I/N (e.g. 2/8), got \"\(text)\"")])
        }
        try self.init(index: i, count: n)
    }
    public func contains(position: Int) -> Bool { position % count == index - 1 }
    public var description: String { "\(index)/\(count)" }
    /// File name of this shard's results.
    public var fileName: String { "results.shard-\(index)-of-\(count).csv" }
}
