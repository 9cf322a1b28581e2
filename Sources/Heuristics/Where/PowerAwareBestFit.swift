import PlacementModel

/// Power-aware best fit (PABFD's "where"): the candidate host whose power draw rises least when
/// the VM joins it. As in CloudSim's `PowerVmAllocationPolicyMigrationAbstract.findHostForVm`:
/// a host that already carries CPU load is skipped when it would be overloaded after the move
/// (`overloadedAfterPlacing`, the caller's overload detector; by default the CPU load would
/// exceed the instance's CPU overload threshold), an empty host is not checked; ties go to the
/// lowest host index (CloudSim keeps the first strict minimum in host order).
///
/// Power comes from `context.power` (e.g. a SPECpower curve) at the CPU utilisation
/// `load / capacity`, else linearly from the host's idle/peak watts, else from its open cost;
/// the increase is the difference of two such values (CloudSim's arithmetic, where hosts of
/// mathematically equal increase differ in the last bits). With ``PowerStretches`` it is
/// computed so that equal increases are equal doubles, and ties are true ties, decided by the
/// host index (``PowerAwareBestFitIndex`` answers such queries without a scan).
///
/// Beloglazov & Buyya, "Optimal online deterministic algorithms and adaptive heuristics for
/// energy and performance efficient dynamic consolidation of virtual machines in Cloud data
/// centers", CCPE 24(13), 2012, Algorithm 1 (PABFD).
///
/// - Complexity: O(m·d) per VM for m candidate hosts and d dimensions, plus O(log m) and one
///   overload check per host ranked before the answer (by power increase) that fails the full tests.
public struct PowerAwareBestFit: DestinationPolicy {
    /// Whether `host` would be overloaded once `vm` is added (state is before the move).
    public typealias OverloadCheck = @Sendable (_ vm: Int, _ host: Int, _ state: PackingState) -> Bool

    public let overloadedAfterPlacing: OverloadCheck?
    /// Memo of each host's power at its current load (one curve evaluation per candidate
    /// instead of two, same values); `nil` = evaluate both.
    public let memo: PowerMemo?
    /// The increase from ``PowerStretches`` (mathematically equal increases are equal, ties go
    /// to the lowest index); `nil` = interpolate `context.power` twice, as CloudSim does.
    public let stretches: PowerStretches?

