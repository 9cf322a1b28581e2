import Foundation
import Heuristics
import PlacementModel
import SolvePipeline

/// Supplies the methods a run scores, by name: ``RegistryMethodProvider`` (every registered method)
/// or a fixed list (tests).
public protocol MethodProvider: Sendable {
    /// The methods with these names, in this order; throws naming an unknown one.
    func methods(named: [String]) throws -> [any PlacementMethod]
    /// Every method name, in catalogue order (what `--methods all` means).
    var allNames: [String] { get }
}

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

/// The provider over every registered method (``MethodRegistry``): what `vmplace score` uses.
public struct RegistryMethodProvider: MethodProvider {
    public init() {}
    public var allNames: [String] { MethodRegistry.names }
    public func methods(named names: [String]) throws -> [any PlacementMethod] {
        do {
            return try MethodRegistry.methods(named: names)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "--methods", error.description)])
        }
    }
}
