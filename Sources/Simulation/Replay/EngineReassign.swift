import Heuristics
import PlacementModel

extension Engine {
    /// The reassignment engine as a policy: when the trigger fires (a hot spot by the policy's
    /// detector, or a host below the cold-spot threshold when one is set), the goal portfolio
    /// re-optimises the present VMs for goal consolidate at a migration cost (the instance's
    /// migration weight, else ``SimulationConfiguration/reassignMigrationWeight``); VMs still
    /// migrating or in their cool-down are pinned. The answer is applied only when the
    /// independent checker accepts it.
    ///
    /// - Complexity: one portfolio solve per firing step.
    mutating func reassign(step k: Int, book: HostBook) -> [Move] {
        guard let detector = policy.detector, triggerFires(step: k, book: book, detector: detector) else { return [] }
        let current = instance(step: k)
        let presentVMs = (0..<vmCount).filter { present[$0] && hostOf[$0] != nil }
        var problem = Self.restricted(current, to: presentVMs)
        for (i, v) in presentVMs.enumerated() where !movable(v, step: k) { problem.vms[i].pinned = true }
        if problem.weights.migration == 0 { problem.weights.migration = configuration.reassignMigrationWeight }
        problem.overloadThreshold[cpu] = min(problem.overloadThreshold[cpu], configuration.reassignCeiling)
        let options = SolveOptions(timeLimit: configuration.reassignTimeLimit, seed: configuration.seed &+ UInt64(k))
        guard let answer = try? HeuristicCatalogue.portfolio.solve(problem, goal: .consolidate, options: options),
              let placement = answer.placement,
              PlacementChecker.check(problem, placement).isEmpty else { return [] }
        var moves: [Move] = []
        for (i, v) in presentVMs.enumerated() {
            guard let from = hostOf[v], let to = placement[i], from != to else { continue }
            moves.append((v, from, to))
        }
        return moves
    }

    /// Whether a hot spot (the detector) or a cold spot (below the underload threshold) exists now.
    func triggerFires(step k: Int, book: HostBook, detector: any OverloadDetector) -> Bool {
        book.reset(step: k, placement: hostOf)
        var load = Array(repeating: 0.0, count: hostCount)
        for v in 0..<vmCount where present[v] { if let h = hostOf[v] { load[h] += demand(v, k) } }
        let active = (0..<hostCount).filter { !book.vmsOnHost[$0].isEmpty }
        book.meanUtilisation = active.isEmpty ? 0 : active.map { load[$0] / hostMIPS[$0] }.reduce(0, +) / Double(active.count)
        if active.contains(where: { detector.isOverloaded(book.observation(host: $0, load: load[$0])) }) { return true }
        guard let threshold = underloadThreshold else { return false }
        return active.count > 1 && active.contains { load[$0] / hostMIPS[$0] < threshold }
    }

    /// `instance` with only the VMs `kept` (in that order), rules and pairs re-indexed; rules
    /// with one member left are dropped.
    static func restricted(_ instance: Instance, to kept: [Int]) -> Instance {
        var position = [Int: Int]()
        for (i, v) in kept.enumerated() { position[v] = i }
        var result = instance
        result.vms = kept.map { instance.vms[$0] }
        func rules(_ list: [PlacementRule]) -> [PlacementRule] {
            list.compactMap { rule in
                let vms = rule.vms.compactMap { position[$0] }
                return vms.count >= 2 ? PlacementRule(name: rule.name, vms: vms) : nil
            }
        }
        func pairs(_ list: [VirtualMachinePair]) -> [VirtualMachinePair] {
            list.compactMap { pair in
                guard let a = position[pair.first], let b = position[pair.second] else { return nil }
                return VirtualMachinePair(a, b, amount: pair.amount)
            }
        }
        result.antiAffinity = rules(instance.antiAffinity)
        result.affinity = rules(instance.affinity)
        result.traffic = pairs(instance.traffic)
        result.sharedMemory = pairs(instance.sharedMemory)
        return result
    }
}
