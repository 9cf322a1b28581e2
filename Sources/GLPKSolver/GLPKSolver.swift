import CGLPK
import Foundation
import GLPKShim
import LinearProgramming

/// The GLPK backend of ``LinearProgramming/MIPSolver`` (GLPK 5.0 as shipped by Debian).
///
/// Every call is synchronous and self-contained: it validates the model in Swift, builds a
/// `glp_prob`, solves, reads the results back and deletes the problem, all on the calling thread.
/// No GLPK object ever outlives a call or crosses threads (GLPK problems must be created and
/// deleted on the same thread).
///
/// Errors GLPK would normally answer with `abort()` are caught by the C target `GLPKShim`
/// (error hook + `setjmp`/`longjmp`) and thrown as ``GLPKError/raised(call:message:)``; the
/// thread's GLPK environment is then freed and rebuilt, and the process goes on.
///
/// ## Threads
/// Debian's GLPK keeps its environment in thread-local storage (`glp_config("TLS")` is
/// `_Thread_local`), so **several solves may run at the same time on different threads**
/// (task group, `DispatchQueue.concurrentPerform`, threads). This is checked by
/// `GLPKSolverTests.testConcurrentSolvesMatchSequential`, which solves MIPs from several threads at
/// once and compares with sequential results, and by a test that raises a GLPK error on one
/// thread while others solve. Two caveats:
/// * cover cuts (``LinearProgramming/MIPSolveOptions/Cuts/cover``) use non-thread-local state
///   inside GLPK: leave them off when solves may overlap;
/// * a solve blocks its thread for up to its time limit: from Swift concurrency, prefer a
///   bounded number of concurrent solves (e.g. one per CPU core).
///
/// ## Incumbents and early stops
/// An injected incumbent is passed to GLPK through `glp_ios_heur_sol` by a C callback inside the
/// shim (no Swift code runs inside `glp_intopt`); it requires presolve off, so presolve is
/// ignored when an incumbent is given. The same callback records the best node bound and stops
/// the search when ``LinearProgramming/MIPSolveOptions/stopAtObjective`` or the integral-bound
/// test of ``LinearProgramming/MIPSolveOptions/integralObjective`` is met.
public struct GLPKSolver: MIPSolver {
    public init() {}

    public var name: String { "glpk" }
    public var versionDescription: String { "GLPK \(Self.version)" }

    /// GLPK's version string (`glp_version()`), e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// The thread-local storage keyword GLPK was built with (`glp_config("TLS")`, e.g.
    /// `"_Thread_local"` on Debian), or `nil` if the build has a single global environment, in
    /// which case solves must not run concurrently.
    public static var threadLocalStorageKeyword: String? {
        guard let keyword = glp_config("TLS") else { return nil }
        return String(cString: keyword)
    }

    /// Solves `mip` (LP relaxation by primal simplex, then `glp_intopt` when there are integer
    /// columns). Throws ``LinearProgramming/MIPError`` for an invalid model or options and
    /// ``GLPKError`` when GLPK fails.
    public func solve(_ mip: MIP, options: MIPSolveOptions = MIPSolveOptions()) throws -> MIPResult {
        try mip.validate()
        try options.validate(for: mip)
        return try GLPKRun.solveMIP(mip, options: options, fault: nil)
    }

    /// Solves the LP relaxation of `mip` (integrality dropped) and returns the optimum, primal
    /// values, row duals and reduced costs. Only ``LinearProgramming/MIPSolveOptions/timeLimit``
    /// and the log options are used.
    public func solveLPRelaxation(_ mip: MIP, options: MIPSolveOptions = MIPSolveOptions()) throws
        -> LPRelaxationResult
    {
        try mip.validate()
        var lpOptions = MIPSolveOptions(timeLimit: options.timeLimit, logLevel: options.logLevel,
                                        echoLog: options.echoLog)
        lpOptions.presolve = false
        try lpOptions.validate(for: mip)
        return try GLPKRun.solveLPRelaxation(mip, options: lpOptions)
    }

    /// Writes `mip` in CPLEX LP format with GLPK's writer. The file is written under a temporary
    /// name in the same directory and renamed, so `path` is either complete or untouched. A
    /// `.gz` suffix compresses.
    ///
    /// GLPK's LP writer keeps a nonzero ``LinearProgramming/MIP/objectiveOffset`` only as a
    /// comment, so the offset is written as an extra column fixed at 1 (named
    /// `objective_constant`, or with underscores appended if that name is taken) whose objective
    /// coefficient is the offset: every reader then finds the same optimum.
    public func writeCPLEXLP(_ mip: MIP, to path: String) throws {
        try mip.validate()
        try GLPKRun.write(GLPKRun.exportModel(mip, minimizeOnly: false), to: path, call: "glp_write_lp") { problem, temporaryPath, code in
            vmp_write_lp(problem, temporaryPath, &code)
        }
    }

