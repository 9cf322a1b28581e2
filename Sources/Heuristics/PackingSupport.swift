import PlacementModel

/// Shared machinery of the packing heuristics: a cheap input check, affinity units, a segment tree
/// over host residuals and result assembly.
enum PackingSupport {
    /// Structural checks a heuristic needs before indexing arrays (vector lengths, finite
    /// non-negative numbers, indices in range). Throws ``InvalidInput`` naming each problem.
    /// - Complexity: O(n·d + m·d + Σ rule sizes).
    static func check(_ instance: Instance) throws {
        var problems: [Diagnostic] = []
        let d = instance.dimensionCount
        let n = instance.vms.count, m = instance.hosts.count
        func bad(_ path: String, _ message: String) { if problems.count < 20 { problems.append(Diagnostic(.error, path: path, message)) } }
        if d == 0 { bad("dimensions", "at least one dimension expected") }
        if m == 0 { bad("hosts", "at least one host expected") }
        for (h, host) in instance.hosts.enumerated() {
            if host.capacity.count != d { bad("hosts[\(h)].capacity", "\(host.capacity.count) values, \(d) dimensions expected") }
            else if host.capacity.values.contains(where: { !$0.isFinite || $0 < 0 }) { bad("hosts[\(h)].capacity", "finite values ≥ 0 expected") }
        }
        for (v, vm) in instance.vms.enumerated() {
            if vm.demand.count != d { bad("vms[\(v)].demand", "\(vm.demand.count) values, \(d) dimensions expected") }
            else if vm.demand.values.contains(where: { !$0.isFinite || $0 < 0 }) { bad("vms[\(v)].demand", "finite values ≥ 0 expected") }
            if let c = vm.currentHost, !(0..<m).contains(c) { bad("vms[\(v)].currentHost", "host index \(c) out of range 0..<\(m)") }
            if let a = vm.allowedHosts, a.contains(where: { !(0..<m).contains($0) }) { bad("vms[\(v)].allowedHosts", "host index out of range 0..<\(m)") }
            if vm.forbiddenHosts.contains(where: { !(0..<m).contains($0) }) { bad("vms[\(v)].forbiddenHosts", "host index out of range 0..<\(m)") }
        }
        for (kind, rules) in [("antiAffinity", instance.antiAffinity), ("affinity", instance.affinity)] {
            for (r, rule) in rules.enumerated() where rule.vms.contains(where: { !(0..<n).contains($0) }) {
                bad("\(kind)[\(r)].vms", "VM index out of range 0..<\(n)")
            }
        }
        for (kind, pairs) in [("traffic", instance.traffic), ("sharedMemory", instance.sharedMemory)] {
            for (i, pair) in pairs.enumerated() where !(0..<n).contains(pair.first) || !(0..<n).contains(pair.second) {
                bad("\(kind)[\(i)]", "VM index out of range 0..<\(n)")
            }
        }
        if instance.overloadThreshold.count != d { bad("overloadThreshold", "\(d) values expected") }
        for (h, host) in instance.hosts.enumerated() {
            if let t = host.overloadThreshold, t.count != d { bad("hosts[\(h)].overloadThreshold", "\(d) values expected") }
        }
        if let memory = instance.memoryDimension, !(0..<d).contains(memory) { bad("memoryDimension", "index \(memory) out of range") }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }

