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

    public var description: String {
        switch self {
        case let .unknownPolicy(name):
            return "unknown policy '\(name)'; use npa, dvfs, vmplace-portfolio or <trigger>-<selection>-<parameter> "
                + "with trigger thr|iqr|mad|lr|lrr|lrw|kofn|ewma|imbalance and selection mmt|rs|mc (e.g. thr-mmt-0.8)"
        case .noTraces: return "no traces to replay"
        case .noHosts: return "the data centre has no hosts"
        case let .scenario(message): return "scenario: \(message)"
        case let .unknownPreset(name): return "unknown preset '\(name)'; known: cloudsim-planetlab"
        case .noVMTypes: return "the data centre has no VM types"
        case let .badParameter(policy, message): return "policy '\(policy)': \(message)"
        }
    }
}
