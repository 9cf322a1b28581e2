import LinearProgramming
import PlacementModel

/// Column generation for the set-covering (Gilmore–Gomory) LP of vector bin packing, a certified
/// lower bound from it (Farley's bound at every iteration, the LP optimum at convergence), a
/// diving heuristic on the LP (price-and-fix, a branch-and-price "lite"), and the pattern MIP
/// restricted to the generated columns. Solver-neutral: the LP solver is passed in.
///
/// Gilmore, Gomory, "A linear programming approach to the cutting-stock problem", Operations
/// Research 9 (1961); Farley, "A note on bounding a class of linear programming problems,
/// including cutting stock problems", Operations Research 38 (1990); Caprara, Toth (2001) for the
/// vector case; Sadykov, Vanderbeck, "Bin packing with conflicts: a generic branch-and-price
/// algorithm", INFORMS J. Computing 25 (2013) for diving.
///
/// Pricing may be stabilised by Wentges dual smoothing (``WentgesSmoothing``); the final bound is
/// the same as without.
///
/// Every step polls one ``PlacementModel/Deadline``: each master LP gets the time left as its
/// limit, pricing stops at it, and no new LP starts once it has passed.
///
/// - Complexity: one LP and one ``VectorKnapsack`` per iteration; iterations are bounded by
///   `maximumIterations` and the deadline.
public struct ColumnGeneration: Sendable {
    public let problem: VectorPackingProblem
    /// The LP backend (any ``LinearProgramming/MIPSolver``).
    public let solver: any MIPSolver
    public var maximumIterations = 5000
    public var knapsackNodeLimit = 2_000_000
    /// Node limit of the exact pricing of every 10th iteration, made for a Farley bound while
    /// greedy pricing still finds columns (a cut-off search still bounds the price).
    public var periodicKnapsackNodeLimit = 100_000
    /// Exact pricing called because greedy found nothing stops this many nodes after it holds a
    /// column worth more than 1 (nil: always search for the best column).
    public var nodesAfterImprovingColumn: Int? = 10_000
    /// Greedy pricing also starts from each of this many most valuable types (more columns per LP).
    public var greedySeeds = 15
    /// Types that may not share a bin (`conflicts[t]` for type t; empty: none): the "apart"
    /// decisions of a branch-and-price node. Every column priced respects them.
    public var conflicts: [[Int]] = []
    /// Weight α of ``WentgesSmoothing`` (0 = plain column generation).
    public var smoothing = 0.0
    /// Bounds of the exact pricing's branch and bound.
    public var pricingBounds = VectorKnapsack.Bounds()
    /// Exact pricing searches only for columns worth more than 1 (all Farley's bound needs).
    public var pricingFloor = true

    public init(problem: VectorPackingProblem, solver: any MIPSolver) {
        self.problem = problem
        self.solver = solver
    }

    /// The LP relaxation of `mip` within what is left of `deadline` (`nil` once it has passed).
    func solveLP(_ mip: MIP, deadline: Deadline) throws -> LPRelaxationResult? {
        let left = deadline.remaining
        guard left > 0 else { return nil }
        return try solver.solveLPRelaxation(mip, options: MIPSolveOptions(timeLimit: left.isFinite ? left : nil))
    }

    public struct Result: Sendable {
        /// Patterns generated so far (copies per type).
        public var patterns: [[Int]]
        /// Value of each pattern in the last master LP (0 for patterns priced after it; empty
        /// when no LP was solved).
        public var lpValues: [Double]
        /// Last master LP optimum (an upper bound on the LP optimum until convergence).
        public var masterValue: Double
        /// Certified lower bound on the number of bins (⌈dual bound⌉; 0 if none).
        public var lowerBound: Int
        /// Best dual bound (not rounded).
        public var dualBound: Double
        public var converged: Bool
        public var iterations: Int
    }

    /// The master LP over `patterns` for residual `demand`: min Σ λ, Σ_p a_ip λ_p ≥ b_i.
    public static func master(patterns: [[Int]], demand: [Int], integer: Bool) -> MIP {
        var mip = MIP(name: integer ? "patterns" : "master")
        for (p, pattern) in patterns.enumerated() {
            let most = pattern.enumerated().compactMap { t, c in c > 0 ? (demand[t] + c - 1) / c : nil }.max() ?? 0
            mip.addColumn(MIP.Column(name: "lambda_\(p)", lowerBound: 0, upperBound: integer ? Double(most) : .infinity,
                                     objective: 1, isInteger: integer))
        }
        var rows = Array(repeating: (columns: [Int](), coefficients: [Double]()), count: demand.count)
        for (p, pattern) in patterns.enumerated() {
            for (t, c) in pattern.enumerated() where c > 0 {
                rows[t].columns.append(p)
                rows[t].coefficients.append(Double(min(c, demand[t])))
            }
        }
        for t in demand.indices where demand[t] > 0 {
            mip.addRow(MIP.Row(name: "cover_\(t)", columns: rows[t].columns, coefficients: rows[t].coefficients,
                               lowerBound: Double(demand[t])))
        }
        return mip
    }

