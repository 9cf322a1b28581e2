import CBCShim
import Foundation
import LinearProgramming

/// The CBC backend of ``LinearProgramming/MIPSolver`` (COIN-OR CBC 2.10 and its LP solver CLP,
/// Debian's `coinor-libcbc-dev`), through the C++ shim `CBCShim`, which catches every C++
/// exception: CBC errors become ``CBCError``, nothing aborts.
///
/// * MIPs go through `Cbc_solve` (CbcMain1 with presolve, cuts and heuristics on, one thread),
///   with the time limit, relative gap and injected incumbent (`Cbc_setMIPStartI`) of the
///   options. CbcMain1 keeps static state, so the shim serialises CBC calls with one lock: solves
///   from several threads are safe but do not overlap.
/// * LP relaxations (column generation) go through CLP's primal simplex, which gives row duals
///   and reduced costs (CBC 2.10's C API has no row duals); CLP calls may overlap.
/// * Not supported (ignored; the result is still correct, only proven later): ``stopAtObjective``
///   and ``integralObjective`` early stops inside the search, cut selection (``cuts``), the
///   presolve switch and log capture (``MIPResult/log`` stays empty). The conformance suite says
///   which tests skip for it and why.
///
/// CBC: Forrest, Lougee-Heimer, "CBC user guide", INFORMS Tutorials (2005).
public struct CBCSolver: MIPSolver {
    public init() {}

    public var name: String { "cbc" }
    public var versionDescription: String { "CBC \(Self.version)" }

    /// CBC's version string (`Cbc_getVersion()`), e.g. "2.10.8".
    public static var version: String { String(cString: vmp_cbc_version()) }

    static let integralityTolerance = 1e-5

    public func solve(_ mip: MIP, options: MIPSolveOptions = MIPSolveOptions()) throws -> MIPResult {
        try mip.validate()
        try options.validate(for: mip)
        let start = ContinuousClock.now
        if mip.columns.isEmpty {
            return MIPResult(status: .optimal, termination: .completed, objective: mip.objectiveOffset,
                             bestBound: mip.objectiveOffset, gap: 0, nodes: 0, seconds: Self.seconds(since: start))
        }
        var result = mip.columns.contains(where: \.isInteger)
            ? try solveValidated(mip, options: options) : try solveLinear(mip, options: options)
        result.reconcile(with: mip, options: options, integralityTolerance: Self.integralityTolerance)
        result.seconds = Self.seconds(since: start)
        return result
    }

    public func solveLPRelaxation(_ mip: MIP, options: MIPSolveOptions = MIPSolveOptions()) throws -> LPRelaxationResult {
        try mip.validate()
        try MIPSolveOptions(timeLimit: options.timeLimit).validate(for: mip)
        let start = ContinuousClock.now
        if mip.columns.isEmpty {
            return LPRelaxationResult(status: .optimal, objective: mip.objectiveOffset, values: [],
                                      rowDuals: mip.rows.map { _ in 0 }, reducedCosts: [], seconds: 0, log: "")
        }
        let matrix = CSCMatrix(mip)
        var primal = [Double](repeating: 0, count: mip.columns.count)
        var duals = [Double](repeating: 0, count: max(1, mip.rows.count))
        var reduced = [Double](repeating: 0, count: mip.columns.count)
        var outcome = vmp_clp_result()
        var message = [CChar](repeating: 0, count: 512)
        let code = matrix.withProblem(mip, relaxed: true) { problem in
            vmp_clp_solve(&problem, options.timeLimit ?? 0, 0, &primal, &duals, &reduced, &outcome, &message, Int32(message.count))
        }
        try CBCError.check(code, call: "Clp_initialPrimalSolve", message: message)
        let seconds = Self.seconds(since: start)
        let status: MIPStatus
        switch outcome.status {
        case 0: status = .optimal
        case 1: status = .infeasible
        case 2: status = .unbounded
        case 3: status = .timeLimitNoSolution
        default: status = .noSolution
        }
        guard status == .optimal else {
            return LPRelaxationResult(status: status, objective: nil, values: [], rowDuals: [], reducedCosts: [],
                                      seconds: seconds, log: "")
        }
        return LPRelaxationResult(status: .optimal, objective: outcome.objective + mip.objectiveOffset, values: primal,
                                  rowDuals: Array(duals.prefix(mip.rows.count)), reducedCosts: reduced,
                                  seconds: seconds, log: "")
    }

