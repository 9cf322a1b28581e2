import PlacementModel

/// The size measures of the survey and of vector bin packing, applied to a demand normalised by a
/// capacity (each component `u_k = demand_k / capacity_k`). Used to order VMs ("which") and
/// hosts ("where").
///
/// * `sum` Σ u_k; `weightedSum` Σ w_k·u_k (weights given, by default the average normalised
///   demand of all VMs per dimension — Panigrahy et al.'s "FFDAvgSum", scarce dimensions weigh
///   more); `product` Π u_k; `max` max u_k; `l2` √(Σ u_k²);
/// * `volume` — Sandpiper (Wood et al., NSDI'07) `1/((1−cpu)(1−mem)(1−net))` generalised to d
///   dimensions as Π 1/(1−u_k). A utilisation ≥ 1 would divide by zero: each u_k is clamped to
///   at most `1 − volumeClamp` (= 0.999), so one saturated dimension multiplies the volume by 1000;
/// * `vsr` — volume-to-size ratio, volume / memory size in MiB (Sandpiper; memory size at least 1).
///
/// - Complexity: O(d) per evaluation.
public enum SizeMeasure: String, Sendable, CaseIterable, Hashable {
    case sum
    case weightedSum = "weighted-sum"
    case product
    case max
    case l2
    case volume
    case vsr

    /// Utilisations are clamped to at most `1 − volumeClamp` in `volume` and `vsr`.
    public static let volumeClamp = 1e-3

    /// The measure of a normalised vector `u`; `weights` (same length) only for `weightedSum`;
    /// `memoryMiB` only for `vsr`.
    public func value(_ u: [Double], weights: [Double]? = nil, memoryMiB: Double = 1) -> Double {
        switch self {
        case .sum: return u.reduce(0, +)
        case .weightedSum:
            var s = 0.0
            for k in u.indices { s += (weights?[k] ?? 1) * u[k] }
            return s
        case .product: return u.reduce(1, *)
        case .max: return u.max() ?? 0
        case .l2: return u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        case .volume: return SizeMeasure.volume(u)
        case .vsr: return SizeMeasure.volume(u) / Swift.max(memoryMiB, 1)
        }
    }

    /// Sandpiper volume Π 1/(1 − min(u_k, 1 − volumeClamp)); negative utilisations count as 0.
    public static func volume(_ u: [Double]) -> Double {
        var v = 1.0
        for x in u { v /= 1 - Swift.min(Swift.max(x, 0), 1 - volumeClamp) }
        return v
    }

    /// Dot product Σ w_k·a_k·b_k (VectorDot, Singh et al., SC'08; Panigrahy et al.'s DotProduct).
    public static func dot(_ a: [Double], _ b: [Double], weights: [Double]? = nil) -> Double {
        var s = 0.0
        for k in a.indices { s += (weights?[k] ?? 1) * a[k] * b[k] }
        return s
    }

    /// Resource imbalance vector of Mishra & Sahoo (CLOUD'11): `u − mean(u)·1`, the direction in
    /// which a normalised load or demand deviates from a balanced one.
    public static func imbalanceVector(_ u: [Double]) -> [Double] {
        guard !u.isEmpty else { return [] }
        let mean = u.reduce(0, +) / Double(u.count)
        return u.map { $0 - mean }
    }

    /// Length of the resource imbalance vector (0 = perfectly balanced).
    public static func imbalance(_ u: [Double]) -> Double {
        imbalanceVector(u).reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}

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
