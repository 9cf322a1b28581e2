/// The objective every method is scored by, one definition for heuristics, the exact model and
/// reports. Lower is better for every goal.
extension Instance {
    /// Load of each host per dimension under `placement`: Σ demands of its VMs, minus in the memory
    /// dimension the memory shared by co-located pairs (Memory Buddies; counted once per pair).
    /// - Complexity: O(n·d + |sharedMemory|).
    public func hostLoads(_ placement: Placement) -> [ResourceVector] {
        var loads = Array(repeating: ResourceVector.zero(dimensionCount), count: hosts.count)
        for (vm, host) in placement.hostOfVM.enumerated() {
            guard let host else { continue }
            for k in 0..<dimensionCount { loads[host].values[k] += vms[vm].demand.values[k] }
        }
        if let memory = memoryDimension {
            for pair in sharedMemory {
                if let a = placement[pair.first], a == placement[pair.second] {
                    loads[a].values[memory] -= pair.amount
                }
            }
        }
        return loads
    }

    /// Σ open cost of the hosts that run at least one VM.
    public func hostCost(_ placement: Placement) -> Double {
        placement.usedHosts.reduce(0) { $0 + hosts[$1].openCost }
    }

    /// Number of VMs placed on another host than their current one.
    public func migrationCount(_ placement: Placement) -> Int {
        placement.movedVMs(from: currentPlacement).count
    }

    /// Σ ``migrationCost(vm:to:)`` of the VMs that move.
    public func totalMigrationCost(_ placement: Placement) -> Double {
        placement.movedVMs(from: currentPlacement).reduce(0) { $0 + migrationCost(vm: $1, to: placement[$1]) }
    }

    /// Σ traffic of pairs placed on different hosts (or with one side unplaced).
    public func splitTraffic(_ placement: Placement) -> Double {
        traffic.reduce(0) { sum, pair in
            if let a = placement[pair.first], a == placement[pair.second] { return sum }
            return sum + pair.amount
        }
    }

    /// Highest utilisation (load / capacity) over used hosts and all dimensions.
    public func maximumUtilisation(_ placement: Placement) -> Double {
        let loads = hostLoads(placement)
        var worst = 0.0
        for host in placement.usedHosts {
            let ratios = loads[host].normalized(by: hosts[host].capacity)
            worst = max(worst, ratios.max() ?? 0)
        }
        return worst
    }

    /// The objective of `placement` for `goal`:
    /// * place, consolidate: `w.hosts·Σ open cost + w.migration·Σ migration cost
    ///   + w.traffic·split traffic + w.balance·maximum utilisation`;
    /// * balance: `maximum utilisation + w.migration·Σ migration cost + w.traffic·split traffic`;
    /// * hotspot: `Σ migration cost + w.traffic·split traffic` (the thresholds are constraints).
    public func objective(of placement: Placement, goal: Goal) -> Double {
        switch goal {
        case .place, .consolidate:
            var value = weights.hosts * hostCost(placement)
            if weights.migration != 0 { value += weights.migration * totalMigrationCost(placement) }
            if weights.traffic != 0 { value += weights.traffic * splitTraffic(placement) }
            if weights.balance != 0 { value += weights.balance * maximumUtilisation(placement) }
            return value
        case .balance:
            var value = maximumUtilisation(placement)
            if weights.migration != 0 { value += weights.migration * totalMigrationCost(placement) }
            if weights.traffic != 0 { value += weights.traffic * splitTraffic(placement) }
            return value
        case .hotspot:
            var value = totalMigrationCost(placement)
            if weights.traffic != 0 { value += weights.traffic * splitTraffic(placement) }
            return value
        }
    }
}
