/// The independent scorer: recomputes everything from the model, the initial assignment and a
/// solution, exactly as the official checker does (see `README.txt` of the set-A data). It shares
/// no state with the solver, which calls it on every solution it writes.
/// - Complexity: O(P·R + M·R·B + S + Σ dependencies + M) time, O(M·R + S·(N + L)) memory (sparse
///   per service, not dense S × N).
public enum RoadefScore {
    /// The objective and every violated constraint of `solution`.
    public static func evaluate(_ model: RoadefModel, initial: [Int32], solution: [Int32]) -> (cost: RoadefCost, violations: [RoadefViolation]) {
        let usage = self.usage(model, initial: initial, solution: solution)
        var violations = capacityViolations(model, usage: usage)
        violations += conflictViolations(model, solution: solution)
        violations += spreadAndDependencyViolations(model, solution: solution)
        var cost = RoadefCost()
        cost.load = loadCost(model, usage: usage.normal)
        cost.balance = balanceCost(model, usage: usage.normal)
        addMoveCosts(model, initial: initial, solution: solution, into: &cost)
        return (cost, violations)
    }

    struct Usage {
        var normal: [Int64]
        var transient: [Int64]
    }

    static func usage(_ model: RoadefModel, initial: [Int32], solution: [Int32]) -> Usage {
        let R = model.resourceCount
        var normal = [Int64](repeating: 0, count: model.machineCount * R)
        var transient = normal
        for p in 0..<model.processCount {
            let m = Int(solution[p]), i = Int(initial[p])
            for r in 0..<R {
                normal[m * R + r] += model.requirement(p, r)
                transient[m * R + r] += model.requirement(p, r)
                if i != m && model.transient[r] { transient[i * R + r] += model.requirement(p, r) }
            }
        }
        return Usage(normal: normal, transient: transient)
    }

    static func capacityViolations(_ model: RoadefModel, usage: Usage) -> [RoadefViolation] {
        var violations = [RoadefViolation]()
        let R = model.resourceCount
        for m in 0..<model.machineCount {
            for r in 0..<R {
                let cap = model.capacity(m, r), used = usage.normal[m * R + r]
                if used > cap {
                    violations.append(.init(kind: .capacity, machine: m, resource: r,
                        message: "machine \(m) resource \(r): usage \(used) exceeds capacity \(cap)"))
                } else if model.transient[r], usage.transient[m * R + r] > cap {
                    violations.append(.init(kind: .transientCapacity, machine: m, resource: r,
                        message: "machine \(m) transient resource \(r): usage \(usage.transient[m * R + r]) with processes moved away exceeds capacity \(cap)"))
                }
            }
        }
        return violations
    }

    static func conflictViolations(_ model: RoadefModel, solution: [Int32]) -> [RoadefViolation] {
        // Sort (service, machine, process) keys; equal neighbours are conflicts.
        var keys = (0..<model.processCount).map { p in (Int(model.service[p]), Int(solution[p]), p) }
        keys.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var violations = [RoadefViolation]()
        for k in keys.indices.dropFirst() where keys[k].0 == keys[k - 1].0 && keys[k].1 == keys[k - 1].1 {
            let (s, m, p) = keys[k]
            violations.append(.init(kind: .conflict, machine: m, service: s, process: p,
                message: "service \(s): processes \(keys[k - 1].2) and \(p) both on machine \(m)"))
        }
        return violations
    }

    static func spreadAndDependencyViolations(_ model: RoadefModel, solution: [Int32]) -> [RoadefViolation] {
        let members = model.processesByService()
        var locations = [Set<Int32>](), neighborhoods = [Set<Int32>]()
        locations.reserveCapacity(model.serviceCount)
        neighborhoods.reserveCapacity(model.serviceCount)
        for s in 0..<model.serviceCount {
            locations.append(Set(members[s].map { model.location[Int(solution[Int($0)])] }))
            neighborhoods.append(Set(members[s].map { model.neighborhood[Int(solution[Int($0)])] }))
        }
        var violations = [RoadefViolation]()
        for s in 0..<model.serviceCount where locations[s].count < Int(model.spreadMin[s]) {
            violations.append(.init(kind: .spread, service: s,
                message: "service \(s) spans \(locations[s].count) locations, expected at least \(model.spreadMin[s])"))
        }
        for s in 0..<model.serviceCount {
            for d in model.dependencies[s] {
                for n in neighborhoods[s].sorted() where !neighborhoods[Int(d)].contains(n) {
                    violations.append(.init(kind: .dependency, service: s, neighborhood: Int(n),
                        message: "service \(s) depends on service \(d), which has no process in neighborhood \(n) where service \(s) runs"))
                }
            }
        }
        return violations
    }

    static func loadCost(_ model: RoadefModel, usage: [Int64]) -> Int64 {
        var total: Int64 = 0
        let R = model.resourceCount
        for m in 0..<model.machineCount {
            for r in 0..<R {
                total += model.loadCostWeight[r] * max(0, usage[m * R + r] - model.safetyCapacity(m, r))
            }
        }
        return total
    }

    static func balanceCost(_ model: RoadefModel, usage: [Int64]) -> Int64 {
        var total: Int64 = 0
        let R = model.resourceCount
        for b in model.balanceCosts {
            var sum: Int64 = 0
            for m in 0..<model.machineCount {
                let a1 = model.capacity(m, b.first) - usage[m * R + b.first]
                let a2 = model.capacity(m, b.second) - usage[m * R + b.second]
                sum += max(0, b.target * a1 - a2)
            }
            total += b.weight * sum
        }
        return total
    }

    static func addMoveCosts(_ model: RoadefModel, initial: [Int32], solution: [Int32], into cost: inout RoadefCost) {
        var movedPerService = [Int64](repeating: 0, count: model.serviceCount)
        var processMove: Int64 = 0, machineMove: Int64 = 0
        for p in 0..<model.processCount {
            let i = Int(initial[p]), m = Int(solution[p])
            if i != m {
                processMove += model.processMoveCost[p]
                movedPerService[Int(model.service[p])] += 1
            }
            machineMove += model.machineMoveCost(from: i, to: m)
        }
        cost.processMove = model.weightProcessMove * processMove
        cost.serviceMove = model.weightServiceMove * (movedPerService.max() ?? 0)
        cost.machineMove = model.weightMachineMove * machineMove
    }
}
