import Formulations
import GLPKSolver
import Heuristics
import LinearProgramming
import PlacementModel

/// The exact method: builds the model of ``Formulations/FormulationBuilder``, solves it with a
/// ``LinearProgramming/MIPSolver`` (GLPK by default, any backend of ``MIPSolverRegistry`` by
/// `SolveOptions.solverName`), maps the solution back and verifies it with
/// ``PlacementModel/PlacementChecker``. Every phase (heuristic start, bounds, column generation,
/// pricing, diving, model building, the MIP) polls one ``PlacementModel/Deadline``: the time
/// limit is a promise. Pure vector
/// bin packing goes through bounds (L1, L2, cliques), set-covering column generation (Wentges
/// smoothing), price-and-fix diving, branch-and-price with Ryan–Foster branching, the pattern MIP
/// over generated columns and only then the compact model. Every
/// "optimal" is backed by a bound equal to the objective (⌈bound⌉ for integral objectives).
///
/// Speitkamp, Bichler, IEEE TSC 2010 (consolidation MIP); Gilmore, Gomory 1961; Farley 1990;
/// Martello, Toth 1990; Mishra et al., IEEE Comm. Mag. 2012 (goals).
///
/// - Complexity: exponential in the worst case; bounded by the time limit.
public struct ExactMethod: PlacementMethod {
    public var name: String { "exact" }
    public var summary: String { "exact MIP on GLPK with certified bounds (column generation for pure packing)" }
    public var citation: String {
        "Speitkamp & Bichler, IEEE TSC 2010; Gilmore & Gomory 1961; Farley 1990; Martello & Toth 1990"
    }
    public var goals: Set<Goal> { Set(Goal.allCases) }

    /// The phases work to this share of the time limit; the rest is kept for what follows the
    /// last poll of a phase (a backend call that returns a little late, mapping the solution
    /// back, the checker) and for the caller's own checker and output.
    static let workingShare = 0.9

    /// Strengthening of the compact model.
    public var formulation: FormulationOptions
    /// Pure packing: use bounds, column generation, diving and the pattern MIP first.
    public var useColumnGeneration: Bool
    /// Pure packing: branch-and-price (``Formulations/BranchAndPrice``) after the dives.
    public var branchAndPrice = true
    /// Weight of Wentges dual smoothing in column generation (0: plain).
    public var smoothing = 0.5
    /// Bounds of column generation's exact pricing (``Formulations/VectorKnapsack/Bounds``).
    public var pricingBounds = VectorKnapsack.Bounds()
    /// Column generation's exact pricing searches only for columns worth more than 1.
    public var pricingFloor = true
    /// Hand the heuristic's placement to GLPK as first incumbent.
    public var injectIncumbent: Bool
    /// Consolidation: fewest hosts, then fewest migrations, then best balance (stages).
    public var lexicographic: Bool
    /// Time limit when `SolveOptions.timeLimit` is nil, seconds.
    public var defaultTimeLimit: Double
    /// Explain infeasible instances with a deletion filter over rule groups and VMs.
    public var explainInfeasibility: Bool
    /// The MIP backend unless `SolveOptions.solverName` names another.
    public var solver: any MIPSolver
    /// The clock of the deadline (the system's; a scripted one in tests).
    public var clock: any DeadlineClock