    /// Writes `mip` in MPS format with GLPK's writer: free MPS by default, fixed MPS when
    /// `fixed` (names are then cut to 8 characters by GLPK). Atomic like
    /// ``writeCPLEXLP(_:to:)``.
    ///
    /// MPS has no standard way to state the objective sense or constant, and GLPK writes no
    /// `OBJSENSE`. So, for a portable file: a maximisation is written as the minimisation of the
    /// negated objective (readers report −optimum), and a nonzero offset becomes a column fixed at
    /// 1, as in ``writeCPLEXLP(_:to:)``.
    public func writeMPS(_ mip: MIP, to path: String, fixed: Bool = false) throws {
        try mip.validate()
        let format = fixed ? GLP_MPS_DECK : GLP_MPS_FILE
        try GLPKRun.write(GLPKRun.exportModel(mip, minimizeOnly: true), to: path, call: "glp_write_mps") { problem, temporaryPath, code in
            vmp_write_mps(problem, Int32(format), temporaryPath, &code)
        }
    }
}

/// A deliberate error, for tests of the error path only: each makes GLPK itself raise an error
/// inside a guarded call, bypassing the Swift validation that normally prevents it.
enum GLPKInjectedFault: Sendable {
    /// Passes `mip_gap = -1` to `glp_intopt`.
    case negativeRelativeGap
    /// Passes a column index out of range to `glp_load_matrix`.
    case columnIndexOutOfRange
}

/// Owns pointers handed to C for the duration of one call (trivial element types only).
private final class CArrays {
    private var allocations: [UnsafeMutableRawPointer] = []

    func copy<Element>(_ array: [Element]) -> UnsafeMutablePointer<Element> {
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(array.count, 1))
        pointer.initialize(from: array, count: array.count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// Names as NUL-terminated strings laid end to end.
    func names(_ names: [String]) -> UnsafeMutablePointer<CChar> {
        var bytes: [CChar] = []
        for name in names {
            bytes.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            bytes.append(0)
        }
        return copy(bytes)
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
    }
}

/// The implementation: every function runs entirely on the calling thread.
enum GLPKRun {
    static let integralityTolerance = 1e-5

    /// Above this many columns branching is on the most fractional variable instead of GLPK's
    /// default Driebeck–Tomlin heuristic, whose evaluation of every fractional column at a node
    /// does not look at the time limit: on a 14 421-column packing model (class1_250_3_0) one
    /// root evaluation took 1.6 s past a 1.3 s limit, on an 8 190-column one (class4_250_10_0)
    /// three nodes took 6.5 s in a 3.4 s limit. Models of the n ≤ 40 instances stay below.
    static let mostFractionalBranchingAbove = 2_000

