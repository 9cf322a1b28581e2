import PlacementModel

/// One try of Mommessin et al.'s multi-bin pairing rule (``MultiBinPacking``) over `hosts`:
/// repeatedly the (VM, host) pair of highest score (dot product, or cosine, of the VM's demand
/// and the host's residual, both normalised by the host's capacity; ties: lowest VM, then
/// lowest host) among the pairs that fit.
///
/// Each host keeps the list of VMs that fit it with their scores and the position of its best
/// one; a list is rebuilt (O(n·d)) only when its host receives a VM — what fits a host and its
/// scores change only then — and rescanned (O(n), no scores recomputed) when its best VM is
/// taken by another host; hosts still equal in capacity and load share one list (without
/// rules). Without rules a try also stops as soon as the VMs left exceed, in some dimension, the
/// residual capacity of the hosts that can still take one of them: it could not succeed.
///
/// Mommessin, Erlebach, Shakhlevich, "Classification and evaluation of the algorithms for vector
/// bin packing", Computers & OR 2024.
///
/// - Complexity: O(n·m·d) to build the lists, then per VM placed O(m) to pick plus O(n·d) to
///   rebuild the receiving host's list and O(n) per rescan; n units, m hosts, d dimensions.
struct PairingRun {
    let instance: Instance
    let units: [[Int]]
    let weights: [Double]
    let hosts: [Int]
    let cosine: Bool
    let d: Int
    /// No rules beyond capacity: hosts equal in capacity and load share a list, early stop on.
    let capacityOnly: Bool
    let sharing: Bool
    let capacities: [[Double]]
    /// Demands normalised by each distinct host capacity vector (`normalised[classOf[b]]`).
    let classOf: [Int]
    let normalised: [[Double]]
    /// Demands, row-major `unit * d + k`.
    let flatDemand: [Double]

    var state: PackingState
    var alive: [Bool]
    /// Candidate lists: units that fit, their scores, and the position of the best live one
    /// (−1: none will ever be alive again); `listOf[b]` is host b's list, `users[g]` how many
    /// hosts share list g.
    var listUnits: [[Int]] = []
    var listScores: [[Double]] = []
    var listBest: [Int] = []
    var listOf: [Int]
    var users: [Int] = []
    /// Early stop (without rules): demand left and residual capacity of the hosts still open
    /// (that can take some unit left), per dimension, with a rounding margin.
    var demandLeft: [Double]
    var openResidual: [Double]
    var margin: [Double]
    var closed: [Bool]
    /// Scratch of ``build(_:into:)``.
    var limit: [Double]
    var relative: [Double]

    init(instance: Instance, units: [[Int]], demands: [[Double]], weights: [Double], hosts: [Int], cosine: Bool,
         state: PackingState, alive: [Bool]) {
        self.instance = instance
        self.units = units
        self.weights = weights
        self.hosts = hosts
        self.cosine = cosine
        self.state = state
        self.alive = alive
        let d = instance.dimensionCount
        self.d = d
        capacityOnly = PackingSupport.isCapacityOnly(instance)
        sharing = !instance.sharedMemory.isEmpty
        let capacities = hosts.map { instance.hosts[$0].capacity.values }
        self.capacities = capacities
        (classOf, normalised) = Self.normalisedDemands(units: units, demands: demands, capacities: capacities, d: d)
        var flatDemand = [Double](repeating: 0, count: units.count * d)
        for i in units.indices { for k in 0..<d { flatDemand[i * d + k] = demands[i][k] } }
        self.flatDemand = flatDemand
        listOf = [Int](repeating: 0, count: hosts.count)
        demandLeft = [Double](repeating: 0, count: d)
        openResidual = [Double](repeating: 0, count: d)
        margin = [Double](repeating: 0, count: d)
        closed = [Bool](repeating: false, count: hosts.count)
        limit = [Double](repeating: 0, count: d)
        relative = [Double](repeating: 0, count: d)
    }

    /// Demands normalised by each distinct capacity vector among the hosts, computed once.
    static func normalisedDemands(units: [[Int]], demands: [[Double]], capacities: [[Double]], d: Int) -> (classOf: [Int], tables: [[Double]]) {
        var classOf = [Int](repeating: 0, count: capacities.count)
        var classIndex: [[Double]: Int] = [:]
        var tables: [[Double]] = []
        for b in capacities.indices {
            if let c = classIndex[capacities[b]] { classOf[b] = c; continue }
            let capacity = capacities[b]
            var table = [Double](repeating: 0, count: units.count * d)
            for i in units.indices { for k in 0..<d where capacity[k] > 0 { table[i * d + k] = demands[i][k] / capacity[k] } }
            classOf[b] = tables.count
            classIndex[capacity] = tables.count
            tables.append(table)
        }
        return (classOf, tables)
    }

    /// Packs every live unit, or returns nil when some unit fits no host (or the early stop
    /// proves it will not).
    mutating func pack() -> PackingState? {
        buildInitialLists()
        if capacityOnly { startEarlyStop() }
        var left = alive.filter { $0 }.count
        while left > 0 {
            guard let (b, unit) = pickAndCloseHosts() else { return nil }
            place(unit, on: b)
            left -= 1
        }
        return state
    }

