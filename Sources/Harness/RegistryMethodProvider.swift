import Foundation
import Heuristics
import PlacementModel
import SolvePipeline

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
