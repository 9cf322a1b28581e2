/// A kind of physical host in a simulated data centre.
public struct SimulationHostType: Sendable, Hashable {
    public var name: String
    /// MIPS of one processing element (core).
    public var mipsPerCore: Double
    public var cores: Int
    public var ramMiB: Double
    /// Network bandwidth, Mbit/s. Half of it carries migrations (CloudSim).
    public var bandwidthMbps: Double
    public var power: PowerModel

    public init(name: String, mipsPerCore: Double, cores: Int, ramMiB: Double, bandwidthMbps: Double, power: PowerModel) {
        self.name = name
        self.mipsPerCore = mipsPerCore
        self.cores = cores
        self.ramMiB = ramMiB
        self.bandwidthMbps = bandwidthMbps
        self.power = power
    }

    public var totalMIPS: Double { mipsPerCore * Double(cores) }
    /// MiB/s available to one migration: half the bandwidth (CloudSim: `bw / (2 · 8000)` with bw in kbit/s).
    public var migrationBandwidthMiBps: Double { bandwidthMbps / 16 }
}

/// A kind of VM: its CPU capacity (the trace's 100 %), memory and bandwidth reservation.
public struct SimulationVMType: Sendable, Hashable {
    public var name: String
    public var mips: Double
    public var ramMiB: Double
    public var bandwidthMbps: Double

    public init(name: String, mips: Double, ramMiB: Double, bandwidthMbps: Double) {
        self.name = name
        self.mips = mips
        self.ramMiB = ramMiB
        self.bandwidthMbps = bandwidthMbps
    }
}

/// How VM types are given to the traces (in sorted trace order).
public enum VMTypeAssignment: String, Sendable, Hashable, CaseIterable {
    /// CloudSim's `Helper.createVmList`: VM i gets type ⌊i / ⌈n / types⌉⌋ (contiguous blocks).
    case blocks
    /// VM i gets type i mod types.
    case roundRobin
}

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
