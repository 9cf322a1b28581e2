/// A group of VMs with a placement rule. VM references are indices into `Instance.vms`.
public struct PlacementRule: Sendable, Hashable {
    public var name: String
    public var vms: [Int]
    public init(name: String, vms: [Int]) {
        self.name = name
        self.vms = vms
    }
}
