import Formulations
import Foundation
import Heuristics
import LinearProgramming
import PlacementModel

/// Quick upper bounds for identical-host packing: first fit and best fit on several decreasing
/// orders (sum, maximum, product of normalised demands). Johnson 1973; Panigrahy et al. 2011.
///
/// - Complexity: O(orders · n · m · d); stops at `deadline` (polled once per VM placed).
enum PackingHeuristics {
    static func variants(_ instance: Instance, deadline: Deadline = .none) -> [Placement] {
        guard let problem = VectorPackingProblem.from(instance, goal: .place) else { return [] }
        let c = problem.capacity
        let n = instance.vms.count
        func norm(_ v: Int, _ k: Int) -> Double { c[k] > 0 ? instance.vms[v].demand[k] / c[k] : 0 }
        let d = c.count
        let keys: [(Int) -> Double] = [
            { v in (0..<d).reduce(0) { $0 + norm(v, $1) } },
            { v in (0..<d).map { norm(v, $0) }.max() ?? 0 },
            { v in (0..<d).reduce(1) { $0 * (0.01 + norm(v, $1)) } },
        ]
        var out: [Placement] = []
        for key in keys {
            let values = (0..<n).map(key)
            let order = (0..<n).sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            for bestFit in [false, true] {
                var loads: [[Double]] = []
                var placement = Placement.empty(n)
                var failed = false
                for v in order {
                    if deadline.isExpired { return out }
                    var chosen: Int?
                    var chosenSlack = Double.infinity
                    for (b, load) in loads.enumerated() {
                        if (0..<d).allSatisfy({ load[$0] + instance.vms[v].demand[$0] <= c[$0] * (1 + 1e-12) }) {
                            if !bestFit { chosen = b; break }
                            let slack = (0..<d).reduce(0.0) { $0 + (c[$1] > 0 ? (c[$1] - load[$1] - instance.vms[v].demand[$1]) / c[$1] : 0) }
                            if slack < chosenSlack { chosenSlack = slack; chosen = b }
                        }
                    }
                    if chosen == nil {
                        guard loads.count < problem.hosts.count else { failed = true; break }
                        loads.append(Array(repeating: 0, count: d))
                        chosen = loads.count - 1
                    }
                    for k in 0..<d { loads[chosen!][k] += instance.vms[v].demand[k] }
                    placement[v] = problem.hosts[chosen!]
                }
                if !failed { out.append(placement) }
            }
        }
        return out
    }
}

