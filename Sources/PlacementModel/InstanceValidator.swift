/// Semantic validation of an ``Instance``: every problem at once, each with the JSON path of the
/// field (array positions as in the instance file) and what was expected.
public enum InstanceValidator {
    /// The largest value accepted for any quantity (capacity, demand, cost, power, memory, rate,
    /// weight, bandwidth). Sums and products of such values stay finite, so objectives, bounds
    /// and exact models never overflow to infinity.
    public static let maximumMagnitude = 1e15  // spelled "1e15" in messages
    /// The smallest bandwidth accepted, MiB/s (a smaller one makes migration times overflow).
    public static let minimumBandwidth = 1e-6  // spelled "1e-6" in messages

    /// All diagnostics for `instance` (errors and warnings), in path order of discovery.
    /// - Complexity: O((n + m)·d) for few distinct host capacities (``EligibleHosts``) plus the size of the VMs' host rules; at most 100 VMs that fit no
    ///   host are explained, the rest counted.
    public static func validate(_ instance: Instance) -> [Diagnostic] {
        let pass = ValidationPass(instance)
        pass.checkDimensions()
        pass.checkHosts()
        pass.checkVMs()
        pass.checkThresholdSettings()
        pass.checkWeightsNetworkAndMigration()
        pass.checkRules()
        pass.checkPairs()
        // Diagnoses that need every vector and reference in range — given even when other values
        // are wrong, so that one run lists every problem.
        if !pass.structureBroken { pass.out += feasibilityDiagnoses(instance) }
        return pass.out
    }

