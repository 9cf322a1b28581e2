import Foundation
import PlacementModel
import struct PlacementModel.Host

/// VPSolver's `.vbp` vector bin packing format (Brandão & Pedroso): whitespace-separated integers —
/// the number of dimensions d; d bin capacities; the number of item types m; then m lines of d
/// weights followed by the demand (multiplicity) of the type.
///
/// Reading has three layers, each usable on its own:
/// 1. ``tokens(_:)`` — the words of the text with their line and column and integer value;
/// 2. ``parse(_:file:)`` — the file's structure (``Document``): every number kept with its
///    position, only the counts that shape the structure checked;
/// 3. ``decode(_:file:name:options:)`` — parse, then the checks on every value (capacities ≥ 1,
///    weights and demands ≥ 0, all ≤ 1e15, at most ``InstanceJSON/maximumEntities`` items) and
///    ``InstanceValidator``. ``DecodingOptions`` holds the one documented lenience: published
///    files with negative weights (77 Caprara triplet files) can be read with those weights
///    clamped to 0, each clamped weight reported as a warning with its position.
///
/// Import: item types with multiplicity become VMs (`t<type>` or `t<type>-<copy>`), bins become
/// identical hosts (`h1`…, as many as items, so every packing is representable), dimensions
/// `d1`…`dd`. Export requires identical hosts and integral demands; VMs with equal demand vectors
/// form one item type.
public enum VBPFormat {
    /// One whitespace-separated word of a `.vbp` text.
    public struct Token: Sendable, Hashable {
        /// The word as written.
        public var text: String
        /// Its value when it is an integer (that fits 64 bits), else nil.
        public var value: Int?
        /// 1-based position of the first character.
        public var line: Int
        public var column: Int
    }

    /// One item type: d weights and the demand (multiplicity), each with its position.
    public struct ItemType: Sendable, Hashable {
        public var weights: [Token]
        public var demand: Token
    }

    /// A `.vbp` file's structure, numbers unchecked (every token holds an integer).
    public struct Document: Sendable, Hashable {
        public var dimensionCount: Token
        public var capacities: [Token]
        public var itemCount: Token
        public var itemTypes: [ItemType]
    }

    /// What ``decode(_:file:name:options:)`` may accept beyond the format's rules.
    public struct DecodingOptions: Sendable, Hashable {
        /// Negative item weights are read as 0 instead of rejected. Some published benchmark
        /// files hold them (77 of the Caprara triplet files); clamping only enlarges items, so
        /// every packing of the clamped instance is feasible for the original one and its host
        /// count a valid, possibly pessimistic, result for it. Capacities and demands
        /// (multiplicities) are never clamped.
        public var clampNegativeWeights: Bool
        /// At most this many items (``InstanceJSON/maximumEntities``, the default, or lower; a
        /// larger value is treated as the default).
        public var maximumItems: Int
        public init(clampNegativeWeights: Bool = false, maximumItems: Int = InstanceJSON.maximumEntities) {
            self.clampNegativeWeights = clampNegativeWeights
            self.maximumItems = min(max(maximumItems, 0), InstanceJSON.maximumEntities)
        }
        /// The format's rules, nothing more (the default).
        public static let strict = DecodingOptions()
        /// Negative weights read as 0 (see ``clampNegativeWeights``).
        public static let clampingNegativeWeights = DecodingOptions(clampNegativeWeights: true)
    }

    /// A decoded file: the instance and what the options let through.
    public struct Decoding: Sendable {
        public var instance: Instance
        /// One warning per clamped weight, with file, line and column (empty with ``DecodingOptions/strict``).
        public var clampedWeights: [Diagnostic]
    }