extension ExactMethod {
    /// Pure vector bin packing: bounds, column generation, diving, pattern MIP, compact model.
    func solvePacking(_ instance: Instance, goal: Goal, problem: VectorPackingProblem, options: SolveOptions,
                      deadline: Deadline) throws -> SolveResult {
        let checkOptions = PlacementChecker.Options()
        var notes: [String] = []
        var statistics: [String: Double] = [:]
        let started = deadline.clock.now()
        /// Seconds from the start of the pipeline to the end of `phase` (statistics only).
        func mark(_ phase: String) { statistics["phaseEnd.\(phase)"] = deadline.clock.now() - started }
        guard var best = heuristicPlacement(instance, goal: goal, deadline: deadline) else {
            // No heuristic packing fits the hosts: let the compact model decide (and explain).
            return try solveCompact(instance, goal: goal, options: options, formulation: formulation, deadline: deadline)
        }
        func bins(_ p: Placement) -> Int { p.usedHosts.count }
        var upper = bins(best)
        mark("heuristicStart")
        var lower = BinPackingBounds.best(sizes: problem.itemSizes, capacity: problem.capacity)
        mark("bounds")
        statistics["combinatorialBound"] = Double(lower)
        statistics["heuristicBins"] = Double(upper)
        var stage = "combinatorial bound"
        func result(_ stageName: String) -> SolveResult {
            let objective = instance.objective(of: best, goal: goal)
            let bound = Double(lower) * problem.costPerBin
            let proven = lower >= upper
            statistics["bins"] = Double(upper)
            statistics["binBound"] = Double(lower)
            return SolveResult(status: proven ? .optimal : .feasible, placement: best, objective: objective,
                               bound: min(bound, objective), method: name, goal: goal,
                               notes: notes + [proven ? "optimal: proven by \(stageName)" : "not proven: \(lower) ≤ bins ≤ \(upper)"],
                               statistics: statistics)
        }
        if lower >= upper || deadline.isExpired { return result(stage) }

        var generation = ColumnGeneration(problem: problem, solver: solver)
        generation.smoothing = smoothing
        generation.pricingBounds = pricingBounds
        generation.pricingFloor = pricingFloor
        let initial = problem.patterns(of: best)
            + PackingHeuristics.variants(instance, deadline: deadline).flatMap { problem.patterns(of: $0) }
        let cgStart = deadline.clock.now()
        // Column generation gets at most 60 % of the time left, so that diving and the pattern MIP
        // can still find the packing when the LP converges slowly.
        let cg = try generation.run(demand: problem.demand, initialPatterns: initial, deadline: deadline.fraction(0.6),
                                    stopAtBound: upper)
        mark("columnGeneration")
        statistics["cgIterations"] = Double(cg.iterations)
        statistics["cgSeconds"] = deadline.clock.now() - cgStart
        statistics["cgBound"] = cg.dualBound
        if cg.lowerBound > lower { lower = cg.lowerBound; stage = "column generation bound" }
        if lower >= upper { return result(stage) }

        func adopt(_ binsList: [[Int]], _ how: String) {
            guard let placement = problem.placement(bins: binsList, vmCount: instance.vms.count),
                  PlacementChecker.check(instance, placement, options: checkOptions).isEmpty,
                  bins(placement) < upper else { return }
            best = placement
            upper = bins(placement)
            notes.append("\(how) found \(upper) hosts")
        }
        var patterns = cg.patterns
        var seen = Set(patterns.map(PatternKey.init))
        if !cg.lpValues.isEmpty {
            for oneAtATime in [false, true] where !deadline.isExpired && lower < upper {
                let dived = try generation.dive(from: cg, deadline: deadline, oneAtATime: oneAtATime)
                for pattern in dived.patterns where seen.insert(PatternKey(pattern)).inserted { patterns.append(pattern) }
                if let bins = dived.bins { adopt(bins, oneAtATime ? "diving (one column at a time)" : "diving") }
            }
            mark("diving")
            if lower >= upper { return result("column generation bound + diving") }
        }
        // A first, short pattern MIP over the columns so far (often the packing the dives miss).
        if !deadline.isExpired, let chosen = try patternMIP(patterns, problem: problem, lower: lower, deadline: deadline.fraction(0.15)) {
            adopt(chosen, "pattern MIP")
            mark("firstPatternMIP")
            if lower >= upper { return result("column generation bound + pattern MIP") }
        }
        // Ruin and recreate from the incumbent toward the certified bound (at most half the time left).
        if !deadline.isExpired,
           let improved = IncumbentImprovement.ruinAndRecreate(instance, best, lowerBound: lower, deadline: deadline.fraction(0.5)),
           bins(improved) < upper {
            best = improved
            upper = bins(improved)
            notes.append("ruin and recreate found \(upper) hosts")
            mark("ruinAndRecreate")
            if lower >= upper { return result("\(stage) + ruin and recreate") }
        }
        if branchAndPrice && !deadline.isExpired && lower < upper {
            let tree = try branchAndPrice(problem, lower: lower, upper: upper, patterns: patterns, deadline: deadline.fraction(0.85))
            statistics["bnpNodes"] = Double(tree.nodes)
            statistics["bnpOpenNodes"] = Double(tree.openNodes)
            for pattern in tree.patterns where seen.insert(PatternKey(pattern)).inserted { patterns.append(pattern) }
            if let bins = tree.bins { adopt(bins, "branch-and-price") }
            if tree.lowerBound > lower { lower = tree.lowerBound; stage = "branch-and-price" }
            mark("branchAndPrice")
            if lower >= upper { return result("branch-and-price") }
        }
        // Pattern MIP over generated columns (an upper bound; optimal for it is not a proof).
        if !deadline.isExpired {
            if let chosen = try patternMIP(patterns, problem: problem, lower: lower, deadline: deadline.fraction(0.5)) {
                adopt(chosen, "pattern MIP")
            }
            mark("patternMIP")
            if lower >= upper { return result("column generation bound + pattern MIP") }
        }
        // Compact model on ≤ upper hosts with Σ y ≥ lower.
        if !deadline.isExpired {
            var compact = formulation
            compact.minimumOpenHosts = lower
            compact.objectiveUpperBound = Double(upper) * problem.costPerBin
            let solved = try solveCompact(instance, goal: goal, options: options, formulation: compact, deadline: deadline,
                                          incumbent: best, knownBound: Double(lower) * problem.costPerBin)
            statistics.merge(solved.statistics) { a, _ in a }
            if let placement = solved.placement, bins(placement) < upper,
               PlacementChecker.check(instance, placement, options: checkOptions).isEmpty {
                best = placement
                upper = bins(placement)
                notes.append("compact MIP found \(upper) hosts")
            }
            if let bound = solved.bound {
                let binBound = Int((bound / problem.costPerBin - 1e-6).rounded(.up))
                if binBound > lower { lower = binBound; stage = "compact MIP" }
            }
            if solved.status == .optimal, let placement = solved.placement, bins(placement) == upper { lower = max(lower, upper); stage = "compact MIP" }
            mark("compactMIP")
        }
        return result(stage)
    }
}

extension ExactMethod {
    /// The branch-and-price tree from the pipeline's bound, incumbent and columns.
    func branchAndPrice(_ problem: VectorPackingProblem, lower: Int, upper: Int, patterns: [[Int]],
                        deadline: Deadline) throws -> BranchAndPrice.Result {
        var tree = BranchAndPrice(problem: problem, solver: solver)
        tree.smoothing = smoothing
        tree.pricingBounds = pricingBounds
        tree.pricingFloor = pricingFloor
        return try tree.run(rootBound: lower, incumbentBins: upper, initialPatterns: patterns, deadline: deadline)
    }
}

extension ExactMethod {
    /// The pattern MIP over `patterns` (GLPK, stopped at `lower`): its bins, or nil without a
    /// solution by `deadline`.
    func patternMIP(_ patterns: [[Int]], problem: VectorPackingProblem, lower: Int, deadline: Deadline) throws -> [[Int]]? {
        let mip = ColumnGeneration.master(patterns: patterns, demand: problem.demand, integer: true)
        let remaining = deadline.remaining
        guard remaining > 0 else { return nil }
        let solved = try solver.solve(mip, options: MIPSolveOptions(timeLimit: remaining.isFinite ? max(1e-3, remaining) : nil,
                                                                    stopAtObjective: Double(lower), integralObjective: true))
        guard solved.hasSolution else { return nil }
        var chosen: [[Int]] = []
        for (p, value) in solved.values.enumerated() {
            for _ in 0..<Int((value + 0.5).rounded(.down)) { chosen.append(patterns[p]) }
        }
        return chosen
    }
}
