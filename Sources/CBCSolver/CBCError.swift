/// A failure inside CBC or CLP, caught in the C++ shim (never an abort).
public enum CBCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// CBC or CLP threw a C++ exception; the shim caught it.
    case exception(call: String, message: String)
    /// CBC or CLP returned no model.
    case noModel(call: String)
    /// The shim returned a code it does not document.
    case unexpected(call: String, code: Int32)

    public var description: String {
        switch self {
        case let .exception(call, message): return "\(call): CBC raised an error: \(message)"
        case let .noModel(call): return "\(call): CBC could not create a model"
        case let .unexpected(call, code): return "\(call): unexpected return code \(code)"
        }
    }

    /// Throws the error a shim return code stands for (`VMP_CBC_OK` returns).
    static func check(_ code: Int32, call: String, message: [CChar]) throws(CBCError) {
        switch code {
        case 0: return
        case 1: throw .exception(call: call, message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        case 2: throw .noModel(call: call)
        default: throw .unexpected(call: call, code: code)
        }
    }
}
