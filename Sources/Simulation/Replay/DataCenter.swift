/// Hosts, VM types and time step of a simulated data centre.
public struct DataCenter: Sendable, Hashable {
    /// Host type of each host (index = host number).
    public var hosts: [SimulationHostType]
    public var vmTypes: [SimulationVMType]
    public var vmTypeAssignment: VMTypeAssignment
    public var intervalSeconds: Double
    /// Whether VM memory and bandwidth reservations limit packing after a VM's creation. CloudSim's
    /// PlanetLab examples give cloudlets `UtilizationModelNull` for RAM and bandwidth, so a running
    /// VM requests 0 of both and only CPU packs (memory counts at creation and for migration
    /// time); the `cloudsim-planetlab` preset therefore sets this to false.
    public var reservationsLimitPacking: Bool

    public init(hosts: [SimulationHostType], vmTypes: [SimulationVMType], vmTypeAssignment: VMTypeAssignment = .blocks,
                intervalSeconds: Double = 300, reservationsLimitPacking: Bool = true) {
        self.hosts = hosts
        self.vmTypes = vmTypes
        self.vmTypeAssignment = vmTypeAssignment
        self.intervalSeconds = intervalSeconds
        self.reservationsLimitPacking = reservationsLimitPacking
    }

    /// The VM type index of VM `i` of `count`.
    public func vmType(of i: Int, count: Int) -> Int {
        let types = max(1, vmTypes.count)
        switch vmTypeAssignment {
        case .roundRobin: return i % types
        case .blocks:
            let block = max(1, (count + types - 1) / types)
            return min(types - 1, i / block)
        }
    }

    /// CloudSim's PlanetLab set-up (examples/power/Constants.java): `hostCount` hosts alternating
    /// HP ProLiant ML110 G4 (2 × 1860 MIPS) and G5 (2 × 2660 MIPS), 4096 MiB RAM, 1 Gbit/s;
    /// VM types High-CPU Medium (2500 MIPS, 870 MiB), Extra Large (2000, 1740), Small (1000, 1740),
    /// Micro (500, 613), 100 Mbit/s each, given in contiguous blocks; 300 s steps.
    public static func cloudSimPlanetLab(hostCount: Int = 800) -> DataCenter {
        let g4 = SimulationHostType(name: "HP ProLiant ML110 G4", mipsPerCore: 1860, cores: 2, ramMiB: 4096,
                                    bandwidthMbps: 1000, power: .hpProLiantMl110G4)
        let g5 = SimulationHostType(name: "HP ProLiant ML110 G5", mipsPerCore: 2660, cores: 2, ramMiB: 4096,
                                    bandwidthMbps: 1000, power: .hpProLiantMl110G5)
        let types = [
            SimulationVMType(name: "high-cpu-medium", mips: 2500, ramMiB: 870, bandwidthMbps: 100),
            SimulationVMType(name: "extra-large", mips: 2000, ramMiB: 1740, bandwidthMbps: 100),
            SimulationVMType(name: "small", mips: 1000, ramMiB: 1740, bandwidthMbps: 100),
            SimulationVMType(name: "micro", mips: 500, ramMiB: 613, bandwidthMbps: 100),
        ]
        return DataCenter(hosts: (0..<hostCount).map { $0 % 2 == 0 ? g4 : g5 }, vmTypes: types,
                          vmTypeAssignment: .blocks, intervalSeconds: 300, reservationsLimitPacking: false)
    }
}
