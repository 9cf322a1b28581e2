import Foundation
import Heuristics
import PlacementModel
import SolvePipeline

/// A provider over a fixed list.
public struct ListMethodProvider: MethodProvider {
    public var list: [any PlacementMethod]
    public init(_ list: [any PlacementMethod]) { self.list = list }
    public var allNames: [String] { list.map(\.name) }
    public func methods(named names: [String]) throws -> [any PlacementMethod] {
        var result: [any PlacementMethod] = []
        var unknown: [String] = []
        for name in names {
            if let method = list.first(where: { $0.name == name }) { result.append(method) } else { unknown.append(name) }
        }
        if !unknown.isEmpty {
            throw InvalidInput([Diagnostic(.error, path: "--methods",
                                           "unknown method\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); known: \(allNames.joined(separator: ", "))")])
        }
        return result
    }
}
