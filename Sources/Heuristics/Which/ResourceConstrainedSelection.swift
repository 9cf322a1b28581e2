import PlacementModel

/// "Which": the resource-constrained VM first — the VMs of a host in decreasing demand in the
/// host's most utilised dimension (the resource that makes it a hot spot), ties by the next most
/// utilised dimension, then by VM index.
///
/// Mishra, Das, Kulkarni, Sahoo, "Dynamic Resource Management Using Virtual Machine Migrations"
/// (IEEE Comm. Mag. 2012), "which VM: the one whose resource is constrained".
///
/// - Complexity: O(n + v·d log v) for v VMs on the host.
public struct ResourceConstrainedSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "resource-constrained" }
    public var summary: String { "largest demand in the host's most utilised dimension first" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let utilisation = state.utilisation(host: host)
        let dimensions = utilisation.indices.sorted { utilisation[$0] != utilisation[$1] ? utilisation[$0] > utilisation[$1] : $0 < $1 }
        let vms = state.vms(on: host)
        return vms.sorted { a, b in
            for k in dimensions {
                let x = state.instance.vms[a].demand[k], y = state.instance.vms[b].demand[k]
                if x != y { return x > y }
            }
            return a < b
        }
    }
}