    /// Conditions that make the instance infeasible, each explained: a VM that fits no host it may
    /// use, an anti-affinity group larger than the hosts its VMs may share, an affinity group that
    /// fits no host together, a VM in both an affinity and an anti-affinity group with another.
    public static func feasibilityDiagnoses(_ instance: Instance) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var eligibleHosts = EligibleHosts(instance)
        let sharing = sharedMemoryByVM(instance)
        // At most this many VMs that fit no host are explained; the rest are counted.
        let explainedLimit = 100
        var unexplained = 0
        for (v, vm) in instance.vms.enumerated() {
            if eligibleHosts.someHostFits(v) {
                continue
            }
            if out.count >= explainedLimit { unexplained += 1; continue }
            let eligible = eligibleHosts.eligible(v, first: 3)
            if eligible.count == 0 {
                out.append(Diagnostic(.error, path: "vms[\(v)]", "VM \(vm.id) may run on no host (allowed/forbidden hosts, pinning and maintenance exclude all)"))
                continue
            }
            // Say, host by host, which dimension does not fit (the first three hosts).
            let reasons = eligible.hosts.map { h -> String in
                let capacity = instance.hosts[h].capacity
                let k = (0..<instance.dimensionCount).first { vm.demand[$0] > capacity[$0] } ?? 0
                return "\(instance.hosts[h].id) \(instance.dimensions[k]) \(formatNumber(vm.demand[k])) > \(formatNumber(capacity[k]))"
            }
            let more = eligible.count > 3 ? "; … (\(eligible.count) eligible hosts)" : ""
            out.append(Diagnostic(.error, path: "vms[\(v)].demand", "VM \(vm.id) demand \(vm.demand) fits no host it may use: \(reasons.joined(separator: "; "))\(more)"))
        }
        if unexplained > 0 {
            out.append(Diagnostic(.error, path: "vms", "\(unexplained) more VM(s) fit no host they may use (the first \(explainedLimit) are explained above)"))
        }
        for (r, rule) in instance.antiAffinity.enumerated() {
            // Hosts the group's VMs may use, collected until there are enough.
            var hosts = Set<Int>()
            search: for vm in rule.vms {
                // The first |group| hosts of each VM decide it: a VM with that many adds enough.
                for h in eligibleHosts.eligible(vm, first: rule.vms.count).hosts {
                    hosts.insert(h)
                    if hosts.count >= rule.vms.count { break search }
                }
            }
            if hosts.count < rule.vms.count {
                out.append(Diagnostic(.error, path: "antiAffinity[\(r)]", "group \(rule.name) needs \(rule.vms.count) distinct hosts, its VMs may use only \(hosts.count)"))
            }
        }
        var antiAffinityOf: [Int: [Int]] = [:]
        for (a, anti) in instance.antiAffinity.enumerated() { for vm in Set(anti.vms) { antiAffinityOf[vm, default: []].append(a) } }
        for (r, rule) in instance.affinity.enumerated() {
            if let total = demandFittingNoHost(instance, rule.vms, sharing: sharing, eligible: &eligibleHosts) {
                out.append(Diagnostic(.error, path: "affinity[\(r)]", "group \(rule.name) (total demand \(total)\(sharingNote(rule.vms, sharing))) fits on no host that all its VMs may use"))
            }
            // Anti-affinity groups that hold two or more of the group's VMs.
            var common: [Int: [Int]] = [:]
            for vm in Set(rule.vms) { for a in antiAffinityOf[vm] ?? [] { common[a, default: []].append(vm) } }
            for a in common.keys.sorted() where common[a]!.count >= 2 {
                let names = common[a]!.sorted().map { instance.vms[$0].id }.joined(separator: ", ")
                out.append(Diagnostic(.error, path: "affinity[\(r)]", "VMs \(names) must share a host (affinity \(rule.name)) and must not (antiAffinity[\(a)] \(instance.antiAffinity[a].name))"))
            }
        }
        out += overlappingAffinityDiagnoses(instance, sharing: sharing, eligible: &eligibleHosts)
        return out
    }

    /// Affinity groups that share a VM must all run on one host: each set of groups linked by
    /// shared VMs (more than one group) is checked as a whole.
    /// - Complexity: O(Σ group sizes · α + |sharedMemory|) plus one ``demandFittingNoHost(_:_:sharing:eligible:)`` per linked set.
    static func overlappingAffinityDiagnoses(_ instance: Instance, sharing: [Int: [VirtualMachinePair]],
                                             eligible: inout EligibleHosts) -> [Diagnostic] {
        var parent = Array(instance.affinity.indices)
        func root(_ g: Int) -> Int {
            var g = g
            while parent[g] != g { parent[g] = parent[parent[g]]; g = parent[g] }
            return g
        }
        var groupOfVM: [Int: Int] = [:]
        for (g, rule) in instance.affinity.enumerated() {
            for vm in rule.vms {
                if let other = groupOfVM[vm] { parent[root(g)] = root(other) } else { groupOfVM[vm] = g }
            }
        }
        var components: [Int: [Int]] = [:]
        for g in instance.affinity.indices { components[root(g), default: []].append(g) }
        var out: [Diagnostic] = []
        for groups in components.values.sorted(by: { $0[0] < $1[0] }) where groups.count > 1 {
            var seen = Set<Int>()
            let vms = groups.flatMap { instance.affinity[$0].vms }.filter { seen.insert($0).inserted }
            guard let total = demandFittingNoHost(instance, vms, sharing: sharing, eligible: &eligible) else { continue }
            let names = groups.map { instance.affinity[$0].name }.joined(separator: ", ")
            out.append(Diagnostic(.error, path: "affinity[\(groups[0])]", "groups \(names) share VMs, so their \(vms.count) VMs must run on one host, and together (total demand \(total)\(sharingNote(vms, sharing))) they fit on no host that all of them may use"))
        }
        return out
    }

    /// The memory-sharing pairs of each VM (each pair under its first VM), built once.
    static func sharedMemoryByVM(_ instance: Instance) -> [Int: [VirtualMachinePair]] {
        Dictionary(grouping: instance.sharedMemory, by: \.first)
    }

    /// The total demand of `vms` on one host — memory shared between any two of them counted once
    /// (as the checker does) — when it fits no host that all of them may use; nil when it fits.
    /// - Complexity: O(|vms| · d + their pairs) plus
    ///   ``EligibleHosts/someHostFits(_:allOf:)``.
    static func demandFittingNoHost(_ instance: Instance, _ vms: [Int], sharing: [Int: [VirtualMachinePair]],
                                    eligible: inout EligibleHosts) -> ResourceVector? {
        var total = ResourceVector.zero(instance.dimensionCount)
        for vm in vms { total += instance.vms[vm].demand }
        if let memory = instance.memoryDimension, memory < instance.dimensionCount {
            for pair in sharedPairs(among: vms, sharing) { total[memory] -= pair.amount }
        }
        let fits = eligible.someHostFits(total, allOf: vms)
        return fits ? nil : total
    }

    /// The sharing pairs with both VMs among `vms`.
    static func sharedPairs(among vms: [Int], _ sharing: [Int: [VirtualMachinePair]]) -> [VirtualMachinePair] {
        let members = Set(vms)
        return vms.flatMap { sharing[$0] ?? [] }.filter { members.contains($0.second) }
    }

    /// ", shared memory counted once" when some of `vms` share memory, for messages.
    static func sharingNote(_ vms: [Int], _ sharing: [Int: [VirtualMachinePair]]) -> String {
        sharedPairs(among: vms, sharing).isEmpty ? "" : ", shared memory counted once"
    }
}

