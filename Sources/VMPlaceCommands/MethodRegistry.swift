import ArgumentParser
import Harness
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

/// The harness sees the same methods as `vmplace solve`.
struct RegistryMethodProvider: MethodProvider {
    func methods(named names: [String]) throws -> [any PlacementMethod] {
        try names.map { name in
            guard let method = MethodRegistry.method(named: name) else {
                throw ValidationError("unknown method \"\(name)\"; one of: \(MethodRegistry.names.joined(separator: ", "))")
            }
            return method
        }
    }

    var allNames: [String] { MethodRegistry.names }
}