    /// Runs column generation on residual `demand` from `initialPatterns` (singletons are added).
    /// Stops at convergence, at `deadline`, or as soon as the bound reaches `stopAtBound`.
    public func run(demand: [Int], initialPatterns: [[Int]], deadline: Deadline, stopAtBound: Int? = nil) throws -> Result {
        let types = problem.sizes.count
        var patterns: [[Int]] = []
        var seen = Set<PatternKey>()
        func add(_ pattern: [Int]) {
            let clipped = pattern.enumerated().map { min($1, demand[$0]) }
            guard clipped.contains(where: { $0 > 0 }), seen.insert(PatternKey(clipped)).inserted else { return }
            patterns.append(clipped)
        }
        for pattern in initialPatterns {
            if deadline.isExpired { break }
            add(pattern)
        }
        for t in 0..<types where demand[t] > 0 {
            var single = Array(repeating: 0, count: types)
            single[t] = 1
            add(single)
        }
        let demandTotal = demand.reduce(0, +)
        guard demandTotal > 0 else {
            return Result(patterns: [], lpValues: [], masterValue: 0, lowerBound: 0, dualBound: 0, converged: true, iterations: 0)
        }
        var dualBound = 0.0
        var lowerBound = 0
        var masterValue = Double.infinity
        var lpValues: [Double] = []
        var iterations = 0
        var converged = false
        var stabiliser = WentgesSmoothing(weight: smoothing)
        let demandValues = demand.map(Double.init)
        while iterations < maximumIterations && !deadline.isExpired {
            iterations += 1
            guard let lp = try solveLP(ColumnGeneration.master(patterns: patterns, demand: demand, integer: false),
                                       deadline: deadline),
                  lp.status == .optimal, let value = lp.objective else { break }
            masterValue = value
            lpValues = lp.values
            let duals = Self.coverDuals(lp.rowDuals, demand: demand)
            let point = stabiliser.separationPoint(duals)
            let smoothed = point != duals
            /// Adds the columns that improve the master at its own duals; whether any was new.
            func addImproving(_ columns: [[Int]]) -> Bool {
                let before = patterns.count
                for column in columns where Self.value(column, duals) > 1 + 1e-6 { add(column) }
                return patterns.count > before
            }
            // Cheap greedy pricing first; exact pricing when it fails (and every 10th iteration,
            // for a Farley bound).
            let periodic = iterations % 10 == 0
            var greedyFound = false
            if !periodic || deadline.isExpired {
                greedyFound = addImproving(greedyColumns(point, demand: demand))
                if !greedyFound && smoothed { greedyFound = addImproving(greedyColumns(duals, demand: demand)) }
                if greedyFound || deadline.isExpired { continue }
            } else {
                greedyFound = !greedyColumns(duals, demand: demand).allSatisfy { Self.value($0, duals) <= 1 + 1e-6 }
            }
            let nodeLimit = periodic && greedyFound ? periodicKnapsackNodeLimit : knapsackNodeLimit
            /// Exact pricing at `prices`; records Farley's bound and offers the centre.
            func price(at prices: [Double]) -> VectorKnapsack.Solution {
                let start = greedyColumns(prices, demand: demand).max { Self.value($0, prices) < Self.value($1, prices) }
                let early = periodic ? nil : nodesAfterImprovingColumn
                let solution = VectorKnapsack.solve(values: prices, sizes: problem.sizes, bounds: demand, capacity: problem.capacity,
                                                    nodeLimit: nodeLimit, deadline: deadline, conflicts: conflicts, start: start,
                                                    goodEnough: early.map { _ in 1 + 1e-6 }, nodesAfterGoodEnough: early ?? 0,
                                                    interestingAbove: pricingFloor ? 1 : -.infinity, using: pricingBounds)
                // Farley: π / max(1, best price) is dual feasible; its objective is a bound.
                let scale = max(1, solution.upperBound)
                let bound = Self.value(demandValues, prices) / scale
                if bound > dualBound {
                    dualBound = bound
                    lowerBound = max(lowerBound, Int((bound - 1e-6).rounded(.up)))
                }
                stabiliser.offer(prices.map { $0 / scale }, bound: bound)
                return solution
            }
            var solution = price(at: point)
            if smoothed {
                if let stopAtBound, lowerBound >= stopAtBound { break }
                if addImproving([solution.counts] + solution.alternatives) { continue }
                solution = price(at: duals)  // a mis-price: price at the master's own duals
            }
            if solution.complete && solution.value <= 1 + 1e-9 { converged = true; break }
            if let stopAtBound, lowerBound >= stopAtBound { break }
            if !addImproving([solution.counts] + solution.alternatives) { break }  // no new column: numerical stall
        }
        // Columns priced after the last LP are at 0 in its solution (still a solution with them).
        if !lpValues.isEmpty { lpValues += Array(repeating: 0, count: patterns.count - lpValues.count) }
        return Result(patterns: patterns, lpValues: lpValues, masterValue: masterValue, lowerBound: lowerBound,
                      dualBound: dualBound, converged: converged, iterations: iterations)
    }

