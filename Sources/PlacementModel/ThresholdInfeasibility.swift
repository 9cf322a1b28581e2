/// Why the `hotspot` goal is infeasible, in terms of the thresholds: the VMs whose demand in
/// some dimension is above the overload threshold × capacity of every host they may use, so no
/// placement keeps every host under its threshold. Each reason names the VM, the dimension, the
/// threshold (the instance's or a host's) and the limit it gives.
/// - Complexity: O(n · m · d) in the worst case; a VM stops at the first host that can take it.
public enum ThresholdInfeasibility {
    /// Reasons, at most `limit` of them (plus a count of the rest), or empty when every VM fits
    /// under the thresholds of some host it may use.
    public static func reasons(_ instance: Instance, limit: Int = 3) -> [String] {
        var reasons: [String] = []
        var more = 0
        for v in instance.vms.indices {
            let eligible = instance.hosts.indices.filter { instance.isEligible(vm: v, host: $0) }
            guard let h = eligible.first, !eligible.contains(where: { fitsUnderThreshold(instance, vm: v, host: $0) }) else { continue }
            if reasons.count == limit { more += 1; continue }
            reasons.append(reason(instance, vm: v, host: h, hostCount: eligible.count))
        }
        if more > 0 { reasons.append("and \(more) more VM(s) above every threshold") }
        return reasons
    }

    static func fitsUnderThreshold(_ instance: Instance, vm v: Int, host h: Int) -> Bool {
        (0..<instance.dimensionCount).allSatisfy { k in
            instance.vms[v].demand[k] <= instance.overloadThreshold(host: h, dimension: k) * instance.hosts[h].capacity[k] * (1 + 1e-9)
        }
    }

    /// "VM a: cpu demand 9 is above the overload threshold 0.8 × capacity 10 = 8 of h-1 (and of
    /// every other host it may use)".
    static func reason(_ instance: Instance, vm v: Int, host h: Int, hostCount: Int) -> String {
        let k = (0..<instance.dimensionCount).first { k in
            instance.vms[v].demand[k] > instance.overloadThreshold(host: h, dimension: k) * instance.hosts[h].capacity[k] * (1 + 1e-9)
        } ?? 0
        let threshold = instance.overloadThreshold(host: h, dimension: k), capacity = instance.hosts[h].capacity[k]
        let source = instance.hosts[h].overloadThreshold != nil ? "host \(instance.hosts[h].id)'s overload threshold" : "overload threshold (thresholds.overload)"
        let others = hostCount > 1 ? " (and no other of the \(hostCount) hosts it may use has room under its threshold)" : ""
        return "VM \(instance.vms[v].id): \(instance.dimensions[k]) demand \(formatNumber(instance.vms[v].demand[k])) is above the \(source) \(formatNumber(threshold)) × capacity \(formatNumber(capacity)) = \(formatNumber(threshold * capacity)) of \(instance.hosts[h].id)\(others)"
    }
}
