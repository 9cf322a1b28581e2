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
