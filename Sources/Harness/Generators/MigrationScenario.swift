import PlacementModel

/// Migration instances: a data centre already running, with hot spots and cold spots to fix.
/// `max(4, n/5)` hosts of 64 vCPU / 256 GiB / 10 000 Mbit/s; a quarter of them (at least one)
/// are hot (current CPU load drawn in 85–98 % of capacity, above the 80 % overload threshold), a
/// quarter cold (5–20 %, under the 20 % underload threshold), the rest 40–70 %. Each host is
/// filled with catalogue VMs (``CloudCatalogue``) until its drawn CPU target is reached, never
/// beyond capacity in any dimension, so the current placement is feasible. Network demand per
/// VM is U[10, 400] Mbit/s. Every VM gets `memoryMiB`, a dirty rate U[5, 200] MiB/s (pre-copy
/// estimates, Clark et al. NSDI'05). About n/3 random traffic pairs (rate U[1, 100]), and about
/// n/8 memory-sharing pairs of VMs of one family (Memory Buddies, Wood et al. VEE'09; 10–30 %
/// of the smaller memory). Weights: hosts 1, migration 0.01. Thresholds: overload 0.8 (cpu),
/// 0.9 (mem, net); underload 0.2. The VM count is what the filling produces (close to `n`);
/// the name carries it: `migration_<VMs>_3_<index>`.
///
/// Variants with other trade-offs (``Variant``), the same data centre drawn from their own seeds:
/// * `migcheap`: migrations five times cheaper (weight 0.002) — consolidating pays, hosts against
///   migrations;
/// * `migtraffic`: n traffic pairs, most inside a rack, weight 0.01 per unit of split traffic —
///   where a VM goes changes the traffic cost;
/// * `migsharing`: n/2 memory-sharing pairs of one family (20–50 % of the smaller memory) —
///   co-location frees memory, the memory dimension binds;
/// * `migrules`: anti-affinity pairs (replicas on different hosts), affinity pairs already
///   co-located, one host in maintenance (its VMs must move: forced migrations), pinned VMs and
///   VMs allowed on half the hosts only.
/// - Complexity: O(n + m).
public enum MigrationScenario {
    public static let hostCapacity = ResourceVector([64, 256, 10_000])

    /// The trade-off a migration instance stresses.
    public enum Variant: String, Sendable, CaseIterable {
        case base = "migration", cheap = "migcheap", traffic = "migtraffic", sharing = "migsharing", rules = "migrules"
    }

