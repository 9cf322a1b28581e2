import LinearProgramming
import PlacementModel

/// Branch-and-price for pure vector bin packing: column generation on the set-covering master at
/// every node (``ColumnGeneration``, stabilised by ``WentgesSmoothing``), Ryan–Foster branching on
/// pairs of item types of demand 1 (``RyanFosterBranching``: the pricing stays a d-dimensional
/// knapsack, with conflicts), residual rounding (``ResidualRounding``) of every node's LP as the
/// primal heuristic. Nodes are explored depth first, the "together" child first, so the search
/// starts as a dive on the LP and backtracks from there; a node is pruned as soon as its rounded-up
/// bound reaches the incumbent, and the search stops when every open node is so pruned.
///
/// The certified bound is the least bound of the nodes left open (at the deadline, or nodes whose
/// LP did not converge, or whose fractional LP has no Ryan–Foster pair because of types of demand
/// > 1); the incumbent is optimal only when that bound equals it.
///
/// Ryan, Foster (1981); Vance, Barnhart, Johnson, Nemhauser, Computational Optimization and
/// Applications 3 (1994); Vanderbeck, Mathematical Programming 86 (1999); Sadykov, Vanderbeck,
/// "Bin packing with conflicts: a generic branch-and-price algorithm", INFORMS J. Computing 25 (2013).
///
/// - Complexity: exponential in the worst case (the tree); each node one column generation
///   (``ColumnGeneration/run(demand:initialPatterns:deadline:stopAtBound:)``) plus O(pool · t) to
///   select the pool's columns that keep the node's decisions. Bounded by the deadline.
public struct BranchAndPrice: Sendable {
    public typealias Decisions = RyanFosterBranching.Decisions
    public typealias TypePair = RyanFosterBranching.TypePair

    public let problem: VectorPackingProblem
    /// The LP backend.
    public let solver: any MIPSolver
    /// Weight of ``WentgesSmoothing`` at every node (0: plain column generation).
    public var smoothing = 0.5
    /// Bounds and floor of the exact pricing (``ColumnGeneration/pricingBounds``, ``ColumnGeneration/pricingFloor``).
    public var pricingBounds = VectorKnapsack.Bounds()
    public var pricingFloor = true
    public var knapsackNodeLimit = 2_000_000
    /// Residual rounding of every node's LP (off: only integral LPs give packings, so the
    /// branching alone must find them; for tests).
    public var residualRounding = true

    public init(problem: VectorPackingProblem, solver: any MIPSolver) {
        self.problem = problem
        self.solver = solver
    }

    /// What one node's column generation gave.
    public struct NodeOutcome: Sendable {
        /// No packing keeps the node's decisions.
        public var infeasible: Bool
        /// Certified bound of the node (its parent's when its own is lower).
        public var lowerBound: Int
        /// The node's LP converged (its bound is the LP optimum rounded up).
        public var converged: Bool
        /// Columns of the node's last LP, over the original types (each keeps the decisions).
        public var patterns: [[Int]]
        /// Their LP values.
        public var values: [Double]
        /// The pair to branch on, when the LP is fractional and has one.
        public var branchingPair: TypePair?
    }

