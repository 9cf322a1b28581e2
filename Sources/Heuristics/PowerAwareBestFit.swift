import PlacementModel

/// Power-aware best fit (PABFD's "where"): the candidate host whose power draw rises least when
/// the VM joins it. As in CloudSim's `PowerVmAllocationPolicyMigrationAbstract.findHostForVm`:
/// a host that already carries CPU load is skipped when it would be overloaded after the move
/// (`overloadedAfterPlacing`, the caller's overload detector; by default the CPU load would
/// exceed the instance's CPU overload threshold), an empty host is not checked; ties go to the
/// lowest host index (CloudSim keeps the first strict minimum in host order).
///
/// Power comes from `context.power` (e.g. a SPECpower curve) at the CPU utilisation
/// `load / capacity`, else linearly from the host's idle/peak watts, else from its open cost.
///
/// Beloglazov & Buyya, "Optimal online deterministic algorithms and adaptive heuristics for
/// energy and performance efficient dynamic consolidation of virtual machines in Cloud data
/// centers", CCPE 24(13), 2012, Algorithm 1 (PABFD).
///
/// - Complexity: O(m·d) per VM for m candidate hosts and d dimensions (plus the cost of the
///   overload check).
public struct PowerAwareBestFit: DestinationPolicy {
    /// Whether `host` would be overloaded once `vm` is added (state is before the move).
    public typealias OverloadCheck = @Sendable (_ vm: Int, _ host: Int, _ state: PackingState) -> Bool

    public let overloadedAfterPlacing: OverloadCheck?

    /// - Parameter overloadedAfterPlacing: the caller's overload test; `nil` = CPU load after the
    ///   move above `instance.overloadThreshold(host:dimension:)` of the CPU dimension.
    public init(overloadedAfterPlacing: OverloadCheck? = nil) {
        self.overloadedAfterPlacing = overloadedAfterPlacing
    }

    public var name: String { "pabfd" }
    public var summary: String { "power-aware best fit: least increase of host power, destination overload check" }
    public var citation: String {
        "Beloglazov & Buyya, CCPE 24(13):1397-1420, 2012 (PABFD)"
    }

    /// Index of the CPU dimension: the one named cpu (case-insensitive), else 0.
    public static func cpuDimension(of instance: Instance) -> Int {
        instance.dimensions.firstIndex { $0.lowercased() == "cpu" } ?? 0
    }

    /// Power of `host` at CPU utilisation `utilisation` (clamped to [0, 1]).
    public static func power(host: Int, utilisation: Double, instance: Instance, context: PolicyContext) -> Double {
        let u = min(1, max(0, utilisation))
        if let power = context.power { return power(host, u) }
        let machine = instance.hosts[host]
        if let idle = machine.idleWatts, let peak = machine.peakWatts { return idle + (peak - idle) * u }
        return machine.openCost * (0.5 + 0.5 * u)
    }

    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        let instance = state.instance
        let cpu = Self.cpuDimension(of: instance)
        let demand = instance.vms[vm].demand[cpu]
        let excluded = context.excludedHosts
        let hosts = instance.hosts
        let dimensions = instance.dimensionCount
        let loads = state.load
        // One scan over the candidates with a non-escaping power function (no reference
        // counting per call on this hot path).
        func scan(_ watts: (Int, Double) -> Double) -> Int? {
            var best: Int?
            var bestIncrease = Double.infinity
            for host in candidates {
                let capacity = hosts[host].capacity.values[cpu]
                let load = loads[host * dimensions + cpu]
                // Cheap tests first (CPU room, power increase against the best so far); the full
                // feasibility test and the overload check run only for a host that would win.
                guard capacity > 0, load + demand <= capacity * (1 + 1e-9) else { continue }
                let increase = watts(host, min(1, (load + demand) / capacity)) - watts(host, min(1, load / capacity))
                guard increase < bestIncrease || (increase == bestIncrease && host < (best ?? Int.max)) else { continue }
                if !excluded.isEmpty && excluded.contains(host) { continue }
                guard state.canPlace(vm: vm, on: host) else { continue }
                if load != 0 {
                    if let check = overloadedAfterPlacing {
                        if check(vm, host, state) { continue }
                    } else if (load + demand) / capacity > instance.overloadThreshold(host: host, dimension: cpu) {
                        continue
                    }
                }
                bestIncrease = increase
                best = host
            }
            return best
        }
        if let power = context.power { return scan(power) }
        return scan { host, utilisation in Self.power(host: host, utilisation: utilisation, instance: instance, context: context) }
    }
}
