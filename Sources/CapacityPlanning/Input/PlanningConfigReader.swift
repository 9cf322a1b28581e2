import InstanceFormats
import PlacementModel

/// Reads a planning config (JSON): every problem reported with file, line, column and field,
/// unknown fields rejected.
///
///     { "sizing": "p95", "horizonDays": 1, "headroom": { "cpu": 0.1, "mem": 0.05 }, "failover": 1,
///       "forecast": "auto", "whatIfs": [ { "name": "grow 15 %", "growthPercent": 15 } ] }
///
/// - Complexity: O(size of the file).
public enum PlanningConfigReader {
    static let keys = ["sizing", "horizonDays", "slotMinutes", "headroom", "failover", "overloadThreshold", "forecast",
                       "upperQuantile", "bandSlots", "bandFromSlots", "backtestDays", "bandTarget", "calibrationDays", "migrationBudget", "idleCPUFraction", "oversizedFraction", "cpuPerVM",
                       "traceStartDate", "intervalSeconds", "maxGapSteps", "exactVMs", "exactTimeLimit", "chartVMs", "whatIfs", "description"]
    static let whatIfKeys = ["name", "addVMs", "removeHosts", "addHosts", "growthPercent"]

    public static func read(path: String) throws(InvalidInput) -> PlanningConfig {
        try decode(try TextFile.read(path: path), file: path)
    }

    public static func decode(_ text: String, file: String? = nil) throws(InvalidInput) -> PlanningConfig {
        let root: JSONNode
        do { root = try JSONParser.parse(text) } catch {
            throw InvalidInput([Diagnostic(path: "", "invalid JSON: \(error.message)", file: file, line: error.line, column: error.column)])
        }
        var fields = FieldReader(file: file)
        let config = fields.config(root)
        if !fields.problems.isEmpty { throw InvalidInput(fields.problems) }
        return config
    }
}

/// Walks the JSON tree, collecting every problem.
struct FieldReader {
    var file: String?
    var problems: [Diagnostic] = []

    mutating func fail(_ node: JSONNode, _ path: String, _ message: String) {
        problems.append(Diagnostic(path: path, message, file: file, line: node.line, column: node.column))
    }

    mutating func object(_ node: JSONNode, _ path: String, known: [String]) -> [(String, JSONNode)]? {
        guard case .object(let members) = node.value else { fail(node, path, "expected an object, found \(node.kindDescription)"); return nil }
        var seen: Set<String> = []
        for member in members {
            if !known.contains(member.key) { fail(member.value, join(path, member.key), "unknown field (expected one of \(known.joined(separator: ", ")))") }
            if !seen.insert(member.key).inserted { fail(member.value, join(path, member.key), "duplicate field") }
        }
        return members.map { ($0.key, $0.value) }
    }

    mutating func number(_ node: JSONNode, _ path: String, in range: ClosedRange<Double>) -> Double? {
        guard case .number(let v) = node.value else { fail(node, path, "expected a number, found \(node.kindDescription)"); return nil }
        guard range.contains(v) else { fail(node, path, "expected a number in [\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))], found \(formatNumber(v))"); return nil }
        return v
    }