    /// A model without integer columns: CLP (Cbc_solve reports no solution for a pure LP).
    func solveLinear(_ mip: MIP, options: MIPSolveOptions) throws -> MIPResult {
        let relaxation = try solveLPRelaxation(mip, options: options)
        switch relaxation.status {
        case .optimal:
            return MIPResult(status: .optimal, termination: .completed, objective: relaxation.objective,
                             bestBound: relaxation.objective, values: relaxation.values, nodes: 0)
        case .timeLimitNoSolution:
            return MIPResult(status: .timeLimitNoSolution, termination: .timeLimit)
        default:
            return MIPResult(status: relaxation.status, termination: .completed)
        }
    }

    /// The raw result (before ``LinearProgramming/MIPResult/reconcile(with:options:integralityTolerance:)``).
    func solveValidated(_ mip: MIP, options: MIPSolveOptions) throws -> MIPResult {
        if mip.columns.contains(where: { $0.isInteger && $0.lowerBound.rounded(.up) > $0.upperBound.rounded(.down) + 1e-9 }) {
            return MIPResult(status: .infeasible, termination: .completed, nodes: 0)
        }
        let matrix = CSCMatrix(mip)
        var values = [Double](repeating: 0, count: mip.columns.count)
        var outcome = vmp_cbc_result()
        var message = [CChar](repeating: 0, count: 512)
        let incumbent = options.incumbent.map { values in
            zip(mip.columns, values).map { column, value in column.isInteger ? value.rounded() : value }
        }
        let code = matrix.withProblem(mip, relaxed: false) { problem in
            withOptionalPointer(incumbent) { incumbentPointer in
                var cbcOptions = vmp_cbc_options(time_limit: options.timeLimit ?? 0, relative_gap: options.relativeGap ?? -1,
                                                 incumbent: incumbentPointer, log_level: options.logLevel == .off ? 0 : 1)
                return vmp_cbc_solve(&problem, &cbcOptions, &values, &outcome, &message, Int32(message.count))
            }
        }
        try CBCError.check(code, call: "Cbc_solve", message: message)
        return Self.result(outcome, values: values, offset: mip.objectiveOffset)
    }

    /// Status and termination from CBC's flags (Cbc_status / Cbc_secondaryStatus).
    static func result(_ outcome: vmp_cbc_result, values: [Double], offset: Double) -> MIPResult {
        let hasSolution = outcome.has_solution != 0
        var result: MIPResult
        if outcome.proven_optimal != 0 && hasSolution {
            result = MIPResult(status: .optimal, termination: .completed)
        } else if outcome.continuous_unbounded != 0 || outcome.secondary_status == 7 {
            result = MIPResult(status: .unbounded, termination: .completed)
        } else if outcome.proven_infeasible != 0 && !hasSolution {
            result = MIPResult(status: .infeasible, termination: .completed)
        } else if outcome.seconds_limit_reached != 0 || outcome.secondary_status == 4 {
            result = MIPResult(status: hasSolution ? .feasible : .timeLimitNoSolution, termination: .timeLimit)
        } else if outcome.secondary_status == 2 {
            result = MIPResult(status: hasSolution ? .feasible : .noSolution, termination: .relativeGapReached)
        } else if outcome.secondary_status == 8 {
            result = MIPResult(status: hasSolution ? .feasible : .noSolution, termination: .iterationLimit)
        } else {
            result = MIPResult(status: hasSolution ? .feasible : .noSolution, termination: .completed)
        }
        if hasSolution { result.values = values }
        if result.status != .infeasible && result.status != .unbounded, outcome.best_bound.isFinite,
           abs(outcome.best_bound) < 1e50 {
            result.bestBound = outcome.best_bound + offset
        }
        result.nodes = Int(outcome.nodes)
        return result
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Calls `body` with a pointer to `array`'s storage, or with `nil`.
func withOptionalPointer<Result>(_ array: [Double]?, _ body: (UnsafePointer<Double>?) -> Result) -> Result {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
