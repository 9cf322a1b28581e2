import Heuristics
import PlacementModel

/// Why a simulation could not run.
public enum SimulationError: Error, CustomStringConvertible, Sendable, Equatable {
    case unknownPolicy(String)
    case noTraces
    case noHosts
    case scenario(String)
    case unknownPreset(String)
    case noVMTypes
    /// A policy name whose parameter is out of range.
    case badParameter(policy: String, message: String)
    /// A setting of the configuration that cannot be used.
    case badSetting(String)

    public var description: String {
        switch self {
        case let .unknownPolicy(name):
            return "unknown policy '\(name)'; policy names are\n" + SimulationPolicy.grammar
        case .noTraces: return "no traces to replay"
        case .noHosts: return "the data centre has no hosts"
        case let .scenario(message): return "events: \(message)"
        case let .unknownPreset(name): return "unknown preset '\(name)'; known: \(SimulationConfiguration.presetNames.joined(separator: ", "))"
        case .noVMTypes: return "the data centre has no VM types"
        case let .badParameter(policy, message): return "policy '\(policy)': \(message)"
        case let .badSetting(message): return message
        }
    }
}
