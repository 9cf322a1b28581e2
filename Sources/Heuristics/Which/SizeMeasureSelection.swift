import PlacementModel

/// "Which" by a holistic size measure (survey, "which VMs to migrate"): the VMs of a host in
/// decreasing order of a ``SizeMeasure`` of their demand normalised by that host's capacity —
/// `volume` and `vsr` (volume-to-size ratio: most load relieved per MiB copied) from Sandpiper,
/// `max`, `sum`, `l2`, `product`, and `weighted-sum` whose weights are the host's current
/// utilisation per dimension (a dimension the host is short of weighs more). Ties by VM index.
///
/// Wood, Shenoy, Venkataramani, Yousif, "Black-box and Gray-box Strategies for Virtual Machine
/// Migration" (Sandpiper, NSDI'07); Mishra et al., IEEE Comm. Mag. 2012.
///
/// - Complexity: O(n + v log v + v·d) for v VMs on the host (listing them scans n VMs).
public struct SizeMeasureSelection: VMSelectionPolicy {
    public let measure: SizeMeasure
    public init(measure: SizeMeasure) { self.measure = measure }
    public var name: String { measure.rawValue }
    public var summary: String { "largest \(measure.rawValue) of demand normalised by the host's capacity first" }
    public var citation: String { "Wood et al., Sandpiper, NSDI 2007; Mishra et al., IEEE Comm. Mag. 2012" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let instance = state.instance
        let weights = measure == .weightedSum ? state.utilisation(host: host) : nil
        let vms = state.vms(on: host)
        let key = vms.map { measure.value(instance.normalisedDemand(vm: $0, host: host), weights: weights,
                                          memoryMiB: instance.migrationMemoryMiB(vm: $0)) }
        return vms.indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : vms[$0] < vms[$1] }.map { vms[$0] }
    }
}
