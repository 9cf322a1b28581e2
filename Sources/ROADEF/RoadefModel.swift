/// A ROADEF/EURO 2012 machine reassignment model (Google), as the challenge's
/// `problem_definition_v1.pdf` and the official `solution_checker.cc` define it. Per-machine and
/// per-process vectors are stored flat (`index * resourceCount + resource`) so that a set-B model
/// (50 000 processes, 5 000 machines) lives in a few contiguous arrays.
public struct RoadefModel: Sendable {
    /// One balance-cost triple: `weight · Σ_m max(0, target · A(m, first) − A(m, second))`.
    public struct BalanceCost: Sendable, Hashable {
        public var first: Int
        public var second: Int
        public var target: Int64
        public var weight: Int64
        public init(first: Int, second: Int, target: Int64, weight: Int64) {
            self.first = first
            self.second = second
            self.target = target
            self.weight = weight
        }
    }

    public var resourceCount: Int
    /// Whether resource r is transient (a moved process uses it on both machines).
    public var transient: [Bool]
    public var loadCostWeight: [Int64]

    public var machineCount: Int
    public var neighborhood: [Int32]
    public var location: [Int32]
    /// capacity[m · R + r].
    public var capacity: [Int64]
    /// safetyCapacity[m · R + r].
    public var safetyCapacity: [Int64]
    /// machineMoveCost[from · M + to] (0 on the diagonal in valid models).
    public var machineMoveCost: [Int32]

    public var serviceCount: Int
    public var spreadMin: [Int32]
    /// dependencies[s]: the services s depends on.
    public var dependencies: [[Int32]]

    public var processCount: Int
    public var service: [Int32]
    /// requirement[p · R + r].
    public var requirement: [Int64]
    public var processMoveCost: [Int64]

    public var balanceCosts: [BalanceCost]
    public var weightProcessMove: Int64
    public var weightServiceMove: Int64
    public var weightMachineMove: Int64

    /// 1 + the largest neighbourhood / location index.
    public var neighborhoodCount: Int
    public var locationCount: Int

    public init(resourceCount: Int, transient: [Bool], loadCostWeight: [Int64], machineCount: Int,
                neighborhood: [Int32], location: [Int32], capacity: [Int64], safetyCapacity: [Int64],
                machineMoveCost: [Int32], serviceCount: Int, spreadMin: [Int32], dependencies: [[Int32]],
                processCount: Int, service: [Int32], requirement: [Int64], processMoveCost: [Int64],
                balanceCosts: [BalanceCost], weightProcessMove: Int64, weightServiceMove: Int64,
                weightMachineMove: Int64) {
        self.resourceCount = resourceCount
        self.transient = transient
        self.loadCostWeight = loadCostWeight
        self.machineCount = machineCount
        self.neighborhood = neighborhood
        self.location = location
        self.capacity = capacity
        self.safetyCapacity = safetyCapacity
        self.machineMoveCost = machineMoveCost
        self.serviceCount = serviceCount
        self.spreadMin = spreadMin
        self.dependencies = dependencies
        self.processCount = processCount
        self.service = service
        self.requirement = requirement
        self.processMoveCost = processMoveCost
        self.balanceCosts = balanceCosts
        self.weightProcessMove = weightProcessMove
        self.weightServiceMove = weightServiceMove
        self.weightMachineMove = weightMachineMove
        neighborhoodCount = Int(neighborhood.max() ?? -1) + 1
        locationCount = Int(location.max() ?? -1) + 1
    }

    @inline(__always) public func capacity(_ machine: Int, _ resource: Int) -> Int64 {
        capacity[machine &* resourceCount &+ resource]
    }
    @inline(__always) public func safetyCapacity(_ machine: Int, _ resource: Int) -> Int64 {
        safetyCapacity[machine &* resourceCount &+ resource]
    }
    @inline(__always) public func requirement(_ process: Int, _ resource: Int) -> Int64 {
        requirement[process &* resourceCount &+ resource]
    }
    @inline(__always) public func machineMoveCost(from: Int, to: Int) -> Int64 {
        Int64(machineMoveCost[from &* machineCount &+ to])
    }

    /// Processes of each service, in process order.
    public func processesByService() -> [[Int32]] {
        var members = Array(repeating: [Int32](), count: serviceCount)
        for p in 0..<processCount { members[Int(service[p])].append(Int32(p)) }
        return members
    }

    /// For each service s, the services that depend on s.
    public func dependents() -> [[Int32]] {
        var result = Array(repeating: [Int32](), count: serviceCount)
        for s in 0..<serviceCount { for d in dependencies[s] { result[Int(d)].append(Int32(s)) } }
        return result
    }
}
