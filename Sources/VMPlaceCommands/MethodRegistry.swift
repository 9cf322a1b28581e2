import Heuristics
import PlacementModel

/// Every method the tool can run, by name, in a stable order.
enum MethodRegistry {
    static var all: [any PlacementMethod] {
        [FirstFitDecreasing()]
    }

    static func method(named name: String) -> (any PlacementMethod)? {
        all.first { $0.name == name }
    }

    static var names: [String] { all.map(\.name) }
}
