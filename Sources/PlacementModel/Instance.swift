/// A placement instance: hosts, VMs, where they run now, rules and costs.
public struct Instance: Sendable, Hashable {
    public var name: String
    /// Names of the resource dimensions, e.g. ["cpu", "mem", "net"].
    public var dimensions: [String]
    /// Index of the memory dimension (used by memory sharing and migration cost), if any.
    public var memoryDimension: Int?
    public var hosts: [Host]
    public var vms: [VirtualMachine]
    /// VMs of one group must run on pairwise different hosts.
    public var antiAffinity: [PlacementRule]
    /// VMs of one group must run on one host.
    public var affinity: [PlacementRule]
    /// Traffic between VM pairs (cost when on different hosts).
    public var traffic: [VirtualMachinePair]
    /// Memory shared between VM pairs: counted once when the pair is co-located (Memory Buddies).
    public var sharedMemory: [VirtualMachinePair]
    /// Per-dimension overload threshold, fraction of capacity (default 1 = capacity).
    public var overloadThreshold: [Double]
    /// Per-dimension underload threshold, fraction of capacity (default 0).
    public var underloadThreshold: [Double]
    public var weights: ObjectiveWeights
    public var network: NetworkModel
    public var migration: MigrationSettings
    public var known: KnownValues

    public init(name: String, dimensions: [String], memoryDimension: Int? = nil, hosts: [Host],
                vms: [VirtualMachine], antiAffinity: [PlacementRule] = [], affinity: [PlacementRule] = [],
                traffic: [VirtualMachinePair] = [], sharedMemory: [VirtualMachinePair] = [],
                overloadThreshold: [Double]? = nil, underloadThreshold: [Double]? = nil,
                weights: ObjectiveWeights = ObjectiveWeights(), network: NetworkModel = NetworkModel(),
                migration: MigrationSettings = MigrationSettings(), known: KnownValues = KnownValues()) {
        self.name = name
        self.dimensions = dimensions
        self.memoryDimension = memoryDimension ?? Instance.defaultMemoryDimension(dimensions)
        self.hosts = hosts
        self.vms = vms
        self.antiAffinity = antiAffinity
        self.affinity = affinity
        self.traffic = traffic
        self.sharedMemory = sharedMemory
        self.overloadThreshold = overloadThreshold ?? Array(repeating: 1, count: dimensions.count)
        self.underloadThreshold = underloadThreshold ?? Array(repeating: 0, count: dimensions.count)
        self.weights = weights
        self.network = network
        self.migration = migration
        self.known = known
    }

    /// The dimension named mem, memory or ram (case-insensitive), if any.
    public static func defaultMemoryDimension(_ dimensions: [String]) -> Int? {
        dimensions.firstIndex { ["mem", "memory", "ram"].contains($0.lowercased()) }
    }

    public var dimensionCount: Int { dimensions.count }

    /// Whether `vm` may run on `host` by its rules alone (allowed, forbidden, pinned, maintenance);
    /// capacity is not considered.
    public func isEligible(vm: Int, host: Int) -> Bool {
        // Fields are read in place (no copy of the VM): this is on every heuristic's hot path.
        if hosts[host].state == .maintenance { return false }
        if vms[vm].pinned, let current = vms[vm].currentHost, current != host { return false }
        if let allowed = vms[vm].allowedHosts, !allowed.contains(host) { return false }
        if !vms[vm].forbiddenHosts.isEmpty, vms[vm].forbiddenHosts.contains(host) { return false }
        return true
    }

    /// The overload threshold of `host` in dimension `dimension` as a fraction of capacity.
    public func overloadThreshold(host: Int, dimension: Int) -> Double {
        hosts[host].overloadThreshold?[dimension] ?? overloadThreshold[dimension]
    }

    /// VMs grouped so that every affinity rule lies inside one unit (union of overlapping rules):
    /// the sets of VMs that must share a host. VMs without affinity are singletons. Units are
    /// ordered by their smallest VM index, members ascending.
    /// - Complexity: O(n α(n) + Σ rule sizes).
    public func affinityUnits() -> [[Int]] {
        let n = vms.count
        if affinity.isEmpty { return (0..<n).map { [$0] } }
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for rule in affinity where rule.vms.count > 1 {
            let root = find(rule.vms[0])
            for vm in rule.vms.dropFirst() { let r = find(vm); if r != root { parent[r] = root } }
        }
        var byRoot: [Int: Int] = [:]
        var out: [[Int]] = []
        for vm in 0..<n {
            let r = find(vm)
            if let i = byRoot[r] { out[i].append(vm) } else { byRoot[r] = out.count; out.append([vm]) }
        }
        return out
    }

    /// Whether `load` of `host` in `dimension` is above its overload threshold — the one test
    /// the checker, the heuristics and the notes share (a relative tolerance of 1e-9 of the
    /// limit, at least 1e-9, so rounding in a sum of demands never counts as a hot spot).
    /// - Complexity: O(1).
    public func isAboveOverloadThreshold(load: Double, host: Int, dimension: Int) -> Bool {
        let limit = overloadThreshold(host: host, dimension: dimension) * hosts[host].capacity.values[dimension]
        return Self.exceeds(load, limit)
    }

    /// The dimensions in which `loads` (one per dimension) put `host` above its overload threshold.
    /// - Complexity: O(d).
    public func dimensionsAboveOverloadThreshold(host: Int, loads: [Double]) -> [Int] {
        loads.indices.filter { isAboveOverloadThreshold(load: loads[$0], host: host, dimension: $0) }
    }

    /// The hosts that `placement` puts above an overload threshold in some dimension, in index order.
    /// - Complexity: O(n·d + m·d).
    public func hostsAboveOverloadThresholds(_ placement: Placement) -> [Int] {
        let loads = hostLoads(placement)
        return hosts.indices.filter { !dimensionsAboveOverloadThreshold(host: $0, loads: loads[$0].values).isEmpty }
    }

    /// Whether `load` is above `limit` beyond rounding (relative tolerance 1e-9, at least 1e-9).
    /// - Complexity: O(1).
    public static func exceeds(_ load: Double, _ limit: Double) -> Bool {
        load > limit + 1e-9 * Swift.max(1, abs(limit))
    }

    /// The placement the instance starts from (current hosts).
    public var currentPlacement: Placement {
        Placement(hostOfVM: vms.map(\.currentHost))
    }

    /// True when some VM has a current host.
    public var hasCurrentPlacement: Bool { vms.contains { $0.currentHost != nil } }
}
