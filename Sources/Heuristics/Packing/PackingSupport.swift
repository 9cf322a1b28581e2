import PlacementModel

/// Shared machinery of the packing heuristics: a cheap input check, affinity units, a segment tree
/// over host residuals and result assembly.
enum PackingSupport {
    /// Structural checks a heuristic needs before indexing arrays (vector lengths, finite
    /// non-negative numbers, indices in range). Throws ``InvalidInput`` naming each problem.
    /// - Complexity: O(n·d + m·d + Σ rule sizes).
    static func check(_ instance: Instance) throws {
        try check(instance, flattening: false)
    }

    /// The instance as flat arrays, gathered by ``check(_:flattening:)`` in its own pass over the
    /// hosts and VMs (each read once): host h's capacity in dimension k at `capacity[h·d + k]`,
    /// VM v's demand at `demand[v·d + k]`, whether each host is usable (not in maintenance), the
    /// largest capacity per dimension (as `Instance.largestCapacity`) and whether no VM has an
    /// eligibility list, a forbidden host or a pin.
    struct FlatInstance {
        var capacity: [Double]
        var demand: [Double]
        var usable: [Bool]
        var largestCapacity: [Double]
        var vmsUnrestricted: Bool
    }

    /// ``check(_:)``; with `flattening`, also the ``FlatInstance`` read in the same pass (nil
    /// without). Every slot of the flat arrays is written once (0 for a vector of the wrong length,
    /// which the check rejects anyway). Hosts and VMs are read in place (no copy of each one
    /// with its arrays and strings); per element the tests read first and report after.
    @discardableResult
    static func check(_ instance: Instance, flattening: Bool) throws -> FlatInstance? {
        var problems: [Diagnostic] = []
        let d = instance.dimensionCount
        let n = instance.vms.count, m = instance.hosts.count
        func bad(_ path: String, _ message: String) { if problems.count < 20 { problems.append(Diagnostic(.error, path: path, message)) } }
        if d == 0 { bad("dimensions", "at least one dimension expected") }
        if m == 0 { bad("hosts", "at least one host expected") }
        func badVector(_ path: String, count: Int) {
            bad(path, count != d ? "\(count) values, \(d) dimensions expected" : "finite values ≥ 0 expected")
        }
        var usable = [Bool](repeating: false, count: flattening ? m : 0)
        var largest = [Double](repeating: 0, count: d)
        var badThreshold: [Int] = []   // hosts whose overload thresholds have the wrong length (reported later)
        let capacity = [Double](unsafeUninitializedCapacity: flattening ? m * d : 0) { flat, initialized in
            instance.hosts.withUnsafeBufferPointer { hosts in
                for h in 0..<m {
                    let (count, valid) = inspect(hosts[h].capacity.values, dimensions: d)
                    if flattening {
                        usable[h] = hosts[h].state != .maintenance
                        for k in 0..<d {
                            let value = count == d ? hosts[h].capacity.values[k] : 0
                            (flat.baseAddress! + h * d + k).initialize(to: value)
                            largest[k] = Swift.max(largest[k], value)
                        }
                    }
                    let thresholds = hosts[h].overloadThreshold?.count ?? d
                    if !valid { badVector("hosts[\(h)].capacity", count: count) }
                    if thresholds != d { badThreshold.append(h) }
                }
            }
            initialized = flat.count
        }
        var vmsUnrestricted = true
        let demand = [Double](unsafeUninitializedCapacity: flattening ? n * d : 0) { flat, initialized in
            instance.vms.withUnsafeBufferPointer { vms in
                for v in 0..<n {
                    let (count, valid) = inspect(vms[v].demand.values, dimensions: d)
                    if flattening {
                        for k in 0..<d { (flat.baseAddress! + v * d + k).initialize(to: count == d ? vms[v].demand.values[k] : 0) }
                    }
                    let current = vms[v].currentHost
                    var allowedValid = true, forbiddenValid = true
                    vms[v].allowedHosts?.withUnsafeBufferPointer { hosts in for h in hosts where !(0..<m).contains(h) { allowedValid = false; break } }
                    vms[v].forbiddenHosts.withUnsafeBufferPointer { hosts in for h in hosts where !(0..<m).contains(h) { forbiddenValid = false; break } }
                    if vms[v].allowedHosts != nil || !vms[v].forbiddenHosts.isEmpty || vms[v].pinned { vmsUnrestricted = false }
                    if !valid { badVector("vms[\(v)].demand", count: count) }
                    if let c = current, !(0..<m).contains(c) { bad("vms[\(v)].currentHost", "host index \(c) out of range 0..<\(m)") }
                    if !allowedValid { bad("vms[\(v)].allowedHosts", "host index out of range 0..<\(m)") }
                    if !forbiddenValid { bad("vms[\(v)].forbiddenHosts", "host index out of range 0..<\(m)") }
                }
            }
            initialized = flat.count
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
        for h in badThreshold { bad("hosts[\(h)].overloadThreshold", "\(d) values expected") }
        if let memory = instance.memoryDimension, !(0..<d).contains(memory) { bad("memoryDimension", "index \(memory) out of range") }
        if !problems.isEmpty { throw InvalidInput(problems) }
        guard flattening else { return nil }
        return FlatInstance(capacity: capacity, demand: demand, usable: usable, largestCapacity: largest, vmsUnrestricted: vmsUnrestricted)
    }

    /// Length of `values`, and whether it is `d` with every value finite and ≥ 0.
    @inline(__always)
    private static func inspect(_ values: [Double], dimensions d: Int) -> (count: Int, valid: Bool) {
        guard values.count == d else { return (values.count, false) }
        for value in values where !value.isFinite || value < 0 { return (d, false) }
        return (d, true)
    }

    /// Numbers the distinct demand vectors: `typeOf[v]` for VM v (in order of first appearance)
    /// and how many there are. `demand` holds VM v's demand in dimension k at v·d + k; vectors are
    /// equal when every value is (bit patterns of ±0 aside). Open addressing on a hash of the
    /// values' bit patterns. - Complexity: O(n·d) expected.
    static func demandTypes(_ demand: [Double], count n: Int, dimensions d: Int) -> (typeOf: [Int], count: Int) {
        // A table of 32-bit slots (half the memory) whenever the VM numbers fit.
        n < Int(UInt32.max) ? demandTypes(demand, count: n, dimensions: d, slot: UInt32.self)
            : demandTypes(demand, count: n, dimensions: d, slot: UInt.self)
    }

    /// ``demandTypes(_:count:dimensions:)`` with slots of type `Slot` (VM index + 1, 0 when empty).
    private static func demandTypes<Slot: FixedWidthInteger & UnsignedInteger>(_ demand: [Double], count n: Int, dimensions d: Int,
                                                                               slot _: Slot.Type) -> (typeOf: [Int], count: Int) {
        var size = 16
        while size < 2 * n { size *= 2 }
        var slot = [Slot](repeating: 0, count: size)
        var count = 0
        let typeOf = [Int](unsafeUninitializedCapacity: n) { typeOf, initialized in
            demand.withUnsafeBufferPointer { demand in
                slot.withUnsafeMutableBufferPointer { slot in
                    for v in 0..<n {
                        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                        for k in 0..<d {
                            let value = demand[v * d + k]
                            hash = (hash ^ (value == 0 ? 0 : value.bitPattern)) &* 0xBF58_476D_1CE4_E5B9
                            hash ^= hash >> 31
                        }
                        var i = Int(truncatingIfNeeded: hash) & (size - 1)
                        while true {
                            if slot[i] == 0 {
                                slot[i] = Slot(v + 1)
                                typeOf[v] = count
                                count += 1
                                break
                            }
                            let w = Int(slot[i]) - 1
                            var same = true
                            for k in 0..<d where demand[w * d + k] != demand[v * d + k] { same = false; break }
                            if same { typeOf[v] = typeOf[w]; break }
                            i = (i + 1) & (size - 1)
                        }
                    }
                }
            }
            initialized = n
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

    /// VMs grouped so that every affinity rule lies inside one unit (``PlacementModel/Instance/affinityUnits()``).
    static func units(_ instance: Instance) -> [[Int]] { instance.affinityUnits() }

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

    /// Indices `0..<key.count` by decreasing key, ties by lowest index (−0 equals +0): the order
    /// of `indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }`, found by a
    /// stable least-significant-digit radix sort on the keys' order-preserving bit patterns (11
    /// bits per pass, passes where every key has the same digit skipped). With a NaN key (no
    /// strict order) that closure sort itself runs, so the result never changes.
    /// - Complexity: O(n) for 64-bit keys (at most 6 passes); O(n log n) with a NaN.
    static func decreasingOrder(_ key: [Double]) -> [Int] {
        let n = key.count
        if n < 256 || key.contains(where: { $0.isNaN }) {
            return (0..<n).sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
        }
        let digitBits = 11, buckets = 1 << 11, passes = 6
        var count = [Int](repeating: 0, count: passes * buckets)
        var bits = [UInt64](repeating: 0, count: n)
        var spareBits = [UInt64](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: n)
        var spareIndex = [Int](repeating: 0, count: n)
        key.withUnsafeBufferPointer { key in
            bits.withUnsafeMutableBufferPointer { bits in
                index.withUnsafeMutableBufferPointer { index in
                    count.withUnsafeMutableBufferPointer { count in
                        for i in 0..<n {
                            // −0 and +0 compare equal: one pattern. Ascending order of the
                            // patterns is ascending order of the values; complemented, descending.
                            let pattern = (key[i] == 0 ? 0.0 : key[i]).bitPattern
                            let ascending = pattern >> 63 == 1 ? ~pattern : pattern | (1 << 63)
                            let value = ~ascending
                            bits[i] = value
                            index[i] = i
                            for p in 0..<passes { count[p * buckets + Int(truncatingIfNeeded: value >> UInt64(p * digitBits)) & (buckets - 1)] += 1 }
                        }
                    }
                }
            }
        }
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            let first = Int(truncatingIfNeeded: bits[0] >> shift) & (buckets - 1)
            if count[p * buckets + first] == n { continue }
            count.withUnsafeMutableBufferPointer { count in
                var start = 0
                for b in 0..<buckets {
                    let c = count[p * buckets + b]
                    count[p * buckets + b] = start
                    start += c
                }
                bits.withUnsafeBufferPointer { bits in
                    index.withUnsafeBufferPointer { index in
                        spareBits.withUnsafeMutableBufferPointer { spareBits in
                            spareIndex.withUnsafeMutableBufferPointer { spareIndex in
                                for i in 0..<n {
                                    let value = bits[i]
                                    let slot = p * buckets + Int(truncatingIfNeeded: value >> shift) & (buckets - 1)
                                    let to = count[slot]
                                    count[slot] = to + 1
                                    spareBits[to] = value
                                    spareIndex[to] = index[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&bits, &spareBits)
            swap(&index, &spareIndex)
        }
        return index
    }

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