    public init(formulation: FormulationOptions = FormulationOptions(), useColumnGeneration: Bool = true,
                injectIncumbent: Bool = true, lexicographic: Bool = false, defaultTimeLimit: Double = 60,
                explainInfeasibility: Bool = true, solver: any MIPSolver = GLPKSolver(),
                clock: any DeadlineClock = SystemDeadlineClock()) {
        self.solver = solver
        self.clock = clock
        self.formulation = formulation
        self.useColumnGeneration = useColumnGeneration
        self.injectIncumbent = injectIncumbent
        self.lexicographic = lexicographic
        self.defaultTimeLimit = defaultTimeLimit
        self.explainInfeasibility = explainInfeasibility
    }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        let start = clock.now()
        let deadline = Deadline.after((options.timeLimit ?? defaultTimeLimit) * Self.workingShare, clock: clock)
        var method = self
        if let solverName = options.solverName { method.solver = try MIPSolverRegistry.solver(named: solverName) }
        var result = try method.solveValidated(instance, goal: goal, options: options, deadline: deadline)
        result.statistics["seconds"] = clock.now() - start
        return result
    }

    func solveValidated(_ instance: Instance, goal: Goal, options: SolveOptions, deadline: Deadline) throws -> SolveResult {
        let diagnostics = options.instanceValidated ? [] : InstanceValidator.validate(instance).filter { $0.severity == .error }
        if !diagnostics.isEmpty {
            // Structural errors come without feasibility diagnoses: throw them; feasibility ones explain.
            let feasibility = Set(InstanceValidator.feasibilityDiagnoses(instance))
            if diagnostics.allSatisfy({ feasibility.contains($0) }) {
                return SolveResult(status: .infeasible, placement: nil, method: name, goal: goal,
                                   notes: ["infeasible: " + diagnostics.map(\.description).joined(separator: "; ")])
            }
            throw InvalidInput(diagnostics)
        }
        if instance.vms.isEmpty {
            let placement = Placement.empty(0)
            let objective = instance.objective(of: placement, goal: goal)
            return SolveResult(status: .optimal, placement: placement, objective: objective, bound: objective, method: name,
                               goal: goal, notes: ["no VMs"])
        }
        if lexicographic {
            return try solveLexicographic(instance, goal: goal, options: options, deadline: deadline)
        } else if useColumnGeneration, options.migrationBudget == nil || !instance.hasCurrentPlacement,
                  let problem = VectorPackingProblem.from(instance, goal: goal) {
            // (The packing pipeline knows no migrations: with a budget on running VMs the compact
            // model, which has the budget row, solves.)
            return try solvePacking(instance, goal: goal, problem: problem, options: options, deadline: deadline)
        } else {
            return try solveCompact(instance, goal: goal, options: options, formulation: formulation, deadline: deadline)
        }
    }

    // MARK: - Compact model

    /// The heuristic portfolio without its ruin-and-recreate phase: the exact method only needs a
    /// good incumbent quickly, its own bounds and search do the rest.
    static let incumbentPortfolio = Portfolio(members: HeuristicCatalogue.packingMethods + HeuristicCatalogue.goalMethods,
                                              perturbationCandidates: 0)

    /// Above this many VMs the incumbent portfolio leaves out the bin-centric (`bc-*`) and
    /// multi-bin (`mb-*`) members, quadratic in n (together ≈ 3.5 s of CPU at n = 4 000), and its
    /// local searches: a portfolio cut off at the deadline keeps running on its thread and would
    /// slow every later phase. Chosen by size, not time, so the incumbent stays deterministic.
    static let quadraticMembersLimit = 1000

    /// ``incumbentPortfolio`` without the quadratic members.
    static let largeInstancePortfolio = Portfolio(
        members: (HeuristicCatalogue.packingMethods + HeuristicCatalogue.goalMethods)
            .filter { !$0.name.hasPrefix("bc-") && !$0.name.hasPrefix("mb-") },
        improves: false, perturbationCandidates: 0)

    /// The incumbent portfolio for an instance of `vmCount` VMs.
    static func incumbentPortfolio(vmCount: Int) -> Portfolio {
        vmCount > quadraticMembersLimit ? largeInstancePortfolio : incumbentPortfolio
    }

    /// Best heuristic placement that passes the checker for `goal` and keeps to the migration
    /// budget (current placement, the heuristic portfolio, FFD and packing variants): the
    /// incumbent and the upper bound.
    func heuristicPlacement(_ instance: Instance, goal: Goal, migrationBudget: Int? = nil, deadline: Deadline) -> Placement? {
        let checkOptions = PlacementChecker.Options(enforceOverloadThresholds: goal == .hotspot)
        var candidates: [Placement] = []
        if instance.vms.allSatisfy({ $0.currentHost != nil }) { candidates.append(instance.currentPlacement) }
        // First fit decreasing always runs (O(n log n + n·m·d), 0.1 s at 10⁵ VMs): even a limit
        // that ends before anything else leaves a placement.
        // (Candidates keep the order current, portfolio, FFD, variants: ties go to the earlier.)
        let ffd = try? FirstFitDecreasing().solve(instance, goal: goal, options: SolveOptions()).placement
        if let portfolio = HeuristicStart.portfolio(Self.incumbentPortfolio(vmCount: instance.vms.count), instance, goal: goal,
                                                    migrationBudget: migrationBudget, deadline: deadline) {
            candidates.append(portfolio)
        }
        if let ffd { candidates.append(ffd) }
        if !deadline.isExpired { candidates += PackingHeuristics.variants(instance, deadline: deadline) }
        let forced = instance.forcedMigrations
        let valid = candidates.filter { placement in
            PlacementChecker.check(instance, placement, options: checkOptions).isEmpty
                && migrationBudget.map { forced.count(instance, placement).voluntary <= $0 } ?? true
        }
        return valid.min { instance.objective(of: $0, goal: goal) < instance.objective(of: $1, goal: goal) }
    }

    func solveCompact(_ instance: Instance, goal: Goal, options: SolveOptions, formulation: FormulationOptions,
                      deadline: Deadline, incumbent givenIncumbent: Placement? = nil, knownBound: Double? = nil) throws -> SolveResult {
        var formulation = formulation
        if formulation.migrationBudget == nil { formulation.migrationBudget = options.migrationBudget }
        var incumbent = givenIncumbent
            ?? heuristicPlacement(instance, goal: goal, migrationBudget: formulation.migrationBudget, deadline: deadline)
        if let placement = incumbent, let budget = formulation.migrationBudget, instance.voluntaryMigrationCount(placement) > budget {
            incumbent = nil
        }
        if let incumbent, formulation.objective == .goal, formulation.objectiveUpperBound == nil {
            formulation.objectiveUpperBound = instance.objective(of: incumbent, goal: goal)
        }
        func timedOut(_ notes: [String], _ statistics: [String: Double] = [:], bound: Double? = nil) -> SolveResult {
            var result = SolveResult(status: .timeLimit, placement: nil, bound: bound, method: name, goal: goal,
                                     notes: notes, statistics: statistics)
            if let incumbent {
                result.status = .feasible
                result.placement = incumbent
                result.objective = instance.objective(of: incumbent, goal: goal)
            }
            return result
        }
        let built: (MIP, FormulationMapping)
        let buildStart = deadline.clock.now()
        do {
            built = try FormulationBuilder.build(instance, goal: goal, options: formulation, deadline: deadline)
        } catch FormulationError.deadlineReached {
            return timedOut(["time limit reached while building the MIP"])
        } catch let error as FormulationError {
            return SolveResult(status: .infeasible, placement: nil, method: name, goal: goal,
                               notes: ["infeasible: \(error)"] + explain(instance, goal: goal, deadline: deadline))
        }
        let (mip, mapping) = built
        let left = deadline.remaining
        guard left > 0 else { return timedOut(["time limit reached before the MIP"]) }
        var mipOptions = MIPSolveOptions(timeLimit: left.isFinite ? left : nil, relativeGap: options.relativeGap,
                                         integralObjective: mapping.objectiveIsIntegral)
        var notes: [String] = []
        if injectIncumbent, let incumbent, let values = try? mapping.values(for: incumbent),
           mip.violations(values, tolerance: 1e-6).isEmpty {
            mipOptions.incumbent = values
        }
        if let knownBound { mipOptions.stopAtObjective = knownBound }
        let mipStart = deadline.clock.now()
        let solved = try solver.solve(mip, options: mipOptions)
        var statistics: [String: Double] = ["mipSeconds": solved.seconds, "buildSeconds": mipStart - buildStart,
                                            "columns": Double(mip.columns.count),
                                            "rows": Double(mip.rows.count)]
        if let nodes = solved.nodes { statistics["nodes"] = Double(nodes) }
        switch solved.status {
        case .infeasible:
            return SolveResult(status: .infeasible, placement: nil, method: name, goal: goal,
                               notes: ["infeasible (proven by the MIP)"] + explain(instance, goal: goal, deadline: deadline),
                               statistics: statistics)
        case .unbounded, .noSolution, .timeLimitNoSolution:
            return timedOut(["no solution found by the MIP (\(solved.status.rawValue))"], statistics,
                            bound: roundedBound(solved.bestBound, mapping))
        case .optimal, .feasible:
            break
        }
        var placement = mapping.placement(from: solved.values)
        let checkOptions = PlacementChecker.Options(enforceOverloadThresholds: goal == .hotspot)
        var violations = PlacementChecker.check(instance, placement, options: checkOptions)
        if !violations.isEmpty {
            notes.append("MIP solution rejected by the checker: \(violations.prefix(3).map(\.description).joined(separator: "; "))")
            guard let incumbent else {
                return SolveResult(status: .error, placement: nil, method: name, goal: goal, notes: notes, statistics: statistics)
            }
            placement = incumbent
            violations = []
        }
        let objective = formulation.objective == .goal ? instance.objective(of: placement, goal: goal) : (solved.objective ?? 0)
        if let mipObjective = solved.objective, formulation.objective == .goal,
           abs(mipObjective - objective) > 1e-6 * max(1, abs(objective)) {
            notes.append("model objective \(mipObjective) differs from the instance objective \(objective)")
        }
        var bound = roundedBound(solved.bestBound, mapping)
        if let knownBound { bound = max(bound ?? knownBound, knownBound) }
        if let b = bound, b > objective + 1e-6 * max(1, abs(objective)) {
            // A bound above a verified objective means something is wrong: never report it.
            notes.append("bound \(b) above objective \(objective) discarded")
            bound = nil
        }
        let proven = bound.map { objective - $0 <= 1e-6 * max(1, abs(objective)) } ?? false
        statistics["gap"] = bound.map { MIPResult.relativeGap(objective: objective, bound: $0) }
        return SolveResult(status: proven ? .optimal : .feasible, placement: placement, objective: objective, bound: bound,
                           method: name, goal: goal, notes: notes, statistics: statistics)
    }

    func roundedBound(_ bound: Double?, _ mapping: FormulationMapping) -> Double? {
        guard let bound, bound.isFinite else { return nil }
        return mapping.objectiveIsIntegral ? (bound - 1e-6).rounded(.up) : bound
    }

    // MARK: - Lexicographic

    /// One lexicographic stage: it minimises `objective` under the limits fixed by the stages
    /// before it and, when `limit` is set, fixes its own optimum for the stages after it.
    struct LexicographicStage {
        var objective: ObjectiveKind
        /// Words of the stage's note, before its value.
        var label: String
        /// The value as the note writes it.
        var format: (Double) -> String
        /// The limit the stage's value fixes for later stages.
        var limit: ((inout FormulationOptions, Double) -> Void)?
        /// How much of the goal's objective one unit of this stage's value is (0: not a term of
        /// it): a bound on the stage's value times this bounds the goal's objective.
        var goalWeight: Double = 0
    }

    /// The stages per goal: place and consolidate — host cost, migrations, balance; balance —
    /// maximum utilisation, then migrations; hotspot (thresholds as constraints) — migrations,
    /// then migration cost. The migration stages only when VMs are running.
    static func lexicographicStages(_ instance: Instance, goal: Goal) -> [LexicographicStage] {
        let migrations = LexicographicStage(objective: .migrationCount, label: "migrations", format: { formatNumber($0) },
                                            limit: { $0.migrationCountLimit = Int($1.rounded()) })
        let running = instance.hasCurrentPlacement
        switch goal {
        case .place, .consolidate:
            return [LexicographicStage(objective: .hostCost, label: "host cost", format: { formatNumber($0) },
                                       limit: { $0.hostCostLimit = $1 }, goalWeight: instance.weights.hosts)]
                + (running ? [migrations] : [])
                + [LexicographicStage(objective: .maximumUtilisation, label: "maximum utilisation", format: { "\($0)" },
                                      goalWeight: instance.weights.balance)]
        case .balance:
            return [LexicographicStage(objective: .maximumUtilisation, label: "maximum utilisation", format: { "\($0)" },
                                       limit: { $0.maximumUtilisationLimit = $1 }, goalWeight: 1)]
                + (running ? [migrations] : [])
        case .hotspot:
            return running ? [migrations, LexicographicStage(objective: .migrationCost, label: "migration cost",
                                                             format: { formatNumber($0) }, goalWeight: 1)]
                : [LexicographicStage(objective: .migrationCost, label: "migration cost", format: { formatNumber($0) }, goalWeight: 1)]
        }
    }

    func solveLexicographic(_ instance: Instance, goal: Goal, options: SolveOptions, deadline: Deadline) throws -> SolveResult {
        var stageOptions = formulation
        var notes: [String] = []
        var best: Placement?
        var allProven = true
        var stageBound = 0.0
        for (index, stage) in Self.lexicographicStages(instance, goal: goal).enumerated() {
            stageOptions.objective = stage.objective
            let result = try solveCompact(instance, goal: goal, options: options, formulation: stageOptions,
                                          deadline: deadline, incumbent: best)
            guard let placement = result.placement, let value = result.objective else {
                if index == 0 { return result }
                allProven = false
                continue
            }
            best = placement
            allProven = allProven && result.status == .optimal
            notes.append("stage \(index + 1) \(stage.label) \(stage.format(value)) (\(result.status.rawValue))")
            // Only the first stage bounds its term over every placement (later ones are limited).
            if index == 0, let bound = result.bound { stageBound = stage.goalWeight * bound }
            stage.limit?(&stageOptions, value)
        }
        guard let best else { throw FormulationError.deadlineReached }
        notes.append(allProven ? "lexicographic optimum proven in every stage" : "some stage not proven optimal")
        return lexicographicResult(instance, goal: goal, placement: best, stageBound: stageBound, notes: notes)
    }

    /// A lexicographic optimum is not in general an optimum of the goal's weighted objective; its
    /// certified bound is the larger of the first stage's bound on its own term and the goal's
    /// bounds (``Heuristics/GoalLowerBounds``), valid when every weight and cost is ≥ 0 — optimal
    /// only when that bound reaches the objective.
    func lexicographicResult(_ instance: Instance, goal: Goal, placement: Placement, stageBound: Double,
                             notes: [String]) -> SolveResult {
        var notes = notes
        let objective = instance.objective(of: placement, goal: goal)
        var bound: Double? = nil
        if GoalLowerBounds.isNonNegative(instance) {
            bound = [stageBound, GoalLowerBounds.objective(instance, goal: goal) ?? 0].filter { $0 > 0 }.max()
        }
        if let b = bound, b > objective + 1e-6 * max(1, abs(objective)) {
            // A bound above a verified objective means something is wrong: never report it.
            notes.append("bound \(b) above objective \(objective) discarded")
            bound = nil
        }
        let proven = bound.map { objective - $0 <= 1e-6 * max(1, abs(objective)) } ?? false
        return SolveResult(status: proven ? .optimal : .feasible, placement: placement, objective: objective, bound: bound,
                           method: name, goal: goal, notes: notes)
    }
}