    /// Builds `mip` in GLPK, runs `body`, deletes the problem (unless a GLPK error already freed
    /// the thread's environment, and with it the problem). Returns `body`'s value and the log.
    static func withProblem<Value>(
        _ mip: MIP, logLevel: MIPSolveOptions.LogLevel, echoLog: Bool,
        fault: GLPKInjectedFault? = nil, roundIntegerBounds: Bool = true,
        _ body: (OpaquePointer) throws -> Value
    ) throws -> (Value, String) {
        let logMode: Int32
        switch logLevel {
        case .off: logMode = Int32(VMP_LOG_DISCARD)
        default: logMode = Int32(echoLog ? VMP_LOG_CAPTURE_AND_ECHO : VMP_LOG_CAPTURE)
        }
        vmp_begin_session(logMode)
        let generation = vmp_environment_generation()

        let arrays = CArrays()
        var elementRows: [Int32] = [0]
        var elementColumns: [Int32] = [0]
        var elementValues: [Double] = [0]
        for (rowIndex, row) in mip.rows.enumerated() {
            for (column, coefficient) in zip(row.columns, row.coefficients) {
                elementRows.append(Int32(rowIndex + 1))
                elementColumns.append(Int32(column + 1))
                elementValues.append(coefficient)
            }
        }
        if fault == .columnIndexOutOfRange {
            elementRows.append(1)
            elementColumns.append(Int32(mip.columns.count + 7))
            elementValues.append(1)
        }
        let problemName = mip.name
        let objectiveName = "obj"
        var data = vmp_problem_data()
        data.maximize = mip.sense == .maximize ? 1 : 0
        data.objective_offset = mip.objectiveOffset
        data.column_count = Int32(mip.columns.count)
        data.column_names = UnsafePointer(arrays.names(mip.columns.map(\.name)))
        // GLPK rejects fractional bounds on integer columns (GLP_EBOUND): round them inwards.
        let lowerBounds = mip.columns.map { $0.isInteger && roundIntegerBounds ? integralLowerBound($0.lowerBound) : $0.lowerBound }
        let upperBounds = mip.columns.map { $0.isInteger && roundIntegerBounds ? integralUpperBound($0.upperBound) : $0.upperBound }
        data.column_lower = UnsafePointer(arrays.copy(lowerBounds))
        data.column_upper = UnsafePointer(arrays.copy(upperBounds))
        data.column_objective = UnsafePointer(arrays.copy(mip.columns.map(\.objective)))
        data.column_is_integer = UnsafePointer(arrays.copy(mip.columns.map { UInt8($0.isInteger ? 1 : 0) }))
        data.row_count = Int32(mip.rows.count)
        data.row_names = UnsafePointer(arrays.names(mip.rows.map(\.name)))
        data.row_lower = UnsafePointer(arrays.copy(mip.rows.map(\.lowerBound)))
        data.row_upper = UnsafePointer(arrays.copy(mip.rows.map(\.upperBound)))
        data.element_count = Int32(elementRows.count - 1)
        data.element_row = UnsafePointer(arrays.copy(elementRows))
        data.element_column = UnsafePointer(arrays.copy(elementColumns))
        data.element_value = UnsafePointer(arrays.copy(elementValues))

        var built: OpaquePointer?
        let status = problemName.withCString { namePointer in
            objectiveName.withCString { objectivePointer in
                data.name = namePointer
                data.objective_name = objectivePointer
                return vmp_build_problem(&data, &built)
            }
        }
        withExtendedLifetime(arrays) {}
        try check(status, call: "building the problem (glp_load_matrix)")
        guard let problem = built else {
            throw GLPKError.failed(call: "glp_create_prob", code: -1, meaning: "no problem returned")
        }
        defer {
            // After a caught GLPK error the environment, and this problem with it, is gone.
            if vmp_environment_generation() == generation {
                _ = vmp_delete_problem(problem)
            }
        }
        let value = try body(problem)
        return (value, String(cString: vmp_log_text()))
    }

    static func integralLowerBound(_ bound: Double) -> Double {
        bound.isFinite ? (bound - integralityTolerance).rounded(.up) : bound
    }

    static func integralUpperBound(_ bound: Double) -> Double {
        bound.isFinite ? (bound + integralityTolerance).rounded(.down) : bound
    }

    /// Whether some integer column has no integer between its bounds (the MIP is infeasible).
    static func hasEmptyIntegerDomain(_ mip: MIP) -> Bool {
        mip.columns.contains { $0.isInteger && integralLowerBound($0.lowerBound) > integralUpperBound($0.upperBound) }
    }

    static func messageLevel(_ level: MIPSolveOptions.LogLevel) -> Int32 {
        switch level {
        case .off: return Int32(GLP_MSG_OFF)
        case .errors: return Int32(GLP_MSG_ERR)
        case .normal: return Int32(GLP_MSG_ON)
        case .all: return Int32(GLP_MSG_ALL)
        }
    }

    /// Seconds → GLPK's milliseconds, at least 1, at most `Int32.max`.
    static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(max(1, min(Double(Int32.max), (seconds * 1000).rounded(.up))))
    }

    /// Runs the primal simplex; returns nil when the LP is optimal, else the final status.
    static func runSimplex(_ problem: OpaquePointer, options: MIPSolveOptions,
                           remainingSeconds: Double?) throws -> (MIPStatus, MIPTermination)? {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = messageLevel(options.logLevel)
        if let remainingSeconds { parameters.tm_lim = milliseconds(remainingSeconds) }
        var code: Int32 = 0
        let outcome = try check(vmp_simplex(problem, &parameters, &code), code, call: "glp_simplex",
                                outcomes: [.timeLimit, .iterationLimit])
        switch outcome {
        case .timeLimit: return (.timeLimitNoSolution, .timeLimit)
        case .iterationLimit: return (.noSolution, .iterationLimit)
        default: break
        }
        switch glp_get_status(problem) {
        case Int32(GLP_OPT): return nil
        case Int32(GLP_NOFEAS): return (.infeasible, .completed)
        case Int32(GLP_UNBND): return (.unbounded, .completed)
        default: return (.noSolution, .completed)
        }
    }

