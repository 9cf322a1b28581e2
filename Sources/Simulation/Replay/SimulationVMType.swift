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
