/// A virtual machine with a demand per dimension and what moving it costs.
/// Host references are indices into `Instance.hosts`.
public struct VirtualMachine: Sendable, Hashable {
    public var id: String
    public var demand: ResourceVector
    /// Memory to copy when migrating, in MiB (default: the demand in the memory dimension).
    public var memoryMiB: Double?
    /// Rate at which the VM dirties memory, in MiB/s (pre-copy rounds); default 0.
    public var dirtyRateMiBps: Double?
    /// Local disk in GiB, copied when migrating between sites without shared storage.
    public var diskGiB: Double?
    /// Where the VM runs now; `nil` = not placed yet.
    public var currentHost: Int?
    /// Hosts the VM may run on; `nil` = all.
    public var allowedHosts: [Int]?
    /// Hosts the VM must not run on.
    public var forbiddenHosts: [Int]
    /// Must stay on its current host.
    public var pinned: Bool
    /// Explicit cost of migrating this VM; `nil` = estimated by the pre-copy model.
    public var migrationCost: Double?

    public init(id: String, demand: ResourceVector, memoryMiB: Double? = nil, dirtyRateMiBps: Double? = nil,
                diskGiB: Double? = nil, currentHost: Int? = nil, allowedHosts: [Int]? = nil,
                forbiddenHosts: [Int] = [], pinned: Bool = false, migrationCost: Double? = nil) {
        self.id = id
        self.demand = demand
        self.memoryMiB = memoryMiB
        self.dirtyRateMiBps = dirtyRateMiBps
        self.diskGiB = diskGiB
        self.currentHost = currentHost
        self.allowedHosts = allowedHosts
        self.forbiddenHosts = forbiddenHosts
        self.pinned = pinned
        self.migrationCost = migrationCost
    }
}
