import PlacementModel

/// "Which" by the vector approach: the VM whose removal leaves the host most balanced first —
/// the VMs in increasing length of the host's resource imbalance vector after the VM leaves
/// (i.e. VMs aligned with the host's imbalance go first), ties by larger normalised demand, then
/// VM index.
///
/// Mishra, Sahoo, "On Theory of VM Placement: Anomalies in Existing Methodologies and Their
/// Mitigation Using a Novel Vector Based Approach" (IEEE CLOUD 2011).
///
/// - Complexity: O(n + v·d + v log v) for v VMs on the host.
public struct VectorSelection: VMSelectionPolicy {
    public init() {}
    public var name: String { "vector" }
    public var summary: String { "VM whose removal best corrects the host's resource imbalance first" }
    public var citation: String { "Mishra & Sahoo, IEEE CLOUD 2011" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let instance = state.instance
        let utilisation = state.utilisation(host: host)
        let vms = state.vms(on: host)
        var after = [Double](repeating: 0, count: vms.count)
        var size = [Double](repeating: 0, count: vms.count)
        for (i, vm) in vms.enumerated() {
            let u = instance.normalisedDemand(vm: vm, host: host)
            after[i] = SizeMeasure.imbalance(zip(utilisation, u).map { $0 - $1 })
            size[i] = u.reduce(0, +)
        }
        return vms.indices.sorted {
            if after[$0] != after[$1] { return after[$0] < after[$1] }
            if size[$0] != size[$1] { return size[$0] > size[$1] }
            return vms[$0] < vms[$1]
        }.map { vms[$0] }
    }
}