/// One run of ``InstanceValidator/validate(_:)``: the checks as named steps, in path order, sharing
/// the diagnostics found so far and whether the structure is broken (a vector of the wrong length
/// or an index out of range, which the feasibility diagnoses could not read).
private final class ValidationPass {
    let instance: Instance
    let d: Int
    var out: [Diagnostic] = []
    /// Set by a problem that would make the feasibility diagnoses read out of range.
    var structureBroken: Bool
    /// Whether each VM's demand vector is well formed (the sharing check reads it).
    private var vmVectorOK: [Bool] = []

    init(_ instance: Instance) {
        self.instance = instance
        self.d = instance.dimensionCount
        self.structureBroken = instance.dimensionCount == 0
    }

    private var dimensionList: String { "\(d) dimension\(d == 1 ? "" : "s") (\(instance.dimensions.joined(separator: ", ")))" }
    private var maximumMagnitude: Double { InstanceValidator.maximumMagnitude }

    private func error(_ path: String, _ message: String) { out.append(Diagnostic(.error, path: path, message)) }
    private func warning(_ path: String, _ message: String) { out.append(Diagnostic(.warning, path: path, message)) }

    // Paths are built only for a problem (`@autoclosure`): a million valid VMs cost no strings.
    private func checkVector(_ path: @autoclosure () -> String, _ vector: ResourceVector, what: String) -> Bool {
        if vector.count != d {
            structureBroken = true
            error(path(), "\(vector.count) value\(vector.count == 1 ? "" : "s") given, instance has \(dimensionList)")
            return false
        }
        var ok = true
        for (k, value) in vector.values.enumerated() where !value.isFinite || value < 0 || value > maximumMagnitude {
            error("\(path())[\(k)]", "\(what) must be a finite number in [0, 1e15], got \(formatNumber(value))")
            ok = false
        }
        return ok
    }

    private func checkNonNegative(_ path: @autoclosure () -> String, _ value: Double?) {
        if let value, !value.isFinite || value < 0 || value > maximumMagnitude {
            error(path(), "a finite number in [0, 1e15] expected, got \(formatNumber(value))")
        }
    }

    private func checkThresholds(_ path: String, _ values: [Double], allowZero: Bool = false) {
        if values.count != d {
            error(path, "\(values.count) value\(values.count == 1 ? "" : "s") given, instance has \(dimensionList)")
            return
        }
        for (k, value) in values.enumerated() where !(value.isFinite && value <= 1 && (allowZero ? value >= 0 : value > 0)) {
            error("\(path)[\(k)]", "a fraction of capacity in \(allowZero ? "[0, 1]" : "(0, 1]") expected, got \(formatNumber(value))")
        }
    }

