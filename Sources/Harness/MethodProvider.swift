import Foundation
import PlacementModel
import Heuristics

/// Supplies the methods a run scores, by name. The CLI installs one that knows the heuristic
/// catalogue and the exact method (``defaultMethodProvider``).
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

private final class ProviderSlot: @unchecked Sendable {
    let lock = NSLock()
    var provider: any MethodProvider = ListMethodProvider([FirstFitDecreasing()])
}
private let slot = ProviderSlot()

/// The provider the `score` command uses. Defaults to first-fit decreasing only; the CLI sets it
/// to the full catalogue (heuristics, portfolio, exact) at start-up.
public var defaultMethodProvider: any MethodProvider {
    get {
        slot.lock.lock()
        defer { slot.lock.unlock() }
        return slot.provider
    }
    set {
        slot.lock.lock()
        slot.provider = newValue
        slot.lock.unlock()
    }
}
