/// The hosts a VM may use by its rules (``Instance/isEligible(vm:host:)``), found without a scan
/// of every host: hosts not in maintenance are grouped by capacity once, and a VM's own rules
/// (pinning, allowed or forbidden hosts) are read in O(their size). Validation asks it, for
/// each VM, whether some host it may use fits its demand and, when none does, which hosts to
/// name — so a file of many hosts (a `count` or a `.vbp` item multiplicity) and many VMs stays
/// linear to check. For VMs without host rules the answer is remembered per demand vector:
/// instances are mostly a few host types and many VMs of few sizes, so a million VMs that fit no
/// host cost a few comparisons each.
/// - Complexity: O(m·d) to build; per VM O(a·log a + f + k·d) for a allowed hosts, f forbidden
///   hosts and k distinct host capacities (O(d) for a remembered demand).
struct EligibleHosts {
    let instance: Instance
    /// Whether a host's room is its overload thresholds (else its capacity).
    let underOverloadThresholds: Bool
    /// Hosts not in maintenance, in index order.
    private let active: [Int]
    /// Active hosts grouped by room (capacity, or load at the overload thresholds): the room and
    /// how many hosts have it.
    private let classes: [(capacity: ResourceVector, size: Int)]
    private let classOfHost: [Int]
    /// Whether some active host fits a demand, for VMs without host rules.
    private var answers: [ResourceVector: Bool] = [:]

    /// `underOverloadThresholds`: a host has room for a demand when it stays at or under the
    /// host's overload thresholds (``Instance/isAboveOverloadThreshold(load:host:dimension:)``),
    /// not only its capacity.
    init(_ instance: Instance, underOverloadThresholds: Bool = false) {
        self.instance = instance
        self.underOverloadThresholds = underOverloadThresholds
        active = instance.hosts.indices.filter { instance.hosts[$0].state != .maintenance }
        var index: [ResourceVector: Int] = [:]
        var classes: [(capacity: ResourceVector, size: Int)] = []
        var classOfHost = [Int](repeating: -1, count: instance.hosts.count)
        for h in active {
            let capacity = Self.room(instance, h, underOverloadThresholds: underOverloadThresholds)
            if let c = index[capacity] { classes[c].size += 1; classOfHost[h] = c; continue }
            index[capacity] = classes.count
            classOfHost[h] = classes.count
            classes.append((capacity, 1))
        }
        self.classes = classes
        self.classOfHost = classOfHost
    }

    /// The room of host `h`: its capacity, or its load at the overload thresholds (a demand fits
    /// with ``ResourceVector/fits(within:tolerance:)``'s tolerance, the checker's).
    static func room(_ instance: Instance, _ h: Int, underOverloadThresholds: Bool) -> ResourceVector {
        let capacity = instance.hosts[h].capacity
        guard underOverloadThresholds else { return capacity }
        return ResourceVector(capacity.values.indices.map { instance.overloadThreshold(host: h, dimension: $0) * capacity[$0] })
    }

    /// The hosts `vm` may use when its rules name them (pinned, allowed hosts), sorted; nil when
    /// it may use every active host except its forbidden ones.
    /// - Complexity: O(a·log a + f) for a named and f forbidden hosts.
    private func namedHosts(_ vm: Int) -> [Int]? {
        let machine = instance.vms[vm]
        let named: [Int]
        if machine.pinned, let current = machine.currentHost { named = [current] }
        else if let allowed = machine.allowedHosts { named = Array(Set(allowed)).sorted() }
        else { return nil }
        let rules = HostRules(instance, vm: vm)
        return named.filter { instance.hosts.indices.contains($0) && rules.allow($0) }
    }

    /// ``Instance/isEligible(vm:host:)`` for one VM with its host lists read once into sets, so
    /// that testing many hosts is not a scan of the lists per host (a VM may allow thousands).
    /// - Complexity: O(a + f) to build, O(1) per host.
    private struct HostRules {
        let instance: Instance
        let pinnedTo: Int?
        let allowed: Set<Int>?
        let forbidden: Set<Int>

        init(_ instance: Instance, vm: Int) {
            let machine = instance.vms[vm]
            self.instance = instance
            pinnedTo = machine.pinned ? machine.currentHost : nil
            allowed = machine.allowedHosts.map(Set.init)
            forbidden = Set(machine.forbiddenHosts)
        }

        /// Whether the VM may run on `host` by its rules alone (as ``Instance/isEligible(vm:host:)``).
        func allow(_ host: Int) -> Bool {
            instance.hosts[host].state != .maintenance && (pinnedTo.map { $0 == host } ?? true)
                && (allowed?.contains(host) ?? true) && !forbidden.contains(host)
        }
    }