    private func checkBandwidth(_ path: String, _ value: Double) {
        if !(value.isFinite && value >= InstanceValidator.minimumBandwidth && value <= maximumMagnitude) {
            error(path, "a bandwidth in [1e-6, 1e15] MiB/s expected, got \(formatNumber(value))")
        }
    }

    private func hostReference(_ field: @autoclosure () -> String, _ host: Int) -> Bool {
        if !instance.hosts.indices.contains(host) { structureBroken = true; error(field(), "host index \(host) out of range"); return false }
        return true
    }

    private func vmReference(_ path: String, _ vm: Int) -> Bool {
        if !instance.vms.indices.contains(vm) { structureBroken = true; error(path, "VM index \(vm) out of range"); return false }
        return true
    }

    // MARK: - Steps

    func checkDimensions() {
        if d == 0 { error("dimensions", "at least one dimension expected") }
        var seenDimensions: [String: Int] = [:]
        for (k, name) in instance.dimensions.enumerated() {
            if name.isEmpty { error("dimensions[\(k)]", "empty name") }
            if let first = seenDimensions[name] { error("dimensions[\(k)]", "duplicate dimension \"\(name)\" (also dimensions[\(first)])") }
            seenDimensions[name] = k
        }
    }

    func checkHosts() {
        if instance.hosts.isEmpty { error("hosts", "at least one host expected") }
        var hostIDs: [String: Int] = [:]
        hostIDs.reserveCapacity(instance.hosts.count)
        for (h, host) in instance.hosts.enumerated() {
            var path: String { "hosts[\(h)]" }
            if host.id.isEmpty { error("\(path).id", "empty id") }
            if let first = hostIDs[host.id] { error("\(path).id", "duplicate host id \"\(host.id)\" (also hosts[\(first)])") }
            hostIDs[host.id] = h
            _ = checkVector("\(path).capacity", host.capacity, what: "capacity")
            checkNonNegative("\(path).openCost", host.openCost)
            checkNonNegative("\(path).idleWatts", host.idleWatts)
            checkNonNegative("\(path).peakWatts", host.peakWatts)
            if let idle = host.idleWatts, let peak = host.peakWatts, idle > peak {
                error("\(path).idleWatts", "idle power \(formatNumber(idle)) W exceeds peak power \(formatNumber(peak)) W")
            }
            if let threshold = host.overloadThreshold {
                checkThresholds("\(path).overloadThreshold", threshold)
            }
        }
    }

    func checkVMs() {
        var vmIDs: [String: Int] = [:]
        vmIDs.reserveCapacity(instance.vms.count)
        vmVectorOK = Array(repeating: false, count: instance.vms.count)
        for (v, vm) in instance.vms.enumerated() {
            var path: String { "vms[\(v)]" }
            if vm.id.isEmpty { error("\(path).id", "empty id") }
            if let first = vmIDs[vm.id] { error("\(path).id", "duplicate VM id \"\(vm.id)\" (also vms[\(first)])") }
            vmIDs[vm.id] = v
            vmVectorOK[v] = checkVector("\(path).demand", vm.demand, what: "demand")
            checkNonNegative("\(path).memoryMiB", vm.memoryMiB)
            checkNonNegative("\(path).dirtyRateMiBps", vm.dirtyRateMiBps)
            checkNonNegative("\(path).diskGiB", vm.diskGiB)
            checkNonNegative("\(path).migrationCost", vm.migrationCost)
            if let current = vm.currentHost, hostReference("\(path).currentHost", current),
               instance.hosts[current].state == .maintenance {
                warning("\(path).currentHost", "VM runs on host \(instance.hosts[current].id), which is in maintenance: it must move")
            }
            for (i, host) in (vm.allowedHosts ?? []).enumerated() { _ = hostReference("\(path).allowedHosts[\(i)]", host) }
            for (i, host) in vm.forbiddenHosts.enumerated() { _ = hostReference("\(path).forbiddenHosts[\(i)]", host) }
            if vm.pinned && vm.currentHost == nil { error("\(path).pinned", "a pinned VM needs a currentHost") }
        }
    }

