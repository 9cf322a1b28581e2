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