    /// The duals of the cover rows in type order (rows exist only for types with demand), ≥ 0.
    static func coverDuals(_ rowDuals: [Double], demand: [Int]) -> [Double] {
        var duals = Array(repeating: 0.0, count: demand.count)
        var row = 0
        for t in demand.indices where demand[t] > 0 {
            duals[t] = max(0, rowDuals[row])
            row += 1
        }
        return duals
    }

    /// Σ counts · prices.
    static func value<Count: BinaryInteger>(_ counts: [Count], _ prices: [Double]) -> Double {
        zip(counts, prices).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }

    static func value(_ amounts: [Double], _ prices: [Double]) -> Double {
        zip(amounts, prices).reduce(0.0) { $0 + $1.0 * $1.1 }
    }

    /// Greedy pricing columns at `prices` (every start, best first; no optimality claim).
    func greedyColumns(_ prices: [Double], demand: [Int]) -> [[Int]] {
        VectorKnapsack.greedy(values: prices, sizes: problem.sizes, bounds: demand, capacity: problem.capacity,
                              seeds: greedySeeds, conflicts: conflicts).map(\.counts)
    }

    /// Price-and-fix diving: fix the columns the LP uses at value ≈ 1 (or the largest one; with
    /// `oneAtATime`, only the largest), reduce the demand, re-run column generation on the rest,
    /// until every item is packed. Returns the bins (`nil` at the deadline) and every pattern
    /// generated on the way (all valid for the full problem).
    public func dive(from start: Result, deadline: Deadline, oneAtATime: Bool = false) throws -> (bins: [[Int]]?, patterns: [[Int]]) {
        var demand = problem.demand
        var bins: [[Int]] = []
        var current = start
        var generated = start.patterns
        var seen = Set(generated.map(PatternKey.init))
        while demand.contains(where: { $0 > 0 }) {
            if deadline.isExpired { return (nil, generated) }
            guard !current.patterns.isEmpty, current.lpValues.count == current.patterns.count else { return (nil, generated) }
            var fixed: [[Int]] = []
            if !oneAtATime {
                for (p, value) in current.lpValues.enumerated() where value >= 1 - 1e-6 {
                    for _ in 0..<Int((value + 1e-6).rounded(.down)) { fixed.append(current.patterns[p]) }
                }
            }
            if fixed.isEmpty, let best = current.lpValues.indices.max(by: { current.lpValues[$0] < current.lpValues[$1] || (current.lpValues[$0] == current.lpValues[$1] && $0 > $1) }) {
                fixed.append(current.patterns[best])
            }
            var progressed = false
            for pattern in fixed {
                let take = pattern.enumerated().map { min($1, demand[$0]) }
                guard take.contains(where: { $0 > 0 }) else { continue }
                for t in take.indices { demand[t] -= take[t] }
                bins.append(take)
                progressed = true
            }
            guard progressed else { return (nil, generated) }
            guard demand.contains(where: { $0 > 0 }) else { break }
            current = try run(demand: demand, initialPatterns: current.patterns,
                              deadline: deadline.capped(at: max(0.2, deadline.remaining / 8)))
            for pattern in current.patterns where seen.insert(PatternKey(pattern)).inserted { generated.append(pattern) }
        }
        return (bins, generated)
    }
}
