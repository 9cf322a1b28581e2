import CGLPK
import GLPKShim

/// A failure of the GLPK backend (the model itself was valid; see ``LinearProgramming/MIPError``).
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GLPK raised an error (it would have aborted the process). The thread's GLPK environment
    /// was freed and rebuilt; the process and other threads are unaffected.
    case raised(call: String, message: String)
    /// A GLPK routine returned a failure code.
    case failed(call: String, code: Int32, meaning: String)
    /// Writing or renaming a file failed.
    case file(path: String, message: String)

    public var description: String {
        switch self {
        case let .raised(call, message):
            return "GLPK raised an error in \(call): \(message.trimmingTrailingNewlines)"
        case let .failed(call, code, meaning):
            return "\(call) failed with GLPK code \(code) (\(meaning))"
        case let .file(path, message):
            return "cannot write \(path): \(message)"
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}

/// GLPK routine return codes (glpk.h) that this backend distinguishes.
enum GLPKReturnCode: Int32, Sendable {
    case success = 0
    case invalidBasis = 0x01          // GLP_EBADB
    case singularMatrix = 0x02        // GLP_ESING
    case illConditioned = 0x03        // GLP_ECOND
    case invalidBounds = 0x04         // GLP_EBOUND
    case solverFailed = 0x05          // GLP_EFAIL
    case objectiveLowerLimit = 0x06   // GLP_EOBJLL
    case objectiveUpperLimit = 0x07   // GLP_EOBJUL
    case iterationLimit = 0x08        // GLP_EITLIM
    case timeLimit = 0x09             // GLP_ETMLIM
    case noPrimalFeasible = 0x0A      // GLP_ENOPFS
    case noDualFeasible = 0x0B        // GLP_ENODFS
    case rootLPNotOptimal = 0x0C      // GLP_EROOT
    case stoppedByCallback = 0x0D     // GLP_ESTOP
    case relativeGapReached = 0x0E    // GLP_EMIPGAP
    case noFeasible = 0x0F            // GLP_ENOFEAS
    case noConvergence = 0x10         // GLP_ENOCVG
    case instability = 0x11           // GLP_EINSTAB
    case invalidData = 0x12           // GLP_EDATA
    case outOfRange = 0x13            // GLP_ERANGE

    var meaning: String {
        switch self {
        case .success: return "success"
        case .invalidBasis: return "invalid basis"
        case .singularMatrix: return "singular basis matrix"
        case .illConditioned: return "ill-conditioned basis matrix"
        case .invalidBounds: return "invalid bounds"
        case .solverFailed: return "solver failed"
        case .objectiveLowerLimit: return "objective lower limit reached"
        case .objectiveUpperLimit: return "objective upper limit reached"
        case .iterationLimit: return "iteration limit exceeded"
        case .timeLimit: return "time limit exceeded"
        case .noPrimalFeasible: return "no primal feasible solution"
        case .noDualFeasible: return "no dual feasible solution"
        case .rootLPNotOptimal: return "optimal basis for the root LP relaxation not provided"
        case .stoppedByCallback: return "search terminated by the application"
        case .relativeGapReached: return "relative MIP gap tolerance reached"
        case .noFeasible: return "no primal/dual feasible solution"
        case .noConvergence: return "no convergence"
        case .instability: return "numerical instability"
        case .invalidData: return "invalid data"
        case .outOfRange: return "result out of range"
        }
    }
}

/// The single place where GLPK outcomes become Swift values or errors.
///
/// - Parameters:
///   - guardStatus: the shim's status (`VMP_CALL_OK` or `VMP_CALL_GLPK_ERROR`).
///   - returnCode: the GLPK routine's own return code.
///   - call: the routine's name, for messages.
///   - outcomes: return codes that describe an outcome of the model rather than a failure;
///     any other non-zero code throws.
///   - writing: for the file writers, whose return code is just zero or non-zero: the target
///     path, reported in ``GLPKError/file(path:message:)`` with GLPK's message.
/// - Returns: the return code, when it is success or one of `outcomes`.
@discardableResult
func check(_ guardStatus: Int32, _ returnCode: Int32 = 0, call: String,
           outcomes: Set<GLPKReturnCode> = [], writing path: String? = nil) throws(GLPKError)
    -> GLPKReturnCode
{
    if guardStatus != Int32(VMP_CALL_OK) {
        throw .raised(call: call, message: String(cString: vmp_error_text()))
    }
    if let path, returnCode != 0 {
        throw .file(path: path, message: "\(call) returned \(returnCode): "
                    + String(cString: vmp_log_text()).trimmingTrailingNewlines)
    }
    guard let code = GLPKReturnCode(rawValue: returnCode) else {
        throw .failed(call: call, code: returnCode, meaning: "unknown return code")
    }
    if code == .success || outcomes.contains(code) { return code }
    throw .failed(call: call, code: returnCode, meaning: code.meaning)
}
