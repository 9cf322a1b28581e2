import ExactSolver
import Heuristics
import PlacementModel
import SolvePipeline

/// Packs sized VMs onto a ``PackingPool`` with the heuristic portfolio (goal place) through the
/// solve pipeline (`SolveSession`: the packing verified as every vmplace answer is), and reports
/// it with the certified bound.
public struct HostsNeededPacking: Sendable {
    /// A packing that passed the checker.
    public struct Result: Sendable, Hashable {
        public var instance: Instance
        public var placement: Placement
        /// Hosts used (inventory and extra).
        public var hostsNeeded: Int
        /// Hosts beyond the inventory the packing needed.
        public var shortfall: Int
        public var lowerBound: Int
        public var boundMethod: String
        /// The packing method actually used: `portfolio`, `exact`, or the first-fit-decreasing
        /// members alone above ``HostsNeededPacking/portfolioLimit`` VMs.
        public var method: String
        /// Why that method (set when it is not the full portfolio).
        public var methodReason: String?
    }

    /// A packing the checker rejected, or a bound above a checked packing: a bug.
    public struct CheckFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// VMs up to which the full portfolio runs; larger packings use first-fit-decreasing members
    /// only (the portfolio's local searches grow faster than the nightly time budget allows).
    public static let portfolioLimit = 1200

    /// Name of the packing above ``portfolioLimit`` VMs.
    public static let largeMethodName = "first-fit-decreasing (sum, l2, max)"

    /// The method for `n` VMs, its name in the outputs and why it was used when not the portfolio.
    static func method(forVMs n: Int) -> (method: any PlacementMethod, name: String?, reason: String?) {
        if n <= portfolioLimit { return (HeuristicCatalogue.portfolio, nil, nil) }
        let ffd = Portfolio(members: [FitDecreasing(measure: .sum, fit: .first), FitDecreasing(measure: .l2, fit: .first),
                                      FitDecreasing(measure: .max, fit: .first)], improves: false)
        return (ffd, largeMethodName, "\(n) VMs > \(portfolioLimit): the portfolio's local searches would exceed the nightly time budget, so only its first-fit-decreasing members ran")
    }

    /// Packs `demands` (one vector per VM, `dimensionNames` wide) on `inventory`; `slots` time slots per dimension.
    public static func pack(ids: [String], demands: [[Double]], inventory: [Host], dimensions: [String], slots: Int,
                            config: PlanningConfig, name: String) throws -> Result {
        let names = dimensions.flatMap { dim in (0..<slots).map { slots == 1 ? dim : "\(dim)@\($0)" } }
        let vms = zip(ids, demands).map { VirtualMachine(id: $0, demand: ResourceVector($1)) }
        var extra = 0
        for _ in 0..<8 {
            let pool = PackingPool(inventory: inventory, dimensions: dimensions, slots: slots, extra: extra, config: config)
            let instance = Instance(name: name, dimensions: names, memoryDimension: nil, hosts: pool.hosts, vms: vms)
            if extra == 0 {
                // Size the expansion from the bound on the expansion host alone.
                let single = Instance(name: name, dimensions: names, hosts: Array(pool.hosts.prefix(1)), vms: vms)
                let need = CertifiedHostBound.hosts(single).value
                if need > pool.inventoryCount { extra = 2 * need + 2 - pool.inventoryCount; continue }
            }
            let chosen = method(forVMs: vms.count)
            let solved = try verifiedSolve(instance, method: chosen.method, options: SolveOptions(seed: 1), name: name)
            guard let placement = solved.placement, placement.hostOfVM.allSatisfy({ $0 != nil }) else {
                if vms.contains(where: { vm in !pool.hosts.contains { vm.demand.fits(within: $0.capacity) } }) {
                    let vm = vms.first { vm in !pool.hosts.contains { vm.demand.fits(within: $0.capacity) } }!
                    throw CheckFailure(description: "VM \(vm.id) fits on no host of the inventory (after headroom)")
                }
                extra = max(2 * extra, 4 + vms.count / 4)
                continue
            }
            let bound = CertifiedHostBound.hosts(instance)
            let used = placement.usedHosts
            if bound.value > used.count {
                throw CheckFailure(description: "bound \(bound.value) above a checked packing of \(used.count) hosts (\(name))")
            }
            var result = Result(instance: instance, placement: placement, hostsNeeded: used.count,
                                shortfall: used.filter { $0 >= pool.inventoryCount }.count,
                                lowerBound: bound.value, boundMethod: bound.method, method: chosen.name ?? solved.method,
                                methodReason: chosen.reason)
            if used.count > bound.value, vms.count <= config.exactVMs { try closeGap(&result, inventoryCount: pool.inventoryCount, config: config) }
            return result
        }
        throw CheckFailure(description: "no packing of the \(name) demand found")
    }

    /// Small packings with a gap to the bound go to the exact method (GLPK, `config.exactTimeLimit`
    /// seconds): a checked packing with fewer hosts replaces the heuristic's, and a proven optimum
    /// (or its bound) raises the lower bound. Only when the time limit stops it can the outcome
    /// depend on the machine's speed.
    static func closeGap(_ result: inout Result, inventoryCount: Int, config: PlanningConfig) throws {
        let exact = try verifiedSolve(result.instance, method: ExactMethod(),
                                      options: SolveOptions(timeLimit: config.exactTimeLimit, seed: 1), name: "exact")
        if let placement = exact.placement, placement.hostOfVM.allSatisfy({ $0 != nil }) {
            let used = placement.usedHosts
            if used.count < result.hostsNeeded {
                result.placement = placement
                result.hostsNeeded = used.count
                result.shortfall = used.filter { $0 >= inventoryCount }.count
                result.method = "exact"
                result.methodReason = nil
            }
        }
        // With unit host costs (the pool's), the objective bound is a bound on hosts.
        if result.instance.hosts.allSatisfy({ $0.openCost == 1 }), let b = exact.bound {
            let hosts = Int((b - 1e-6).rounded(.up))
            if hosts > result.lowerBound {
                guard hosts <= result.hostsNeeded else { throw CheckFailure(description: "exact bound \(hosts) above a checked packing of \(result.hostsNeeded) hosts") }
                result.lowerBound = hosts
                result.boundMethod = "exact method (GLPK)"
            }
        }
    }

    /// One solve through the pipeline; a result that fails the verification is a bug.
    static func verifiedSolve(_ instance: Instance, method: any PlacementMethod, options: SolveOptions,
                              name: String) throws -> SolveResult {
        let outcome = SolveSession(instance: instance, goal: .place, method: method, options: options, planMigrations: .never).run()
        if let first = outcome.verification.problems.first {
            throw CheckFailure(description: "the \(name) packing failed the verification: \(first)")
        }
        return outcome.result
    }
}