    /// Numbers the distinct demand vectors: `typeOf[v]` for VM v (in order of first appearance)
    /// and how many there are. `demand` holds VM v's demand in dimension k at v·d + k; vectors are
    /// equal when every value is (bit patterns of ±0 aside). Open addressing on a hash of the
    /// values' bit patterns. - Complexity: O(n·d) expected.
    static func demandTypes(_ demand: [Double], count n: Int, dimensions d: Int) -> (typeOf: [Int], count: Int) {
        var size = 16
        while size < 2 * n { size *= 2 }
        var slot = [Int](repeating: -1, count: size)    // a VM of the type, −1 when empty
        var typeOf = [Int](repeating: 0, count: n)
        var count = 0
        for v in 0..<n {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for k in 0..<d {
                let value = demand[v * d + k]
                hash = (hash ^ (value == 0 ? 0 : value.bitPattern)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
            }
            var i = Int(truncatingIfNeeded: hash) & (size - 1)
            while true {
                let w = slot[i]
                if w < 0 {
                    slot[i] = v
                    typeOf[v] = count
                    count += 1
                    break
                }
                var same = true
                for k in 0..<d where demand[w * d + k] != demand[v * d + k] { same = false; break }
                if same { typeOf[v] = typeOf[w]; break }
                i = (i + 1) & (size - 1)
            }
        }
        return (typeOf, count)
    }

    /// True when no rule restricts any VM (eligibility lists, pinning, affinity, anti-affinity,
    /// memory sharing) and no host is in maintenance: capacity alone decides where a VM fits.
    static func isCapacityOnly(_ instance: Instance) -> Bool {
        instance.antiAffinity.isEmpty && instance.affinity.isEmpty && instance.sharedMemory.isEmpty
            && instance.vms.allSatisfy { $0.allowedHosts == nil && $0.forbiddenHosts.isEmpty && !$0.pinned }
            && instance.hosts.allSatisfy { $0.state != .maintenance }
    }

    /// VMs grouped so that every affinity rule lies inside one unit (union of overlapping rules);
    /// VMs without affinity are singletons. Units are ordered by their smallest VM index, members
    /// ascending. - Complexity: O(n α(n) + Σ rule sizes).
    static func units(_ instance: Instance) -> [[Int]] {
        let n = instance.vms.count
        if instance.affinity.isEmpty { return (0..<n).map { [$0] } }
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for rule in instance.affinity where rule.vms.count > 1 {
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

    /// Total demand of a unit.
    static func demand(of unit: [Int], _ instance: Instance) -> [Double] {
        var total = Array(repeating: 0.0, count: instance.dimensionCount)
        for vm in unit { for k in total.indices { total[k] += instance.vms[vm].demand.values[k] } }
        return total
    }

    /// Demand of a unit for pruning: its total demand minus, in the memory dimension, every
    /// memory it could share with partners (an upper bound on the saving), so pruning never
    /// discards a host where the unit fits.
    static func pruningDemand(of unit: [Int], _ instance: Instance, sharingTotal: [Double]) -> [Double] {
        var total = demand(of: unit, instance)
        if let memory = instance.memoryDimension {
            for vm in unit { total[memory] -= sharingTotal[vm] }
        }
        return total
    }

    /// Σ shared memory of each VM with all its partners.
    static func sharingTotals(_ instance: Instance) -> [Double] {
        var totals = Array(repeating: 0.0, count: instance.vms.count)
        for pair in instance.sharedMemory { totals[pair.first] += pair.amount; totals[pair.second] += pair.amount }
        return totals
    }

    /// Places every member of `unit` on `host` if all fit (rules included), else changes nothing.
    static func tryPlace(_ unit: [Int], on host: Int, state: inout PackingState, underThreshold: Bool = false) -> Bool {
        var placed: [Int] = []
        for vm in unit {
            let ok = underThreshold ? state.canPlaceUnderThreshold(vm: vm, on: host) : state.canPlace(vm: vm, on: host)
            if ok { state.place(vm: vm, on: host); placed.append(vm) } else {
                for p in placed.reversed() { state.remove(vm: p) }
                return false
            }
        }
        return true
    }

    /// The result of a packing method: status feasible when every VM is placed, else infeasible
    /// with each unplaced VM and its reason.
    static func result(_ state: PackingState, unplacedUnits: [[Int]], method: String, goal: Goal, notes: [String] = []) -> SolveResult {
        var unplaced: [UnplacedVM] = []
        for unit in unplacedUnits {
            for vm in unit {
                var reason = state.whyUnplaceable(vm: vm)
                if unit.count > 1 { reason = "its affinity group of \(unit.count) VMs fits on no single host; " + reason }
                unplaced.append(UnplacedVM(vm: vm, reason: reason))
            }
        }
        unplaced.sort { $0.vm < $1.vm }
        let placement = state.placement
        return SolveResult(status: unplaced.isEmpty ? .feasible : .infeasible, placement: placement,
                           objective: instance(state).objective(of: placement, goal: goal), method: method, goal: goal,
                           unplaced: unplaced, notes: notes)
    }

    private static func instance(_ state: PackingState) -> Instance { state.instance }

    /// Order of pinned-first, then by decreasing key, ties by lowest index.
    static func decreasing(_ units: [[Int]], key: [Double], instance: Instance) -> [Int] {
        let pinned = units.map { $0.contains { instance.vms[$0].pinned } }
        return units.indices.sorted {
            if pinned[$0] != pinned[$1] { return pinned[$0] }
            if key[$0] != key[$1] { return key[$0] > key[$1] }
            return $0 < $1
        }
    }
}

/// Max segment tree over the hosts' residual capacity: node `i` holds, for each dimension, the
/// largest residual of any host in its range, and the largest residual sum Σ_k r_k. A subtree
/// whose maximum residual in some dimension (or whose maximum residual sum) is below the demand
/// cannot contain a host where the demand fits, so the pruning is exact-safe: first fit finds
/// the lowest-index candidate, in O(d·log m) when the pruning is tight (the exact rule check is
/// done at the leaf; a refused leaf resumes the search to its right).
struct ResidualTree {
    let d: Int
    /// Values per node: d residuals + their sum.
    let width: Int
    let size: Int
    var node: [Double]   // (2·size) × width
    let hostCount: Int

    /// Residuals of `hosts` hosts from `residual(h, k)`; hosts with `usable(h) == false` get −∞.
    init(hosts: Int, dimensions: Int, residual: (Int, Int) -> Double, usable: (Int) -> Bool) {
        d = dimensions
        width = dimensions + 1
        hostCount = hosts
        var s = 1
        while s < Swift.max(hosts, 1) { s *= 2 }
        size = s
        node = Array(repeating: -.infinity, count: 2 * s * width)
        for h in 0..<hosts where usable(h) {
            var total = 0.0
            for k in 0..<d { let r = residual(h, k); node[(s + h) * width + k] = r; total += r }
            node[(s + h) * width + d] = total
        }
        if s > 1 { for i in stride(from: s - 1, through: 1, by: -1) { pull(i) } }
    }

    /// Residual of host `h` in dimension `k` as stored.
    func residual(host h: Int, dimension k: Int) -> Double { node[(size + h) * width + k] }

    private mutating func pull(_ i: Int) {
        let l = 2 * i * width, r = (2 * i + 1) * width, o = i * width
        for k in 0..<width { node[o + k] = Swift.max(node[l + k], node[r + k]) }
    }

    /// Sets host `h`'s residual vector; ancestors are refreshed until one does not change.
    mutating func update(host h: Int, residual: [Double]) {
        let d = d, width = width
        node.withUnsafeMutableBufferPointer { nodes in
            var i = size + h
            var total = 0.0
            for k in 0..<d { nodes[i * width + k] = residual[k]; total += residual[k] }
            nodes[i * width + d] = total
            i /= 2
            while i >= 1 {
                let l = 2 * i * width, r = l + width, o = i * width
                var changed = false
                for k in 0..<width {
                    let value = Swift.max(nodes[l + k], nodes[r + k])
                    if value != nodes[o + k] { nodes[o + k] = value; changed = true }
                }
                if !changed { break }
                i /= 2
            }
        }
    }

    /// Marks host `h` unusable.
    mutating func disable(host h: Int) {
        update(host: h, residual: Array(repeating: -.infinity, count: d))
    }

    /// Lowest host index ≥ `from` whose residual covers `demand` in every dimension, or nil.
    /// - Complexity: O(d) per subtree visited; O(d·log m) when the pruning is tight.
    func first(covering demand: [Double], from: Int = 0) -> Int? {
        guard from < hostCount else { return nil }
        var need = [Double](repeating: 0, count: width)
        var total = 0.0
        for k in 0..<d {
            need[k] = demand[k] - 1e-9 * Swift.max(1, abs(demand[k]))
            total += demand[k]
        }
        need[d] = total - 1e-9 * Swift.max(1, abs(total))
        return node.withUnsafeBufferPointer { nodes in
            need.withUnsafeBufferPointer { need in
                ResidualTree.search(nodes, need, width, 1, 0, size, from, hostCount)
            }
        }
    }

    private static func search(_ nodes: UnsafeBufferPointer<Double>, _ need: UnsafeBufferPointer<Double>, _ width: Int,
                               _ i: Int, _ lo: Int, _ hi: Int, _ from: Int, _ hostCount: Int) -> Int? {
        if hi <= from { return nil }
        let o = i * width
        // The sum (last value) prunes most often: test it first.
        if nodes[o + width - 1] < need[width - 1] { return nil }
        for k in 0..<(width - 1) where nodes[o + k] < need[k] { return nil }
        if hi - lo == 1 { return lo < hostCount ? lo : nil }
        let mid = (lo + hi) / 2
        if let l = search(nodes, need, width, 2 * i, lo, mid, from, hostCount) { return l }
        return search(nodes, need, width, 2 * i + 1, mid, hi, from, hostCount)
    }
}
