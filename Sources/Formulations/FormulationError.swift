import PlacementModel

/// Why a model cannot be built.
public enum FormulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A VM has no host it may use (eligibility, pinning, maintenance, or demand above capacity).
    case noHostForVM(vm: Int, id: String)
    /// The placement cannot be written in the model's variables (e.g. it uses a host the model cut).
    case placementNotRepresentable(String)
    /// The deadline passed while the model was being built.
    case deadlineReached

    public var description: String {
        switch self {
        case let .noHostForVM(vm, id): return "VM \(id) (index \(vm)) has no host it may use in this model"
        case let .placementNotRepresentable(why): return "placement not representable in the model: \(why)"
        case .deadlineReached: return "time limit reached while building the model"
        }
    }
}