    mutating func integer(_ node: JSONNode, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let v = number(node, path, in: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard v == v.rounded() else { fail(node, path, "expected an integer, found \(formatNumber(v))"); return nil }
        return Int(v)
    }

    mutating func string(_ node: JSONNode, _ path: String) -> String? {
        guard case .string(let s) = node.value else { fail(node, path, "expected a string, found \(node.kindDescription)"); return nil }
        return s
    }

    mutating func strings(_ node: JSONNode, _ path: String) -> [String]? {
        guard case .array(let items) = node.value else { fail(node, path, "expected an array of strings, found \(node.kindDescription)"); return nil }
        return items.enumerated().compactMap { string($1, "\(path)[\($0)]") }
    }

    mutating func fractions(_ node: JSONNode, _ path: String, in range: ClosedRange<Double>) -> [String: Double]? {
        guard case .object(let members) = node.value else { fail(node, path, "expected an object of dimension: fraction, found \(node.kindDescription)"); return nil }
        var result: [String: Double] = [:]
        for m in members { if let v = number(m.value, join(path, m.key), in: range) { result[m.key] = v } }
        return result
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func config(_ root: JSONNode) -> PlanningConfig {
        var c = PlanningConfig()
        guard let members = object(root, "", known: PlanningConfigReader.keys) else { return c }
        for (key, node) in members {
            switch key {
            case "sizing":
                if let s = string(node, key) {
                    if let v = SizingStatistic(rawValue: s) { c.sizing = v } else { fail(node, key, "expected peak, p95 or p99, found \"\(s)\"") }
                }
            case "horizonDays": if let v = integer(node, key, in: 1...28) { c.horizonDays = v }
            case "slotMinutes":
                if let v = integer(node, key, in: 5...1440) {
                    if 1440 % v == 0 { c.slotMinutes = v } else { fail(node, key, "expected a divisor of 1440 (minutes in a day), found \(v)") }
                }
            case "headroom": if let v = fractions(node, key, in: 0...0.9) { c.headroom = v }
            case "failover": if let v = integer(node, key, in: 0...16) { c.failover = v }
            case "overloadThreshold": if let v = fractions(node, key, in: 0.01...10) { c.overloadThreshold = v }
            case "forecast":
                if let s = string(node, key) {
                    if ForecasterCatalogue.isMethod(s) { c.forecast = s }
                    else { fail(node, key, "expected \(ForecasterCatalogue.methodList), found \"\(s)\"") }
                }
            case "upperQuantile": if let v = number(node, key, in: 0.5...1) { c.upperQuantile = v }
            case "bandFromSlots":
                if case .bool(let v) = node.value { c.bandFromSlots = v } else { fail(node, key, "expected true or false, found \(node.kindDescription)") }
            case "bandSlots":
                if let v = integer(node, key, in: 1...288) {
                    if 288 % v == 0 { c.bandSlots = v } else { fail(node, key, "expected a divisor of 288, found \(v)") }
                }
            case "backtestDays": if let v = integer(node, key, in: 1...14) { c.backtestDays = v }
            case "bandTarget": if let v = number(node, key, in: 0.5...0.999) { c.bandTarget = v }
            case "calibrationDays": if let v = integer(node, key, in: 0...14) { c.calibrationDays = v }
            case "migrationBudget": if let v = integer(node, key, in: 0...1_000_000) { c.migrationBudget = v }
            case "idleCPUFraction": if let v = number(node, key, in: 0...1) { c.idleCPUFraction = v }
            case "oversizedFraction": if let v = number(node, key, in: 0...1) { c.oversizedFraction = v }
            case "cpuPerVM": if let v = number(node, key, in: 1e-9...1e12) { c.cpuPerVM = v }
            case "traceStartDate":
                if let s = string(node, key) {
                    if let d = PlanningDate(s) { c.traceStartDate = d } else { fail(node, key, "expected a date YYYY-MM-DD, found \"\(s)\"") }
                }
            case "intervalSeconds": if let v = number(node, key, in: 1...86_400) { c.intervalSeconds = v }
            case "maxGapSteps": if let v = integer(node, key, in: 0...10_000) { c.maxGapSteps = v }
            case "exactVMs": if let v = integer(node, key, in: 0...500) { c.exactVMs = v }
            case "exactTimeLimit": if let v = number(node, key, in: 0.1...3600) { c.exactTimeLimit = v }
            case "chartVMs": if let v = integer(node, key, in: 0...50) { c.chartVMs = v }
            case "whatIfs":
                guard case .array(let items) = node.value else { fail(node, key, "expected an array of scenarios, found \(node.kindDescription)"); continue }
                c.whatIfs = items.enumerated().compactMap { whatIf($1, "whatIfs[\($0)]") }
            default: break   // "description"
            }
        }
        return c
    }

    mutating func whatIf(_ node: JSONNode, _ path: String) -> WhatIfScenario? {
        guard let members = object(node, path, known: PlanningConfigReader.whatIfKeys) else { return nil }
        var s = WhatIfScenario(name: "")
        var named = false
        for (key, value) in members {
            let p = join(path, key)
            switch key {
            case "name": if let v = string(value, p) { s.name = v; named = !v.isEmpty }
            case "growthPercent": if let v = number(value, p, in: -99...10_000) { s.growthPercent = v }
            case "removeHosts": if let v = strings(value, p) { s.removeHosts = v }
            case "addVMs":
                guard let fields = object(value, p, known: ["count", "demand", "cloneOf"]) else { continue }
                for (k, v) in fields {
                    switch k {
                    case "count": if let n = integer(v, join(p, k), in: 0...1_000_000) { s.addVMCount = n }
                    case "cloneOf": s.cloneOf = string(v, join(p, k))
                    default:
                        guard case .array(let items) = v.value else { fail(v, join(p, k), "expected an array with one number per dimension"); continue }
                        s.addVMDemand = items.enumerated().compactMap { number($1, "\(join(p, k))[\($0)]", in: 0...1e15) }
                    }
                }
                if (s.addVMDemand == nil) == (s.cloneOf == nil) { fail(value, p, "expected exactly one of demand or cloneOf") }
            case "addHosts":
                guard let fields = object(value, p, known: ["count", "like"]) else { continue }
                for (k, v) in fields {
                    if k == "count" { if let n = integer(v, join(p, k), in: 0...1_000_000) { s.addHostCount = n } }
                    else { s.addHostLike = string(v, join(p, k)) }
                }
            default: break
            }
        }
        if !named { fail(node, join(path, "name"), "expected a non-empty name") }
        return s
    }
}