    static func solveMIP(_ mip: MIP, options: MIPSolveOptions,
                         fault: GLPKInjectedFault?) throws -> MIPResult {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let duration = clock.now - start
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        func remaining() -> Double? { options.timeLimit.map { $0 - elapsed() } }
        let maximize = mip.sense == .maximize
        if mip.columns.isEmpty {
            return MIPResult(status: .optimal, termination: .completed, objective: mip.objectiveOffset,
                             bestBound: mip.objectiveOffset, gap: 0, nodes: 0, seconds: elapsed())
        }
        if hasEmptyIntegerDomain(mip) && fault == nil {
            return MIPResult(status: .infeasible, termination: .completed, nodes: 0, seconds: elapsed())
        }

        var (result, log) = try withProblem(mip, logLevel: options.logLevel, echoLog: options.echoLog,
                                            fault: fault) { problem -> MIPResult in
            if let (status, termination) = try runSimplex(problem, options: options,
                                                          remainingSeconds: remaining()) {
                return MIPResult(status: status, termination: termination)
            }
            let relaxationBound = glp_get_obj_val(problem)
            let hasIntegerColumns = mip.columns.contains { $0.isInteger }
            if !hasIntegerColumns && fault == nil {
                let values = (0..<mip.columns.count).map { glp_get_col_prim(problem, Int32($0 + 1)) }
                return MIPResult(status: .optimal, termination: .completed, values: values)
            }
            if let left = remaining(), left <= 0 {
                return MIPResult(status: .timeLimitNoSolution, termination: .timeLimit,
                                 bestBound: relaxationBound)
            }

            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.msg_lev = messageLevel(options.logLevel)
            parameters.presolve = (options.presolve && options.incumbent == nil) ? GLP_ON : GLP_OFF
            parameters.gmi_cuts = options.cuts.gomory ? GLP_ON : GLP_OFF
            parameters.mir_cuts = options.cuts.mixedIntegerRounding ? GLP_ON : GLP_OFF
            parameters.clq_cuts = options.cuts.clique ? GLP_ON : GLP_OFF
            parameters.cov_cuts = options.cuts.cover ? GLP_ON : GLP_OFF
            parameters.fp_heur = GLP_OFF
            parameters.ps_heur = GLP_OFF
            if mip.columns.count > mostFractionalBranchingAbove { parameters.br_tech = GLP_BR_MFV }
            if let left = remaining() {
                parameters.tm_lim = milliseconds(left)
                parameters.ps_tm_lim = min(parameters.ps_tm_lim, parameters.tm_lim)
            }
            if let gap = options.relativeGap { parameters.mip_gap = gap }
            if fault == .negativeRelativeGap { parameters.mip_gap = -1 }

            var control = vmp_mip_control()
            control.maximize = maximize ? 1 : 0
            control.integral_objective = options.integralObjective ? 1 : 0
            if let target = options.stopAtObjective {
                control.has_stop_objective = 1
                control.stop_objective = target
            }
            // GLPK wants x[1...n] exactly integral on integer columns; x[0] is unused.
            let incumbent: [Double]? = options.incumbent.map { values in
                [0] + zip(mip.columns, values).map { column, value in
                    column.isInteger ? value.rounded() : value
                }
            }
            var code: Int32 = 0
            let guardStatus: Int32
            if let incumbent {
                guardStatus = incumbent.withUnsafeBufferPointer { buffer in
                    control.incumbent = buffer.baseAddress
                    defer { control.incumbent = nil }
                    return vmp_intopt(problem, &parameters, &control, &code)
                }
            } else {
                guardStatus = vmp_intopt(problem, &parameters, &control, &code)
            }
            let outcome = try check(guardStatus, code, call: "glp_intopt",
                                    outcomes: [.timeLimit, .relativeGapReached, .stoppedByCallback,
                                               .noPrimalFeasible, .noDualFeasible, .iterationLimit])
            let mipStatus = glp_mip_status(problem)
            let hasSolution = mipStatus == Int32(GLP_OPT) || mipStatus == Int32(GLP_FEAS)

            var result: MIPResult
            switch outcome {
            case .noPrimalFeasible:
                result = MIPResult(status: .infeasible, termination: .completed)
            case .noDualFeasible:
                result = MIPResult(status: .unbounded, termination: .completed)
            case .timeLimit:
                result = MIPResult(status: hasSolution ? .feasible : .timeLimitNoSolution,
                                   termination: .timeLimit)
            case .iterationLimit:
                result = MIPResult(status: hasSolution ? .feasible : .noSolution,
                                   termination: .iterationLimit)
            case .relativeGapReached:
                result = MIPResult(status: hasSolution ? .feasible : .noSolution,
                                   termination: .relativeGapReached)
            case .stoppedByCallback:
                let termination: MIPTermination = control.stopped_at_integral_bound != 0
                    ? .integralBoundReached : .objectiveTargetReached
                result = MIPResult(status: hasSolution ? .feasible : .noSolution, termination: termination)
            default:
                switch mipStatus {
                case Int32(GLP_OPT): result = MIPResult(status: .optimal, termination: .completed)
                case Int32(GLP_FEAS): result = MIPResult(status: .feasible, termination: .completed)
                case Int32(GLP_NOFEAS): result = MIPResult(status: .infeasible, termination: .completed)
                default: result = MIPResult(status: .noSolution, termination: .completed)
                }
            }
            if hasSolution && (result.status == .optimal || result.status == .feasible) {
                result.values = (0..<mip.columns.count).map { glp_mip_col_val(problem, Int32($0 + 1)) }
            }
            if result.status != .infeasible && result.status != .unbounded {
                var bound = relaxationBound
                if control.has_bound != 0 {
                    bound = maximize ? min(bound, control.bound) : max(bound, control.bound)
                }
                result.bestBound = bound
            }
            result.nodes = Int(control.node_count)
            if control.incumbent_status != 0 { result.incumbentAccepted = control.incumbent_status == 1 }
            return result
        }
        finish(&result, mip: mip, options: options)
        result.seconds = elapsed()
        result.log = log
        return result
    }

