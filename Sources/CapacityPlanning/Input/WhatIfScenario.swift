/// A what-if scenario: any combination of added VMs, removed hosts, added hosts and growth.
public struct WhatIfScenario: Sendable, Hashable {
    public var name: String
    /// Added VMs: `count` copies of a fixed demand per dimension (`demand`) or of a VM's forecast
    /// profile (`cloneOf`, a VM id).
    public var addVMCount: Int
    public var addVMDemand: [Double]?
    public var cloneOf: String?
    /// Host ids taken out (a rack, a failed model).
    public var removeHosts: [String]
    /// Added hosts: `addHostCount` copies of host `addHostLike` (default: the first host).
    public var addHostCount: Int
    public var addHostLike: String?
    /// Demand growth in per cent, applied to every VM (existing and added).
    public var growthPercent: Double

    public init(name: String, addVMCount: Int = 0, addVMDemand: [Double]? = nil, cloneOf: String? = nil,
                removeHosts: [String] = [], addHostCount: Int = 0, addHostLike: String? = nil, growthPercent: Double = 0) {
        self.name = name
        self.addVMCount = addVMCount
        self.addVMDemand = addVMDemand
        self.cloneOf = cloneOf
        self.removeHosts = removeHosts
        self.addHostCount = addHostCount
        self.addHostLike = addHostLike
        self.growthPercent = growthPercent
    }
}
