import PlacementModel

/// Maps a ROADEF model and its initial assignment onto vmplace's ``Instance``: machines → hosts
/// (capacity; safety capacity → per-host overload threshold = safety / capacity, at least 10⁻⁶; location → site;
/// neighbourhood → rack), processes → VMs (requirement → demand, initial machine → current host,
/// weighted process move cost → migration cost), services with two or more processes →
/// anti-affinity groups (the conflict constraint).
///
/// What does not map, and stays in the ROADEF layer (``RoadefScore``, ``RoadefSolver``): transient
/// resources (usage on both machines while moving), spread over locations, dependencies between
/// services' neighbourhoods, load-cost weights per resource (vmplace thresholds are hard or a
/// goal, not a weighted soft excess), balance costs, the service move cost (a maximum over
/// services) and the machine move cost matrix (vmplace's migration cost is per VM, not per
/// source–destination pair).
/// - Complexity: O(P·R + M·R).
public enum RoadefInstanceMapping {
    /// What the mapped instance leaves out, one phrase per item (printed by `roadef convert`).
    public static func unmapped(_ model: RoadefModel) -> [String] {
        var dropped = [String]()
        if model.transient.contains(true) { dropped.append("transient resources \(model.transient.indices.filter { model.transient[$0] })") }
        if model.spreadMin.contains(where: { $0 > 1 }) { dropped.append("spread (spreadMin > 1 for \(model.spreadMin.filter { $0 > 1 }.count) services)") }
        let dependencyCount = model.dependencies.reduce(0) { $0 + $1.count }
        if dependencyCount > 0 { dropped.append("\(dependencyCount) service dependencies") }
        dropped.append("load-cost weights (safety capacity becomes a per-host overload threshold)")
        if !model.balanceCosts.isEmpty { dropped.append("\(model.balanceCosts.count) balance costs") }
        if model.weightServiceMove > 0 { dropped.append("service move cost") }
        if model.weightMachineMove > 0 { dropped.append("machine move cost matrix") }
        return dropped
    }

    public static func instance(_ model: RoadefModel, initial: [Int32], name: String) -> Instance {
        let R = model.resourceCount
        let hosts = (0..<model.machineCount).map { m in
            let capacity = (0..<R).map { Double(model.capacity(m, $0)) }
            // vmplace thresholds lie in (0, 1]: a safety capacity of 0 becomes 10⁻⁶ of capacity.
            let threshold = (0..<R).map { r in capacity[r] > 0 ? max(1e-6, Double(model.safetyCapacity(m, r)) / capacity[r]) : 1 }
            return Host(id: "m\(m)", capacity: ResourceVector(capacity), site: "location-\(model.location[m])",
                        rack: "neighborhood-\(model.neighborhood[m])", overloadThreshold: threshold)
        }
        let vms = (0..<model.processCount).map { p in
            VirtualMachine(id: "p\(p)", demand: ResourceVector((0..<R).map { Double(model.requirement(p, $0)) }),
                           currentHost: Int(initial[p]),
                           migrationCost: Double(model.weightProcessMove * model.processMoveCost[p]))
        }
        let groups = model.processesByService().enumerated().filter { $0.element.count > 1 }.map { s, members in
            PlacementRule(name: "service-\(s)", vms: members.map(Int.init))
        }
        return Instance(name: name, dimensions: (0..<R).map { "r\($0)" }, hosts: hosts, vms: vms, antiAffinity: groups,
                        weights: ObjectiveWeights(hosts: 0, migration: 1))
    }
}
