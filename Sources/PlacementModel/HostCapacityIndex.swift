/// Whether some host could take a given demand, for VMs without host restrictions (no allowed or
/// forbidden hosts, not pinned): the distinct capacities of the hosts not in maintenance, each
/// answer remembered per demand vector. Instances are mostly a few host types expanded by `count`
/// and many VMs of few sizes, so a million VMs that fit no host cost a few comparisons each, not a
/// scan of a million hosts each.
/// - Complexity: O(m) to build; O(k·d) per distinct demand for k distinct capacities, O(d) after.
struct HostCapacityIndex {
    private let capacities: [ResourceVector]
    private var answers: [ResourceVector: Bool] = [:]

    init(_ instance: Instance) {
        var seen = Set<ResourceVector>()
        capacities = instance.hosts.filter { $0.state != .maintenance && seen.insert($0.capacity).inserted }.map(\.capacity)
    }

    /// Whether a VM with no host restrictions can be placed on any host.
    static func isUnrestricted(_ vm: VirtualMachine) -> Bool {
        vm.allowedHosts == nil && vm.forbiddenHosts.isEmpty && !(vm.pinned && vm.currentHost != nil)
    }

    /// Whether `demand` fits the capacity of some host not in maintenance.
    mutating func someHostFits(_ demand: ResourceVector) -> Bool {
        if let known = answers[demand] { return known }
        let fits = capacities.contains { demand.fits(within: $0) }
        answers[demand] = fits
        return fits
    }
}
