import PlacementModel

/// The hosts a packing may use: the inventory's (less those taken out), each with its capacity
/// less the headroom, repeated per time slot, plus `extra` copies of the expansion host (the
/// first usable one) for demand beyond the inventory.
public struct PackingPool: Sendable, Hashable {
    public var hosts: [Host]
    /// Hosts from the inventory (the rest are extra copies).
    public var inventoryCount: Int

    /// Capacity of a host for the packing: capacity_k × (1 − headroom_k) in each of the `slots`.
    public static func packingCapacity(_ host: Host, dimensions: [String], slots: Int, config: PlanningConfig) -> ResourceVector {
        var values: [Double] = []
        values.reserveCapacity(dimensions.count * slots)
        for (k, name) in dimensions.enumerated() {
            let c = host.capacity.values.indices.contains(k) ? host.capacity[k] * (1 - config.headroom(name)) : 0
            values.append(contentsOf: repeatElement(c, count: slots))
        }
        return ResourceVector(values)
    }

    public init(inventory: [Host], dimensions: [String], slots: Int, extra: Int, config: PlanningConfig) {
        let usable = inventory.filter { $0.state != .maintenance }
        var hosts = usable.map { h -> Host in
            var copy = h
            copy.capacity = PackingPool.packingCapacity(h, dimensions: dimensions, slots: slots, config: config)
            copy.overloadThreshold = nil
            copy.state = .on
            return copy
        }
        inventoryCount = hosts.count
        if let template = hosts.first ?? inventory.first.map({ h in
            var copy = h
            copy.capacity = PackingPool.packingCapacity(h, dimensions: dimensions, slots: slots, config: config)
            copy.state = .on
            return copy
        }) {
            for i in 0..<extra {
                var copy = template
                copy.id = "extra-\(i + 1)"
                hosts.append(copy)
            }
        }
        self.hosts = hosts
    }
}