    /// The words of `text` (separated by spaces, tabs, carriage returns and line feeds, so CRLF
    /// files read like LF files) with their 1-based line and column (in Unicode scalars) and
    /// their integer value.
    /// - Complexity: O(length of the text).
    public static func tokens(_ text: String) -> [Token] {
        // Unicode scalars, not Characters: "\r\n" is one Character and would hide the line break.
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        var line = 1, column = 1, startColumn = 1
        func flush() {
            guard !word.isEmpty else { return }
            let text = String(word)
            tokens.append(Token(text: text, value: Int(text), line: line, column: startColumn))
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                flush()
                line += 1
                column = 1
                continue
            case " ", "\t", "\r":
                flush()
            default:
                if word.isEmpty { startColumn = column }
                word.append(scalar)
            }
            column += 1
        }
        flush()
        return tokens
    }

    /// The structure of a `.vbp` text. Errors name the line and column and what was expected:
    /// a word that is not an integer, a file that ends early or goes on after the last item
    /// type, a number of dimensions below 1 or of item types below 0.
    /// - Complexity: O(length of the text).
    public static func parse(_ text: String, file: String? = nil) throws(InvalidInput) -> Document {
        let tokens = tokens(text)
        var position = 0
        let lastLine = text.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        func next(_ what: String) throws(InvalidInput) -> Token {
            guard position < tokens.count else { throw failure("unexpected end of file: \(what) expected", file: file, line: lastLine, column: 1) }
            let token = tokens[position]
            position += 1
            guard token.value != nil else { throw failure("\(what) expected (an integer), found \"\(token.text)\"", file: file, at: token) }
            return token
        }
        func count(_ what: String, minimum: Int) throws(InvalidInput) -> (Token, Int) {
            let token = try next(what)
            let value = token.value ?? 0
            guard value >= minimum else { throw failure("\(what) must be ≥ \(minimum), got \(value)", file: file, at: token) }
            return (token, value)
        }
        let (dimensionToken, d) = try count("number of dimensions", minimum: 1)
        if d > InstanceJSON.maximumDimensions {
            throw failure("\(d) dimensions, more than the limit of \(InstanceJSON.maximumDimensions)", file: file, at: dimensionToken)
        }
        var capacities: [Token] = []
        for k in 0..<d { capacities.append(try next("capacity of dimension \(k + 1)")) }
        let (itemToken, m) = try count("number of item types", minimum: 0)
        var types: [ItemType] = []
        for t in 0..<m {
            var weights: [Token] = []
            for k in 0..<d { weights.append(try next("item type \(t + 1) weight \(k + 1)")) }
            types.append(ItemType(weights: weights, demand: try next("item type \(t + 1) demand (multiplicity)")))
        }
        if position < tokens.count {
            throw failure("unexpected \"\(tokens[position].text)\" after the \(m) item types", file: file, at: tokens[position])
        }
        return Document(dimensionCount: dimensionToken, capacities: capacities, itemCount: itemToken, itemTypes: types)
    }

    /// Parses a `.vbp` text and checks it; strict by default. Errors name the line and column
    /// and what was expected.
    public static func decode(_ text: String, file: String? = nil, name: String? = nil) throws(InvalidInput) -> Instance {
        try decode(text, file: file, name: name, options: .strict).instance
    }

    /// Parses a `.vbp` text and checks it under `options`; the result lists what the options
    /// let through.
    public static func decode(_ text: String, file: String? = nil, name: String? = nil,
                              options: DecodingOptions) throws(InvalidInput) -> Decoding {
        let document = try parse(text, file: file)
        var clamped: [Diagnostic] = []
        // Every bad value is reported (one run shows all); a bad value reads as 0 meanwhile.
        var problems: [Diagnostic] = []
        func checked(_ token: Token, _ what: @autoclosure () -> String, minimum: Int, clamp: Bool = false) -> Int {
            let value = token.value ?? 0
            if clamp, value < 0 {
                clamped.append(Diagnostic(.warning, path: "", "\(what()) \(value) clamped to 0", file: file, line: token.line, column: token.column))
                return 0
            }
            // Values as large as the model accepts (InstanceValidator.maximumMagnitude).
            let problem = value < minimum ? "must be ≥ \(minimum)" : value > 1_000_000_000_000_000 ? "must be ≤ 1e15" : nil
            guard let problem else { return value }
            problems.append(Diagnostic(.error, path: "", "\(what()) \(problem), got \(value)", file: file, line: token.line, column: token.column))
            return 0
        }
        let d = document.capacities.count
        var capacity: [Double] = []
        for (k, token) in document.capacities.enumerated() { capacity.append(Double(checked(token, "capacity of dimension \(k + 1)", minimum: 1))) }
        let capacityBad = !problems.isEmpty
        var vms: [VirtualMachine] = []
        /// The item type of every VM, to put the validator's findings at the type's line.
        var typeOfVM: [Int] = []
        for (t, type) in document.itemTypes.enumerated() {
            var weights: [Double] = []
            for (k, token) in type.weights.enumerated() {
                weights.append(Double(checked(token, "item type \(t + 1) weight \(k + 1)", minimum: 0, clamp: options.clampNegativeWeights)))
            }
            let count = checked(type.demand, "item type \(t + 1) demand (multiplicity)", minimum: 0)
            let limit = min(options.maximumItems, InstanceJSON.maximumEntities)
            if count > limit - vms.count {
                throw failure("item type \(t + 1) demand \(count) takes the instance past the limit of \(limit) items (\(vms.count) before this type)", file: file, at: type.demand)
            }
            for c in 0..<count {
                vms.append(VirtualMachine(id: count == 1 ? "t\(t + 1)" : "t\(t + 1)-\(c + 1)", demand: ResourceVector(weights)))
                typeOfVM.append(t)
            }
        }
        // With a bad capacity every item would "fit no host": stop at the value errors then.
        if capacityBad { throw InvalidInput(problems) }
        let hostCount = max(1, vms.count)
        let hosts = (0..<hostCount).map { Host(id: "h\($0 + 1)", capacity: ResourceVector(capacity)) }
        let instance = Instance(name: name ?? file.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "vbp",
                                dimensions: (0..<d).map { "d\($0 + 1)" }, hosts: hosts, vms: vms)
        let errors = InstanceValidator.validate(instance).filter { $0.severity == .error }.map {
            locate($0, in: document, typeOfVM: typeOfVM, file: file)
        }
        if !problems.isEmpty || !errors.isEmpty { throw InvalidInput(problems + errors) }
        return Decoding(instance: instance, clampedWeights: clamped)
    }

    /// A validator finding in the file's own terms: `vms[v]…` becomes the line and column of VM
    /// v's item type (its first weight) and "item type t"; other findings get the file's name.
    static func locate(_ diagnostic: Diagnostic, in document: Document, typeOfVM: [Int], file: String?) -> Diagnostic {
        var located = diagnostic
        located.file = file
        guard diagnostic.path.hasPrefix("vms["), let close = diagnostic.path.firstIndex(of: "]"),
              let v = Int(diagnostic.path[diagnostic.path.index(diagnostic.path.startIndex, offsetBy: 4)..<close]),
              typeOfVM.indices.contains(v) else { return located }
        let type = document.itemTypes[typeOfVM[v]]
        let token = type.weights.first ?? type.demand
        located.path = ""
        located.line = token.line
        located.column = token.column
        located.message = "item type \(typeOfVM[v] + 1): " + diagnostic.message
        return located
    }

    static func failure(_ message: String, file: String?, at token: Token) -> InvalidInput {
        failure(message, file: file, line: token.line, column: token.column)
    }

    static func failure(_ message: String, file: String?, line: Int, column: Int) -> InvalidInput {
        InvalidInput([Diagnostic(.error, path: "", message, file: file, line: line, column: column)])
    }

    /// Reads a `.vbp` file (strict).
    public static func read(path: String) throws(InvalidInput) -> Instance {
        try read(path: path, options: .strict).instance
    }

    /// Reads a `.vbp` file under `options`.
    public static func read(path: String, options: DecodingOptions) throws(InvalidInput) -> Decoding {
        let text = try TextFile.read(path: path)
        return try decode(text, file: path, options: options)
    }

    /// The instance as `.vbp` text. Throws when hosts differ in capacity or a value is not an integer;
    /// rules, current placement and costs have no place in the format and are dropped (the returned
    /// list says which).
    public static func encode(_ instance: Instance) throws(InvalidInput) -> (text: String, dropped: [String]) {
        var problems: [Diagnostic] = []
        guard let first = instance.hosts.first else {
            throw InvalidInput([Diagnostic(.error, path: "hosts", ".vbp needs at least one host")])
        }
        for (h, host) in instance.hosts.enumerated() where host.capacity != first.capacity {
            problems.append(Diagnostic(.error, path: "hosts[\(h)].capacity", ".vbp needs identical hosts: \(host.id) has \(host.capacity), \(first.id) has \(first.capacity)"))
            break
        }
        func integral(_ value: Double) -> Bool { value == value.rounded() && abs(value) < 1e15 }
        for (k, value) in first.capacity.values.enumerated() where !integral(value) {
            problems.append(Diagnostic(.error, path: "hosts[0].capacity[\(k)]", ".vbp needs integers, got \(formatNumber(value))"))
        }
        for (v, vm) in instance.vms.enumerated() {
            for (k, value) in vm.demand.values.enumerated() where !integral(value) {
                problems.append(Diagnostic(.error, path: "vms[\(v)].demand[\(k)]", ".vbp needs integers, got \(formatNumber(value))"))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        var types: [[Double]] = []
        var counts: [[Double]: Int] = [:]
        for vm in instance.vms {
            if counts[vm.demand.values] == nil { types.append(vm.demand.values) }
            counts[vm.demand.values, default: 0] += 1
        }
        func integerText(_ values: [Double]) -> String { values.map { String(Int64($0)) }.joined(separator: " ") }
        var text = "\(instance.dimensionCount)\n\(integerText(first.capacity.values))\n\(types.count)\n"
        for type in types { text += "\(integerText(type)) \(counts[type]!)\n" }
        var dropped: [String] = []
        if instance.hasCurrentPlacement { dropped.append("current placement") }
        if !instance.antiAffinity.isEmpty || !instance.affinity.isEmpty { dropped.append("affinity rules") }
        if instance.vms.contains(where: { $0.allowedHosts != nil || !$0.forbiddenHosts.isEmpty || $0.pinned }) { dropped.append("host restrictions") }
        if !instance.traffic.isEmpty { dropped.append("traffic") }
        if !instance.sharedMemory.isEmpty { dropped.append("memory sharing") }
        if instance.hosts.contains(where: { $0.state != .on || $0.openCost != 1 }) { dropped.append("host states and costs") }
        return (text, dropped)
    }
}