    /// Instance `index` of `variant`.
    public static func make(vmCount requested: Int, index: Int, seed: UInt64, variant: Variant) -> Instance {
        guard variant != .base else { return make(vmCount: requested, index: index, seed: seed) }
        var instance = make(vmCount: requested, index: index, seed: seed &+ UInt64(variant.rawValue.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        var random = GeneratorRandom(seed: GeneratorRandom.instanceSeed(seed: seed, name: variant.rawValue, index: index))
        let n = instance.vms.count, m = instance.hosts.count
        switch variant {
        case .base: break
        case .cheap: instance.weights.migration = 0.002
        case .traffic:
            var pairs: [VirtualMachinePair] = []
            var seen = Set<[Int]>()
            let byHost = instance.currentPlacement.vmsByHost(hostCount: m)
            for _ in 0..<n where n >= 2 {
                let a = random.int(in: 0...(n - 1))
                // Most partners run in the same rack now (8 hosts per rack), some anywhere.
                let rack = (instance.vms[a].currentHost ?? 0) / 8
                let near = (rack * 8..<min(m, rack * 8 + 8)).flatMap { byHost[$0] }
                let b = random.int(in: 0...9) < 7 && !near.isEmpty ? near[random.int(in: 0...(near.count - 1))] : random.int(in: 0...(n - 1))
                if a != b, seen.insert([min(a, b), max(a, b)]).inserted {
                    pairs.append(VirtualMachinePair(min(a, b), max(a, b), amount: Double(random.int(in: 1...100))))
                }
            }
            instance.traffic = pairs
            instance.weights.traffic = 0.01
        case .sharing:
            var pairs: [VirtualMachinePair] = []
            var seen = Set<[Int]>()
            let family = instance.vms.map { $0.id.split(separator: "-").last?.first ?? "m" }
            for _ in 0..<(4 * n) where pairs.count < n / 2 && n >= 2 {
                let a = random.int(in: 0...(n - 1)), b = random.int(in: 0...(n - 1))
                guard a != b, family[a] == family[b], seen.insert([min(a, b), max(a, b)]).inserted else { continue }
                let smaller = min(instance.vms[a].demand[1], instance.vms[b].demand[1])
                let amount = (smaller * random.double(in: 0.2...0.5)).rounded()
                if amount > 0 { pairs.append(VirtualMachinePair(min(a, b), max(a, b), amount: amount)) }
            }
            instance.sharedMemory = pairs
        case .rules:
            addRules(&instance, &random)
        }
        instance.name = "\(variant.rawValue)_\(n)_3_\(index)"
        return instance
    }

    /// Anti-affinity pairs on different hosts, affinity pairs on one host, a maintenance host,
    /// pinned VMs, allowed-host lists (the current host always allowed).
    static func addRules(_ instance: inout Instance, _ random: inout GeneratorRandom) {
        let n = instance.vms.count, m = instance.hosts.count
        guard n >= 4 else { return }
        var ruled = Set<Int>()
        var byHost = instance.currentPlacement.vmsByHost(hostCount: m)
        for g in 0..<max(1, n / 10) {
            let a = random.int(in: 0...(n - 1)), b = random.int(in: 0...(n - 1))
            guard a != b, !ruled.contains(a), !ruled.contains(b), instance.vms[a].currentHost != instance.vms[b].currentHost else { continue }
            ruled.formUnion([a, b])
            instance.antiAffinity.append(PlacementRule(name: "replicas\(g + 1)", vms: [a, b]))
        }
        for g in 0..<max(1, n / 12) {
            let h = random.int(in: 0...(m - 1))
            let free = byHost[h].filter { !ruled.contains($0) }
            guard free.count >= 2 else { continue }
            let pair = [free[0], free[1]]
            ruled.formUnion(pair)
            instance.affinity.append(PlacementRule(name: "tier\(g + 1)", vms: pair))
        }
        // One cold host (index m/4 onwards are cold) goes into maintenance.
        let maintenance = min(m - 1, max(1, m / 4))
        instance.hosts[maintenance].state = .maintenance
        byHost[maintenance] = []
        for _ in 0..<max(1, n / 20) {
            let v = random.int(in: 0...(n - 1))
            if !ruled.contains(v), instance.vms[v].currentHost != maintenance { instance.vms[v].pinned = true; ruled.insert(v) }
        }
        for _ in 0..<max(1, n / 10) {
            let v = random.int(in: 0...(n - 1))
            guard !ruled.contains(v), let current = instance.vms[v].currentHost else { continue }
            var allowed = Set((0..<m).filter { _ in random.int(in: 0...1) == 0 })
            if current != maintenance { allowed.insert(current) }
            if allowed.isEmpty { allowed.insert((current + 1) % m) }
            instance.vms[v].allowedHosts = allowed.sorted()
            ruled.insert(v)
        }
    }

    public static func make(vmCount requested: Int, index: Int, seed: UInt64) -> Instance {
        let hostCount = max(4, requested / 5)
        var random = GeneratorRandom(seed: GeneratorRandom.instanceSeed(seed: seed, name: "migration_\(requested)", index: index))
        let hot = max(1, hostCount / 4), cold = max(1, hostCount / 4)
        var hosts: [Host] = []
        var vms: [VirtualMachine] = []
        var families: [Character] = []
        for h in 0..<hostCount {
            hosts.append(Host(id: "h\(h + 1)", capacity: hostCapacity, idleWatts: 100, peakWatts: 250, rack: "r\(h / 8 + 1)"))
            let target: Double
            if h < hot { target = random.double(in: 0.85...0.98) } else if h < hot + cold { target = random.double(in: 0.05...0.20) } else {
                target = random.double(in: 0.40...0.70)
            }
            var load = ResourceVector.zero(3)
            var misses = 0
            while misses < 8 {
                let type = CloudCatalogue.draw(&random)
                let demand = ResourceVector([type.vcpu, type.memoryGiB, Double(random.int(in: 10...400))])
                let after = load + demand
                if after[0] <= target * hostCapacity[0], after.fits(within: hostCapacity) {
                    load = after
                    families.append(type.name.first ?? "m")
                    vms.append(VirtualMachine(id: "v\(vms.count + 1)-\(type.name)", demand: demand, memoryMiB: type.memoryGiB * 1024,
                                              dirtyRateMiBps: Double(random.int(in: 5...200)), currentHost: h))
                } else {
                    misses += 1
                }
            }
        }
        // Shuffle VM order so host membership is not visible from the index.
        var order = Array(vms.indices)
        random.shuffle(&order)
        vms = order.enumerated().map { position, old in
            var vm = vms[old]
            vm.id = "v\(position + 1)-" + (vm.id.split(separator: "-", maxSplits: 1).last.map(String.init) ?? "vm")
            return vm
        }
        families = order.map { families[$0] }
        let n = vms.count
        var traffic: [VirtualMachinePair] = []
        var sharing: [VirtualMachinePair] = []
        if n >= 2 {
            var seen = Set<[Int]>()
            for _ in 0..<(n / 3) {
                let a = random.int(in: 0...(n - 1)), b = random.int(in: 0...(n - 1))
                if a != b, seen.insert([min(a, b), max(a, b)]).inserted {
                    traffic.append(VirtualMachinePair(min(a, b), max(a, b), amount: Double(random.int(in: 1...100))))
                }
            }
            var shared = Set<[Int]>()
            for _ in 0..<(n / 8) {
                let a = random.int(in: 0...(n - 1)), b = random.int(in: 0...(n - 1))
                guard a != b, families[a] == families[b], shared.insert([min(a, b), max(a, b)]).inserted else { continue }
                let smaller = min(vms[a].demand[1], vms[b].demand[1])
                sharing.append(VirtualMachinePair(min(a, b), max(a, b), amount: (smaller * random.double(in: 0.1...0.3)).rounded()))
            }
        }
        return Instance(name: "migration_\(n)_3_\(index)", dimensions: ["cpu", "mem", "net"], hosts: hosts, vms: vms,
                        traffic: traffic, sharedMemory: sharing.filter { $0.amount > 0 },
                        overloadThreshold: [0.8, 0.9, 0.9], underloadThreshold: [0.2, 0.2, 0.2],
                        weights: ObjectiveWeights(hosts: 1, migration: 0.01))
    }
}