    /// The instance-wide overload and underload thresholds, and the memory dimension sharing needs.
    func checkThresholdSettings() {
        checkThresholds("overloadThreshold", instance.overloadThreshold)
        checkThresholds("underloadThreshold", instance.underloadThreshold, allowZero: true)
        if instance.overloadThreshold.count == d, instance.underloadThreshold.count == d {
            for k in 0..<d where instance.underloadThreshold[k] >= instance.overloadThreshold[k] {
                error("underloadThreshold[\(k)]", "underload threshold \(formatNumber(instance.underloadThreshold[k])) must be below the overload threshold \(formatNumber(instance.overloadThreshold[k]))")
            }
        }
        if let memory = instance.memoryDimension, !(0..<d).contains(memory) {
            error("memoryDimension", "dimension index \(memory) out of range")
        }
        if !instance.sharedMemory.isEmpty && instance.memoryDimension == nil {
            error("sharedMemory", "memory sharing needs a memory dimension (name one mem/memory/ram, or set memoryDimension)")
        }
    }

    func checkWeightsNetworkAndMigration() {
        for (name, weight) in [("hosts", instance.weights.hosts), ("migration", instance.weights.migration),
                               ("traffic", instance.weights.traffic), ("balance", instance.weights.balance)] {
            checkNonNegative("weights.\(name)", weight)
        }
        checkBandwidth("network.bandwidthMiBps", instance.network.bandwidthMiBps)
        for (i, link) in instance.network.links.enumerated() { checkBandwidth("network.links[\(i)].bandwidthMiBps", link.bandwidthMiBps) }
        if instance.migration.maxPreCopyRounds < 1 { error("migration.maxPreCopyRounds", "at least 1 expected") }
        if instance.migration.maxConcurrentPerHost < 1 { error("migration.maxConcurrentPerHost", "at least 1 expected") }
        checkNonNegative("migration.stopCopyThresholdMiB", instance.migration.stopCopyThresholdMiB)
    }

    /// Affinity and anti-affinity groups: references in range, no VM twice, at least two VMs.
    func checkRules() {
        for (kind, rules) in [("antiAffinity", instance.antiAffinity), ("affinity", instance.affinity)] {
            for (r, rule) in rules.enumerated() {
                if rule.vms.count < 2 { warning("\(kind)[\(r)].vms", "a group of \(rule.vms.count) VM has no effect") }
                var seen = Set<Int>()
                for (i, vm) in rule.vms.enumerated() where vmReference("\(kind)[\(r)].vms[\(i)]", vm) {
                    if !seen.insert(vm).inserted { error("\(kind)[\(r)].vms[\(i)]", "VM \(instance.vms[vm].id) listed twice") }
                }
            }
        }
    }

    /// Traffic and shared-memory pairs: two different VMs in range, an amount ≥ 0, and no more
    /// memory shared than the smaller VM has.
    func checkPairs() {
        for (kind, pairs) in [("traffic", instance.traffic), ("sharedMemory", instance.sharedMemory)] {
            for (i, pair) in pairs.enumerated() {
                let okA = vmReference("\(kind)[\(i)].vms[0]", pair.first)
                let okB = vmReference("\(kind)[\(i)].vms[1]", pair.second)
                if okA && okB && pair.first == pair.second { error("\(kind)[\(i)].vms", "a pair needs two different VMs") }
                checkNonNegative("\(kind)[\(i)].amount", pair.amount)
                if kind == "sharedMemory", okA, okB, let memory = instance.memoryDimension, memory < d,
                   vmVectorOK[pair.first], vmVectorOK[pair.second] {
                    let smaller = min(instance.vms[pair.first].demand[memory], instance.vms[pair.second].demand[memory])
                    if pair.amount > smaller {
                        error("\(kind)[\(i)].amount", "shares \(formatNumber(pair.amount)) but the smaller VM has only \(formatNumber(smaller)) memory")
                    }
                }
            }
        }
    }
}
