/// The hot spots no placement avoids: VMs, and sets of VMs that affinity rules keep on one host
/// (memory they share counted once, as the checker counts it), whose demand is above the
/// overload threshold of every host they may use — wherever they run, their host is above a
/// threshold. The hotspot goal can relieve every other host; these it can only name, and a
/// hotspot answer that leaves exactly these hosts hot leaves nothing a placement could fix.
/// - Complexity: O((n + m)·d + Σ affinity group sizes + |sharedMemory|) for few distinct host
///   rooms, plus the VMs' host rules (``EligibleHosts``).
public struct UnavoidableHotSpots: Sendable {
    /// VMs that must share a host and together exceed every threshold they could run under.
    public struct Unit: Sendable, Equatable {
        /// The VMs, in index order (one VM, or the VMs linked by affinity rules).
        public var vms: [Int]
        /// Their demand on one host, shared memory among them counted once.
        public var demand: ResourceVector
        /// The names of the affinity groups that keep them together (empty for a single VM).
        public var affinityGroups: [String]
    }

    /// Every such unit, in order of their first VM.
    public let units: [Unit]
    private let unitOfVM: [Int: Int]

    public init(_ instance: Instance) {
        var eligible = EligibleHosts(instance, underOverloadThresholds: true)
        let sharing = InstanceValidator.sharedMemoryByVM(instance)
        let affinityUnits = instance.affinityUnits()
        var affinityUnitOf = [Int](repeating: 0, count: instance.vms.count)
        for (u, members) in affinityUnits.enumerated() { for vm in members { affinityUnitOf[vm] = u } }
        var groups = Array(repeating: [String](), count: affinityUnits.count)
        for rule in instance.affinity { if let first = rule.vms.first { groups[affinityUnitOf[first]].append(rule.name) } }
        var units: [Unit] = []
        for (u, vms) in affinityUnits.enumerated() {
            guard let demand = InstanceValidator.demandFittingNoHost(instance, vms, sharing: sharing, eligible: &eligible) else { continue }
            units.append(Unit(vms: vms, demand: demand, affinityGroups: groups[u]))
        }
        self.units = units
        var unitOfVM: [Int: Int] = [:]
        for (u, unit) in units.enumerated() { for vm in unit.vms { unitOfVM[vm] = u } }
        self.unitOfVM = unitOfVM
    }

    /// The unit `vm` belongs to, when it is one that no host may hold under its thresholds.
    public func unit(containing vm: Int) -> Unit? { unitOfVM[vm].map { units[$0] } }

    /// The hosts of `placement` that hold such a unit (each is above a threshold, whatever else
    /// it holds), sorted.
    /// - Complexity: O(Σ unit sizes + its log).
    public func hosts(in placement: Placement) -> [Int] {
        Set(units.compactMap { unit in unit.vms.lazy.compactMap { placement[$0] }.first }).sorted()
    }

    /// "affinity group tier3 (2 VMs: a, b) needs mem 256", or "VM a needs mem 300", naming the
    /// dimensions in which the demand is above every active host's threshold (all of them when
    /// it is the combination that fits nowhere).
    public func describe(_ unit: Unit, in instance: Instance) -> String {
        let d = instance.dimensionCount
        let active = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        let above = (0..<d).filter { k in
            active.allSatisfy { h in unit.demand[k] > instance.overloadThreshold(host: h, dimension: k) * instance.hosts[h].capacity[k] }
        }
        let levels = (above.isEmpty ? Array(0..<d) : above).map { "\(instance.dimensions[$0]) \(formatNumber(unit.demand[$0]))" }
        let who = unit.vms.count == 1 ? "VM \(instance.vms[unit.vms[0]].id)"
            : "affinity group \(unit.affinityGroups.joined(separator: " + ")) (\(unit.vms.count) VMs: \(unit.vms.map { instance.vms[$0].id }.joined(separator: ", ")))"
        return "\(who) needs \(levels.joined(separator: ", ")), above the overload threshold of every host it may use"
    }
}
