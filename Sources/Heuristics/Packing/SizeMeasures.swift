import PlacementModel

/// Normalisation helpers shared by the heuristics.
extension Instance {
    /// Largest capacity of any host per dimension (the item-centric normalisation).
    public var largestCapacity: [Double] {
        var scale = Array(repeating: 0.0, count: dimensionCount)
        for host in hosts { for k in 0..<dimensionCount { scale[k] = Swift.max(scale[k], host.capacity[k]) } }
        return scale
    }

    /// `vector / capacity` per dimension (0 where the capacity is 0).
    public func normalise(_ vector: [Double], by capacity: [Double]) -> [Double] {
        var out = vector
        for k in out.indices { out[k] = capacity[k] > 0 ? vector[k] / capacity[k] : 0 }
        return out
    }

    /// Demand of `vm` normalised by the capacity of `host`.
    public func normalisedDemand(vm: Int, host: Int) -> [Double] {
        normalise(vms[vm].demand.values, by: hosts[host].capacity.values)
    }

    /// Average normalised demand per dimension over all VMs (weights of `weightedSum`).
    public var averageNormalisedDemand: [Double] {
        let scale = largestCapacity
        var w = Array(repeating: 0.0, count: dimensionCount)
        for vm in vms { for k in 0..<dimensionCount where scale[k] > 0 { w[k] += vm.demand[k] / scale[k] } }
        let n = Double(Swift.max(vms.count, 1))
        return w.map { $0 / n }
    }

    /// The size of `vm` under `measure`, normalised by the largest capacity per dimension.
    public func size(of vm: Int, measure: SizeMeasure, weights: [Double]? = nil, scale: [Double]? = nil) -> Double {
        let u = normalise(vms[vm].demand.values, by: scale ?? largestCapacity)
        return measure.value(u, weights: weights, memoryMiB: migrationMemoryMiB(vm: vm))
    }
}

extension PackingState {
    /// Load of `host` per dimension.
    public func loads(host: Int) -> [Double] {
        let d = instance.dimensionCount
        return Array(load[host * d ..< (host + 1) * d])
    }

    /// Utilisation of `host` per dimension (load / capacity).
    public func utilisation(host: Int) -> [Double] {
        let d = instance.dimensionCount
        let capacity = instance.hosts[host].capacity.values
        return (0..<d).map { capacity[$0] > 0 ? load[host * d + $0] / capacity[$0] : 0 }
    }

    /// Utilisation of `host` per dimension if `vm` joined it (memory it shares with VMs there
    /// counted once, as in ``Instance/hostLoads(_:)``).
    public func utilisation(host: Int, adding vm: Int) -> [Double] {
        let d = instance.dimensionCount
        let capacity = instance.hosts[host].capacity.values
        let demand = instance.vms[vm].demand.values
        let saving = sharing[vm].isEmpty ? 0 : sharedSaving(vm: vm, host: host)
        return (0..<d).map { k in
            let after = load[host * d + k] + demand[k] - (k == instance.memoryDimension ? saving : 0)
            return capacity[k] > 0 ? after / capacity[k] : 0
        }
    }

    /// Residual capacity of `host` per dimension normalised by its capacity.
    public func normalisedResidual(host: Int) -> [Double] {
        utilisation(host: host).map { 1 - $0 }
    }

    /// VMs on `host` now, in index order. - Complexity: O(1) (a copy on write of the host's list).
    public func vms(on host: Int) -> [Int] { vmsOnHost[host] }

    /// Whether `vm` fits on `host` with every dimension at or under the host's overload threshold
    /// (and all rules respected); memory it shares with VMs there is counted once.
    public func canPlaceUnderThreshold(vm: Int, on host: Int) -> Bool {
        guard canPlace(vm: vm, on: host) else { return false }
        let d = instance.dimensionCount
        let demand = instance.vms[vm].demand.values
        let saving = sharing[vm].isEmpty ? 0 : sharedSaving(vm: vm, host: host)
        return !(0..<d).contains { k in
            let after = load[host * d + k] + demand[k] - (k == instance.memoryDimension ? saving : 0)
            return instance.isAboveOverloadThreshold(load: after, host: host, dimension: k)
        }
    }

    /// Whether `host` is above its overload threshold in some dimension.
    public func isOverloaded(host: Int) -> Bool {
        let d = instance.dimensionCount
        return (0..<d).contains { instance.isAboveOverloadThreshold(load: load[host * d + $0], host: host, dimension: $0) }
    }
}