    /// ``LinearProgramming/MIPResult/reconcile(with:options:integralityTolerance:)``.
    static func finish(_ result: inout MIPResult, mip: MIP, options: MIPSolveOptions) {
        result.reconcile(with: mip, options: options, integralityTolerance: integralityTolerance)
    }

    static func solveLPRelaxation(_ mip: MIP, options: MIPSolveOptions) throws -> LPRelaxationResult {
        let clock = ContinuousClock()
        let start = clock.now
        if mip.columns.isEmpty {
            return LPRelaxationResult(status: .optimal, objective: mip.objectiveOffset, values: [],
                                      rowDuals: mip.rows.map { _ in 0 }, reducedCosts: [], seconds: 0, log: "")
        }
        let (result, log) = try withProblem(mip, logLevel: options.logLevel, echoLog: options.echoLog,
                                            roundIntegerBounds: false) { problem -> LPRelaxationResult in
            if let (status, _) = try runSimplex(problem, options: options,
                                                remainingSeconds: options.timeLimit) {
                return LPRelaxationResult(status: status, objective: nil, values: [], rowDuals: [],
                                          reducedCosts: [], seconds: 0, log: "")
            }
            let columns = (1...max(1, mip.columns.count)).prefix(mip.columns.count)
            let rows = (1...max(1, mip.rows.count)).prefix(mip.rows.count)
            return LPRelaxationResult(
                status: .optimal, objective: glp_get_obj_val(problem),
                values: columns.map { glp_get_col_prim(problem, Int32($0)) },
                rowDuals: rows.map { glp_get_row_dual(problem, Int32($0)) },
                reducedCosts: columns.map { glp_get_col_dual(problem, Int32($0)) },
                seconds: 0, log: "")
        }
        var finished = result
        let duration = clock.now - start
        finished.seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        finished.log = log
        return finished
    }

    /// The model as written to files (``LinearProgramming/MIP/fileModel(minimizeOnly:)``).
    static func exportModel(_ mip: MIP, minimizeOnly: Bool) -> MIP {
        mip.fileModel(minimizeOnly: minimizeOnly)
    }

    /// Writes through a GLPK writer to a temporary file beside `path`, then renames it.
    static func write(_ mip: MIP, to path: String, call: String,
                      _ writer: (OpaquePointer, UnsafePointer<CChar>, inout Int32) -> Int32) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // The random part goes first so that a ".gz" suffix (compression) is kept.
        let temporaryPath = directory + "/.tmp-\(UInt64.random(in: 0...UInt64.max))-" + url.lastPathComponent
        defer { unlink(temporaryPath) }
        let (_, log) = try withProblem(mip, logLevel: .errors, echoLog: false) { problem in
            var code: Int32 = 0
            let guardStatus = temporaryPath.withCString { writer(problem, $0, &code) }
            try check(guardStatus, code, call: call, writing: path)
        }
        _ = log
        if rename(temporaryPath, path) != 0 {
            throw GLPKError.file(path: path, message: "rename from \(temporaryPath) failed: "
                                 + String(cString: strerror(errno)))
        }
    }
}
