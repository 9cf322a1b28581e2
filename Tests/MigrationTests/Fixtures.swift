import PlacementModel
@testable import Migration

/// Small hand-built instances for the planner tests: one dimension "cpu" and "mem" with equal
/// demands so that capacity arithmetic is easy to follow.
enum Fixtures {
    /// Hosts of capacity `capacity` in both dimensions; VMs given as (size, current host).
    static func instance(hosts: Int, capacity: Double = 100, vms: [(size: Double, host: Int?)],
                         antiAffinity: [[Int]] = [], affinity: [[Int]] = [],
                         maxConcurrentPerHost: Int = 2) -> Instance {
        Instance(name: "fixture", dimensions: ["cpu", "mem"],
                 hosts: (0..<hosts).map { Host(id: "h\($0)", capacity: ResourceVector([capacity, capacity])) },
                 vms: vms.enumerated().map { index, vm in
                     VirtualMachine(id: "v\(index)", demand: ResourceVector([vm.size, vm.size]), currentHost: vm.host)
                 },
                 antiAffinity: antiAffinity.enumerated().map { PlacementRule(name: "anti\($0.offset)", vms: $0.element) },
                 affinity: affinity.enumerated().map { PlacementRule(name: "aff\($0.offset)", vms: $0.element) },
                 network: NetworkModel(bandwidthMiBps: 128),
                 migration: MigrationSettings(maxConcurrentPerHost: maxConcurrentPerHost))
    }
}
