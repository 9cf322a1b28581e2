import PlacementModel

/// What a migration across sites needs beyond memory: the local disk when the sites share no
/// storage (Bradford et al., "Live Wide-Area Migration of Virtual Machines Including Local
/// Persistent State", VEE'07) and IP reconfiguration (or a VPN / layer-2 extension as in
/// CloudNet, Wood et al., VEE'11) when the sites are not in one subnet.
///
/// Hosts without a site, or two hosts of one site, are local: no disk copy, no IP change. Two
/// sites without a declared link are taken to share neither storage nor a subnet (as
/// `Instance.migrationCopiesDisk` does).
///
/// - Complexity: O(L) for L declared links.
public struct WideAreaMigration: Sendable, Hashable {
    public var vm: Int
    public var from: Int
    public var to: Int
    /// The two hosts are at different sites.
    public var crossesSites: Bool
    /// The local disk is copied (no shared storage between the sites).
    public var copiesDisk: Bool
    /// Disk copied, MiB (0 when `copiesDisk` is false or the VM declares no disk).
    public var diskMiB: Double
    /// The VM's IP address must be reconfigured (different subnets).
    public var needsIPReconfiguration: Bool

    /// Assesses one move.
    public static func assess(instance: Instance, vm: Int, from source: Int, to destination: Int) -> WideAreaMigration {
        let a = instance.hosts[source].site
        let b = instance.hosts[destination].site
        let crosses = a != nil && b != nil && a != b
        let copies = instance.migrationCopiesDisk(from: source, to: destination)
        let disk = copies ? max(0, instance.vms[vm].diskGiB ?? 0) * 1024 : 0
        let sameSubnet = crosses ? (instance.network.link(between: a, b)?.sameSubnet ?? false) : true
        return WideAreaMigration(vm: vm, from: source, to: destination, crossesSites: crosses, copiesDisk: copies,
                                 diskMiB: disk, needsIPReconfiguration: crosses && !sameSubnet)
    }
}