    /// One list per host; without rules, hosts equal in capacity and load share one.
    mutating func buildInitialLists() {
        var shared: [[Double]: Int] = [:]
        for b in hosts.indices {
            if capacityOnly {
                let h = hosts[b]
                let key = (0..<d).map { state.load[h * d + $0] } + capacities[b]
                if let g = shared[key] { listOf[b] = g; users[g] += 1; continue }
                shared[key] = listUnits.count
            }
            listOf[b] = newList()
            build(b, into: listOf[b])
        }
    }

    /// The demand left and the residual of every host, for the early stop.
    mutating func startEarlyStop() {
        for i in units.indices where alive[i] { for k in 0..<d { demandLeft[k] += flatDemand[i * d + k] } }
        for b in hosts.indices {
            for k in 0..<d {
                let capacity = capacities[b][k]
                openResidual[k] += capacity - state.load[hosts[b] * d + k]
                margin[k] += 2e-9 * max(1, abs(capacity)) + 1e-7 * abs(capacity)
            }
        }
    }

    /// The best (host, unit) pair of all hosts' lists, closing the hosts whose lists ran dry;
    /// nil when no pair is left or the hosts still open cannot hold the demand left.
    mutating func pickAndCloseHosts() -> (bin: Int, unit: Int)? {
        var pick: (bin: Int, unit: Int, score: Double)? = nil
        var closedNow = false
        for b in hosts.indices {
            let g = listOf[b]
            guard let position = top(g) else {
                if capacityOnly && !closed[b] {
                    closed[b] = true
                    closedNow = true
                    for k in 0..<d { openResidual[k] -= capacities[b][k] - state.load[hosts[b] * d + k] }
                }
                continue
            }
            let unit = listUnits[g][position], score = listScores[g][position]
            if pick == nil || score > pick!.score || (score == pick!.score && unit < pick!.unit) {
                pick = (b, unit, score)
            }
        }
        guard let chosen = pick else { return nil }
        if closedNow && (0..<d).contains(where: { demandLeft[$0] > openResidual[$0] + margin[$0] }) { return nil }
        return (chosen.bin, chosen.unit)
    }

    /// Places `unit` on host `b` and rebuilds b's list (a list of its own from now on).
    mutating func place(_ unit: Int, on b: Int) {
        _ = PackingSupport.tryPlace(units[unit], on: hosts[b], state: &state)
        alive[unit] = false
        if capacityOnly {
            for k in 0..<d {
                demandLeft[k] -= flatDemand[unit * d + k]
                openResidual[k] -= flatDemand[unit * d + k]
            }
        }
        if users[listOf[b]] > 1 {
            // b leaves the list it shared with equal hosts.
            users[listOf[b]] -= 1
            listOf[b] = newList()
        }
        build(b, into: listOf[b])
    }

    /// Fills list `g` with the units alive that fit host `b` now, scored.
    mutating func build(_ b: Int, into g: Int) {
        let h = hosts[b]
        let capacity = capacities[b]
        let table = normalised[classOf[b]]
        for k in 0..<d {
            let r = capacity[k] - state.load[h * d + k]
            limit[k] = r + 1e-9 * max(1, abs(r))
            relative[k] = capacity[k] > 0 ? r / capacity[k] : 0
        }
        var unitsOut: [Int] = []
        var scoresOut: [Double] = []
        swap(&unitsOut, &listUnits[g])
        swap(&scoresOut, &listScores[g])
        unitsOut.removeAll(keepingCapacity: true)
        scoresOut.removeAll(keepingCapacity: true)
        var best = -1
        var bestScore = 0.0
        for i in units.indices where alive[i] {
            if !sharing {
                var fits = true
                for k in 0..<d where flatDemand[i * d + k] > limit[k] { fits = false; break }
                guard fits else { continue }
            }
            guard capacityOnly || PackingSupport.fits(units[i], on: h, state: &state) else { continue }
            let score = self.score(table, unit: i, capacity: capacity)
            if best < 0 || score > bestScore { best = unitsOut.count; bestScore = score }
            unitsOut.append(i)
            scoresOut.append(score)
        }
        swap(&unitsOut, &listUnits[g])
        swap(&scoresOut, &listScores[g])
        listBest[g] = best
    }

    /// The weighted dot product (or cosine) of the unit's normalised demand and the host's
    /// normalised residual (``relative``).
    func score(_ table: [Double], unit i: Int, capacity: [Double]) -> Double {
        var score = 0.0, uu = 0.0, rr = 0.0
        for k in 0..<d where capacity[k] > 0 {
            let u = table[i * d + k], r = relative[k]
            score += weights[k] * u * r
            uu += weights[k] * u * u
            rr += weights[k] * r * r
        }
        if cosine { score = uu > 0 && rr > 0 ? score / (uu * rr).squareRoot() : 0 }
        return score
    }

    /// A new, empty candidate list used by one host; its index.
    mutating func newList() -> Int {
        listUnits.append([])
        listScores.append([])
        listBest.append(-1)
        users.append(1)
        return listUnits.count - 1
    }

    /// Position in list `g` of its best live unit (highest score, then lowest unit), or nil.
    mutating func top(_ g: Int) -> Int? {
        let current = listBest[g]
        if current < 0 { return nil }
        if alive[listUnits[g][current]] { return current }
        var best = -1
        var bestScore = 0.0
        for (position, i) in listUnits[g].enumerated() where alive[i] {
            let score = listScores[g][position]
            if best < 0 || score > bestScore { best = position; bestScore = score }
        }
        listBest[g] = best
        return best < 0 ? nil : best
    }
}
