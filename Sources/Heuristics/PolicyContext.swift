import PlacementModel

/// Extra information a selection or destination policy may use beyond the packing state:
/// utilisation history (for correlation- and forecast-based policies), a seed for random
/// policies, and the power model of hosts (for power-aware placement).
public struct PolicyContext: Sendable {
    /// Recent utilisation samples per VM (oldest first, fraction of its own capacity or of the
    /// host's, as the caller documents); empty when there is no history.
    public var vmHistory: [[Double]]
    /// Recent utilisation samples per host (oldest first); empty when there is no history.
    public var hostHistory: [[Double]]
    /// Seed for random policies; a policy derives its generator from it and the host / VM index,
    /// so results do not depend on call order.
    public var seed: UInt64
    /// Power drawn by a host at a CPU utilisation in [0, 1], in watts; `nil` = use the host's
    /// idle/peak watts linearly (or host open cost when they are missing).
    public var power: (@Sendable (_ host: Int, _ utilisation: Double) -> Double)?
    /// Hosts that must not receive VMs (e.g. overloaded hosts being relieved, or hosts being switched off).
    public var excludedHosts: Set<Int>

    public init(vmHistory: [[Double]] = [], hostHistory: [[Double]] = [], seed: UInt64 = 1,
                power: (@Sendable (_ host: Int, _ utilisation: Double) -> Double)? = nil,
                excludedHosts: Set<Int> = []) {
        self.vmHistory = vmHistory
        self.hostHistory = hostHistory
        self.seed = seed
        self.power = power
        self.excludedHosts = excludedHosts
    }
}
