import Foundation
import InstanceFormats
import PlacementModel
import SolvePipeline

/// The reference values a row is scored against: the best certified lower bound and the optimum.
public struct ReferenceValues: Sendable, Hashable {
    public var lowerBound: Double?
    /// Which source gave `lowerBound`: `opt`, `instance`, `known-file`, `exact`, `L1`, or empty.
    public var boundSource: String
    public var knownOptimum: Double?
    public init(lowerBound: Double? = nil, boundSource: String = "", knownOptimum: Double? = nil) {
        self.lowerBound = lowerBound
        self.boundSource = boundSource
        self.knownOptimum = knownOptimum
    }

    /// Combines sources: the optimum is the first one given (instance file, then `--known`, then the
    /// exact method); the lower bound is the largest bound of all sources (an optimum is a bound
    /// too). Ties go to the earlier source in the list. Values are rounded as the CSV writes them,
    /// so a resumed run computes exactly the same gaps from the values it reads back.
    public static func combine(optima: [(source: String, value: Double?)], bounds: [(source: String, value: Double?)]) -> ReferenceValues {
        var result = ReferenceValues()
        result.knownOptimum = optima.lazy.compactMap(\.value).first.map(normalise)
        var candidates: [(String, Double)] = []
        if let opt = result.knownOptimum { candidates.append(("opt", opt)) }
        for (source, value) in bounds { if let value, value.isFinite { candidates.append((source, normalise(value))) } }
        for (source, value) in candidates where result.lowerBound.map({ value > $0 }) ?? true {
            result.lowerBound = value
            result.boundSource = source
        }
        return result
    }

    /// The value as the CSV writes it, read back.
    public static func normalise(_ value: Double) -> Double { Double(JSONOutput.format(value)) ?? value }
}