    /// Column generation at the node of `decisions`, from the columns of `pool` that keep them;
    /// stops early when the bound reaches `incumbent`.
    public func solveNode(_ decisions: Decisions, pool: [[Int]], parentBound: Int, incumbent: Int?,
                          deadline: Deadline) throws -> NodeOutcome {
        guard let node = RyanFosterBranching.NodeProblem(problem, decisions: decisions) else {
            return NodeOutcome(infeasible: true, lowerBound: Int.max, converged: true, patterns: [], values: [], branchingPair: nil)
        }
        var generation = ColumnGeneration(problem: node.problem, solver: solver)
        generation.conflicts = node.conflicts
        generation.smoothing = smoothing
        generation.pricingBounds = pricingBounds
        generation.pricingFloor = pricingFloor
        generation.knapsackNodeLimit = knapsackNodeLimit
        let start = pool.compactMap(node.nodePattern)
        let cg = try generation.run(demand: node.problem.demand, initialPatterns: start, deadline: deadline, stopAtBound: incumbent)
        let patterns = cg.patterns.map(node.originalPattern)
        let values = cg.lpValues.count == cg.patterns.count ? cg.lpValues : []
        var bound = max(parentBound, cg.lowerBound)
        if cg.converged { bound = max(bound, Int((cg.masterValue - 1e-6).rounded(.up))) }
        let pair = cg.converged && !values.isEmpty ? node.branchingPair(patterns: cg.patterns, values: values) : nil
        return NodeOutcome(infeasible: false, lowerBound: bound, converged: cg.converged, patterns: patterns, values: values,
                           branchingPair: pair)
    }

    public struct Result: Sendable {
        /// The best packing the tree found (bins as copies per type), if better than the one given.
        public var bins: [[Int]]?
        /// Bins of the incumbent (the one given or the tree's).
        public var upperBound: Int
        /// Certified lower bound on the number of bins.
        public var lowerBound: Int
        /// Nodes whose LP was solved.
        public var nodes: Int
        /// Nodes left open: at the deadline, unconverged, or fractional without a branching pair.
        public var openNodes: Int
        /// Every column generated (original types), for the pattern MIP.
        public var patterns: [[Int]]
        /// Optimality is proven: the bound equals the incumbent.
        public var isProven: Bool { lowerBound >= upperBound }
    }

    /// Runs the tree from the root bound `rootBound`, an incumbent of `incumbentBins` bins and the
    /// columns `initialPatterns`, until the bound meets the incumbent or `deadline`.
    public func run(rootBound: Int, incumbentBins: Int, initialPatterns: [[Int]], deadline: Deadline) throws -> Result {
        var pool: [[Int]] = []
        var seen = Set<PatternKey>()
        func remember(_ patterns: [[Int]]) {
            for pattern in patterns where seen.insert(PatternKey(pattern)).inserted { pool.append(pattern) }
        }
        remember(initialPatterns)
        var upper = incumbentBins
        var best: [[Int]]?
        var stack: [(decisions: Decisions, bound: Int)] = [(Decisions(), rootBound)]
        var leftOpen: [Int] = []
        var nodes = 0
        while let (decisions, bound) = stack.popLast() {
            if bound >= upper { continue }
            if deadline.isExpired { stack.append((decisions, bound)); break }
            nodes += 1
            let outcome = try solveNode(decisions, pool: pool, parentBound: bound, incumbent: upper, deadline: deadline)
            remember(outcome.patterns)
            if outcome.infeasible || outcome.lowerBound >= upper { continue }
            let integral = outcome.values.allSatisfy { abs($0 - $0.rounded()) <= 1e-6 }
            if !outcome.values.isEmpty && (residualRounding || integral) {
                let rounded = ResidualRounding.bins(problem, patterns: outcome.patterns, values: outcome.values)
                if rounded.count < upper && rounded.allSatisfy(problem.fits) {
                    upper = rounded.count
                    best = rounded
                    if outcome.lowerBound >= upper { continue }
                }
            }
            if deadline.isExpired { stack.append((decisions, outcome.lowerBound)); break }
            guard outcome.converged, let pair = outcome.branchingPair else { leftOpen.append(outcome.lowerBound); continue }
            var apart = decisions
            apart.apart.append(pair)
            var together = decisions
            together.together.append(pair)
            stack.append((apart, outcome.lowerBound))
            stack.append((together, outcome.lowerBound))
        }
        let open = (stack.map(\.bound) + leftOpen).filter { $0 < upper }
        return Result(bins: best, upperBound: upper, lowerBound: max(rootBound, min(upper, open.min() ?? upper)), nodes: nodes,
                      openNodes: open.count, patterns: pool)
    }
}