    /// - Parameters:
    ///   - overloadedAfterPlacing: the caller's overload test; `nil` = CPU load after the move
    ///     above `instance.overloadThreshold(host:dimension:)` of the CPU dimension.
    ///   - memo: a memo shared by successive calls that use the same power function.
    ///   - stretches: the curves of the instance's hosts as stretches, for tie-exact increases.
    public init(overloadedAfterPlacing: OverloadCheck? = nil, memo: PowerMemo? = nil, stretches: PowerStretches? = nil) {
        self.overloadedAfterPlacing = overloadedAfterPlacing
        self.memo = memo
        self.stretches = stretches
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

    /// The increase of `host`'s power when `demand` joins its CPU `load` (the one arithmetic of
    /// the scan and the index); `nil` when the CPU does not fit or the increase is NaN (NaN
    /// compares false with everything: such a host can never be the best).
    @inline(__always)
    static func increase(host: Int, load: Double, demand: Double, capacity: Double,
                         watts: (Int, Double) -> Double, wattsNow: (Int, Double) -> Double) -> Double? {
        guard capacity > 0, load + demand <= capacity * (1 + 1e-9) else { return nil }
        let now = min(1, load / capacity)
        let increase = watts(host, min(1, (load + demand) / capacity)) - wattsNow(host, now)
        return increase.isNaN ? nil : increase
    }

    /// The full feasibility test and the overload check (exclusion, rules, detector).
    func passes(vm: Int, host: Int, state: PackingState, context: PolicyContext, cpu: Int) -> Bool {
        if !context.excludedHosts.isEmpty && context.excludedHosts.contains(host) { return false }
        guard state.canPlace(vm: vm, on: host) else { return false }
        let instance = state.instance
        let load = state.load[host * instance.dimensionCount + cpu]
        guard load != 0 else { return true }
        if let check = overloadedAfterPlacing { return !check(vm, host, state) }
        let demand = instance.vms[vm].demand[cpu]
        return (load + demand) / instance.hosts[host].capacity.values[cpu] <= instance.overloadThreshold(host: host, dimension: cpu)
    }

    /// The answer of ``destination(for:candidates:state:context:)`` for the candidates that are
    /// the members of `index` (which holds their CPU loads in `state`, and the curves of
    /// `context.power`) whose kind `admits` accepts (asked with a host of the kind), without
    /// scanning them all. `utilisationLimit`: a CPU utilisation after the move above which the
    /// overload check surely fails (the caller's promise; such hosts are not evaluated), `nil` = none.
    public func destination(for vm: Int, index: PowerAwareBestFitIndex, admits: (Int) -> Bool, utilisationLimit: Double? = nil,
                            state: PackingState, context: PolicyContext) -> Int? {
        let instance = state.instance
        let cpu = Self.cpuDimension(of: instance)
        let demand = instance.vms[vm].demand[cpu]
        return index.destination(demand: demand, admits: admits, passes: { passes(vm: vm, host: $0, state: state, context: context, cpu: cpu) },
                                 utilisationLimit: utilisationLimit)
    }

    public func destination(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext) -> Int? {
        let instance = state.instance
        let cpu = Self.cpuDimension(of: instance)
        let demand = instance.vms[vm].demand[cpu]
        let hosts = instance.hosts
        let dimensions = instance.dimensionCount
        let loads = state.load
        let memo = self.memo
        // The answer is the least (increase, host) among the candidates passing every test. One
        // scan with a non-escaping power function (no reference counting per call on this hot
        // path) ranks the hosts with CPU room by their power increase; the full tests then run in
        // that order until one passes — only for hosts ranked before the answer, and the answer.
        func scan(_ watts: (Int, Double) -> Double) -> Int? {
            rank { host in
                Self.increase(host: host, load: loads[host * dimensions + cpu], demand: demand, capacity: hosts[host].capacity.values[cpu],
                              watts: watts, wattsNow: { memo?.watts(host: $0, utilisation: $1, power: watts) ?? watts($0, $1) })
            }
        }
        func rank(_ increaseOf: (Int) -> Double?) -> Int? {
            withUnsafeTemporaryAllocation(of: (increase: Double, host: Int).self, capacity: candidates.count) { ranked in
                var count = 0
                for host in candidates {
                    guard let increase = increaseOf(host) else { continue }
                    ranked[count] = (increase, host)
                    count += 1
                }
                // A binary min-heap on (increase, host) — a total order, so hosts come out in
                // exactly the order of a sort: O(m) to build, O(log m) per host taken.
                @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
                    ranked[a].increase < ranked[b].increase
                        || (ranked[a].increase == ranked[b].increase && ranked[a].host < ranked[b].host)
                }
                func siftDown(_ start: Int) {
                    var i = start
                    while true {
                        let left = 2 * i + 1
                        guard left < count else { return }
                        var child = left
                        if left + 1 < count && before(left + 1, left) { child = left + 1 }
                        guard before(child, i) else { return }
                        ranked.swapAt(i, child)
                        i = child
                    }
                }
                for i in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(i) }
                while count > 0 {
                    let host = ranked[0].host
                    if passes(vm: vm, host: host, state: state, context: context, cpu: cpu) { return host }
                    count -= 1
                    ranked[0] = ranked[count]
                    siftDown(0)
                }
                return nil
            }
        }
        if let stretches {
            precondition(stretches.hostCount == hosts.count, "stretches of another instance")
            return rank { host in stretches.increase(host: host, load: loads[host * dimensions + cpu], demand: demand) }
        }
        if let power = context.power { return scan(power) }
        return scan { host, utilisation in Self.power(host: host, utilisation: utilisation, instance: instance, context: context) }
    }
}