    /// The distinct forbidden hosts of `vm` that are active.
    private func forbiddenActive(_ vm: Int) -> Set<Int> {
        Set(instance.vms[vm].forbiddenHosts.filter { instance.hosts.indices.contains($0) && classOfHost[$0] >= 0 })
    }

    /// Whether `vm` has no host rules (no allowed or forbidden hosts, not pinned to a host).
    static func isUnrestricted(_ vm: VirtualMachine) -> Bool {
        vm.allowedHosts == nil && vm.forbiddenHosts.isEmpty && !(vm.pinned && vm.currentHost != nil)
    }

    /// Whether some host `vm` may use has room for its demand (capacity alone).
    mutating func someHostFits(_ vm: Int) -> Bool { someHostFits(instance.vms[vm].demand, allOf: [vm]) }

    /// Whether some host that every VM of `vms` may use has room for `demand`.
    /// - Complexity: O(Σ rule sizes + k·d), or O(Σ rule sizes + a·(|vms| + d)) when a VM names a hosts.
    mutating func someHostFits(_ demand: ResourceVector, allOf vms: [Int]) -> Bool {
        if vms.allSatisfy({ EligibleHosts.isUnrestricted(instance.vms[$0]) }) {
            if let known = answers[demand] { return known }
            let fits = classes.contains { demand.fits(within: $0.capacity) }
            answers[demand] = fits
            return fits
        }
        var shortest: [Int]? = nil
        for vm in vms {
            if let named = namedHosts(vm), shortest == nil || named.count < shortest!.count { shortest = named }
        }
        if let shortest {
            let rules = vms.map { HostRules(instance, vm: $0) }
            return shortest.contains { h in
                rules.allSatisfy { $0.allow(h) } && demand.fits(within: Self.room(instance, h, underOverloadThresholds: underOverloadThresholds))
            }
        }
        var forbidden = Set<Int>()
        for vm in vms { forbidden.formUnion(forbiddenActive(vm)) }
        var forbiddenPerClass: [Int: Int] = [:]
        for h in forbidden { forbiddenPerClass[classOfHost[h], default: 0] += 1 }
        return classes.indices.contains { c in
            classes[c].size > forbiddenPerClass[c, default: 0] && demand.fits(within: classes[c].capacity)
        }
    }

    /// The least, over the hosts that every VM of `vms` may use and that have room for `demand`,
    /// of the largest share of the host's room that `demand` takes in `dimensions`; nil when no
    /// such host exists. Wherever these VMs run together, their host's utilisation is at least this.
    /// - Complexity: as ``someHostFits(_:allOf:)``, with O(k·d) per call for k room classes.
    func leastShare(_ demand: ResourceVector, allOf vms: [Int], dimensions: [Int]) -> Double? {
        func share(_ room: ResourceVector) -> Double? {
            guard demand.fits(within: room) else { return nil }
            var worst = 0.0
            for k in dimensions {
                let c = room[k]
                worst = max(worst, c > 0 ? demand[k] / c : (demand[k] > 0 ? .infinity : 0))
            }
            return worst
        }
        if vms.allSatisfy({ EligibleHosts.isUnrestricted(instance.vms[$0]) }) {
            return classes.compactMap { share($0.capacity) }.min()
        }
        var shortest: [Int]? = nil
        for vm in vms {
            if let named = namedHosts(vm), shortest == nil || named.count < shortest!.count { shortest = named }
        }
        if let shortest {
            let rules = vms.map { HostRules(instance, vm: $0) }
            return shortest.lazy.filter { h in rules.allSatisfy { $0.allow(h) } }
                .compactMap { share(Self.room(self.instance, $0, underOverloadThresholds: self.underOverloadThresholds)) }.min()
        }
        var forbidden = Set<Int>()
        for vm in vms { forbidden.formUnion(forbiddenActive(vm)) }
        var forbiddenPerClass: [Int: Int] = [:]
        for h in forbidden { forbiddenPerClass[classOfHost[h], default: 0] += 1 }
        return classes.indices.filter { classes[$0].size > forbiddenPerClass[$0, default: 0] }.compactMap { share(classes[$0].capacity) }.min()
    }

    /// The first `limit` hosts `vm` may use, in index order, and how many there are in all.
    func eligible(_ vm: Int, first limit: Int) -> (hosts: [Int], count: Int) {
        if let named = namedHosts(vm) { return (Array(named.prefix(limit)), named.count) }
        let forbidden = forbiddenActive(vm)
        var first: [Int] = []
        for h in active where !forbidden.contains(h) {
            first.append(h)
            if first.count == limit { break }
        }
        return (first, active.count - forbidden.count)
    }
}
