import Migration

/// The outcome of one what-if scenario against the base plan.
public struct WhatIfResult: Sendable, Hashable {
    public var name: String
    public var hostsNeeded: Int
    public var lowerBound: Int
    /// Hosts needed minus the base plan's.
    public var deltaHosts: Int
    /// Hosts beyond the scenario's inventory.
    public var shortfall: Int
    public var inventoryHosts: Int
    /// Hosts of the base plan over their packing capacity in some slot under the scenario's demand
    /// (VMs kept where the base plan put them; added VMs not placed; removed hosts not counted).
    public var hotSpots: Int
    /// VMs the base plan put on hosts the scenario removes.
    public var displacedVMs: Int
}
