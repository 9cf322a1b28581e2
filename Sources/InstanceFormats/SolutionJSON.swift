import Foundation
import PlacementModel
import struct PlacementModel.Host

/// Reading the vmplace solution format (JSON): the placement, the plan and the values a solution
/// reports about itself. The format is written by `SolvePipeline.Solution` (typed, Codable); its
/// top-level keys: `status` (optimal | feasible | infeasible | timeLimit | error), `termination`,
/// `objective`, `bound` (null when none), `hostsUsed`, `migrations`, `placement` (VM id → host id,
/// null when unplaced), `plan` (when the placement differs from the current one), `hosts`
/// (per-host utilisation) and `checker`.
public enum SolutionJSON {
    /// Reads the `placement` of a solution file (or of a bare `{"vm": "host"}` object) against
    /// `instance`. Every unknown VM or host id and every VM missing from the placement is reported.
    public static func decodePlacement(_ text: String, instance: Instance, file: String? = nil) throws(InvalidInput) -> Placement {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "malformed JSON: \(error.message)", file: file, line: error.line, column: error.column)])
        }
        let reader = JSONFieldReader(file: file)
        var mapping: [(key: String, value: JSONNode)] = []
        var basePath = ""
        guard case .object(let members) = root.value else {
            throw InvalidInput([Diagnostic(.error, path: "", "a solution object expected, found \(root.kindDescription)", file: file, line: root.line, column: root.column)])
        }
        if let entry = members.first(where: { $0.key == "placement" }) {
            basePath = "placement"
            guard case .object(let inner) = entry.value.value else {
                throw InvalidInput([Diagnostic(.error, path: "placement", "an object (VM id → host id) expected, found \(entry.value.kindDescription)", file: file, line: entry.value.line, column: entry.value.column)])
            }
            mapping = inner
        } else {
            mapping = members
        }
        let vmIndex = Dictionary(instance.vms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let hostIndex = Dictionary(instance.hosts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var placement = Placement.empty(instance.vms.count)
        var seen = Set<Int>()
        for (key, node) in mapping {
            let path = basePath.isEmpty ? key : "\(basePath).\(key)"
            guard let vm = vmIndex[key] else {
                reader.error(path, node, "unknown VM \"\(key)\"")
                continue
            }
            if !seen.insert(vm).inserted { reader.error(path, node, "VM \"\(key)\" listed twice") }
            if case .null = node.value { continue }
            guard let hostID = reader.string(node, path) else { continue }
            guard let host = hostIndex[hostID] else {
                reader.error(path, node, "unknown host \"\(hostID)\"")
                continue
            }
            placement[vm] = host
        }
        let missing = instance.vms.indices.filter { !seen.contains($0) }
        if !missing.isEmpty {
            let names = missing.prefix(5).map { instance.vms[$0].id }.joined(separator: ", ")
            reader.error(basePath, root, "\(missing.count) VM(s) missing from the placement: \(names)\(missing.count > 5 ? ", …" : "") (give null for an unplaced VM)")
        }
        if !reader.diagnostics.isEmpty { throw InvalidInput(reader.diagnostics) }
        return placement
    }

    /// Reads a solution file's placement (see ``decodePlacement(_:instance:file:)``).
    public static func readPlacement(path: String, instance: Instance) throws(InvalidInput) -> Placement {
        let text = try TextFile.read(path: path)
        return try decodePlacement(text, instance: instance, file: path)
    }
}

extension SolutionJSON {
    /// Reads the `plan` of a solution (waves of `{vm, from, to}` moves and `blocked` moves), or
    /// `nil` when the solution has none. Unknown ids are reported with their JSON path.
    public static func decodePlan(_ text: String, instance: Instance, file: String? = nil) throws(InvalidInput) -> MigrationPlan? {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "malformed JSON: \(error.message)", file: file, line: error.line, column: error.column)])
        }
        guard case .object(let members) = root.value, let planNode = members.first(where: { $0.key == "plan" })?.value else { return nil }
        if case .null = planNode.value { return nil }
        let reader = JSONFieldReader(file: file)
        let vmIndex = Dictionary(instance.vms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let hostIndex = Dictionary(instance.hosts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func reference(_ fields: [String: (node: JSONNode, path: String)], _ key: String, _ index: [String: Int], what: String,
                       parent: JSONNode, path: String) -> Int? {
            guard let field = reader.required(fields, key, in: path, parent: parent, what: what),
                  let id = reader.string(field.node, field.path) else { return nil }
            guard let value = index[id] else { reader.error(field.path, field.node, "unknown \(what) \"\(id)\""); return nil }
            return value
        }
        var plan = MigrationPlan()
        // Summary fields written by the planner are accepted and ignored.
        guard case .object(let planMembers) = planNode.value else {
            throw InvalidInput([Diagnostic(.error, path: "plan", "an object expected, found \(planNode.kindDescription)", file: file, line: planNode.line, column: planNode.column)])
        }
        if let wavesNode = planMembers.first(where: { $0.key == "waves" })?.value, let waves = reader.array(wavesNode, "plan.waves") {
            for wave in waves {
                guard let moves = reader.array(wave.node, wave.path) else { continue }
                var parsed: [MigrationMove] = []
                for move in moves {
                    guard let fields = reader.object(move.node, move.path, known: ["vm", "from", "to", "seconds", "downtimeSeconds", "transferredMiB", "copiesDisk", "reconfiguresIP", "via"]) else { continue }
                    let vm = reference(fields, "vm", vmIndex, what: "VM", parent: move.node, path: move.path)
                    let from = reference(fields, "from", hostIndex, what: "host", parent: move.node, path: move.path)
                    let to = reference(fields, "to", hostIndex, what: "host", parent: move.node, path: move.path)
                    if let vm, let from, let to { parsed.append(MigrationMove(vm: vm, from: from, to: to)) }
                }
                plan.waves.append(parsed)
            }
        }
        if let blockedNode = planMembers.first(where: { $0.key == "blocked" })?.value, let blocked = reader.array(blockedNode, "plan.blocked") {
            for item in blocked {
                guard let fields = reader.object(item.node, item.path, known: ["vm", "from", "to", "reason"]) else { continue }
                let vm = reference(fields, "vm", vmIndex, what: "VM", parent: item.node, path: item.path)
                let from = reference(fields, "from", hostIndex, what: "host", parent: item.node, path: item.path)
                let to = reference(fields, "to", hostIndex, what: "host", parent: item.node, path: item.path)
                let reason = fields["reason"].flatMap { reader.string($0.node, $0.path, maximumBytes: JSONParser.maximumStringBytes) } ?? ""
                if let vm, let from, let to { plan.blocked.append(.init(vm: vm, from: from, to: to, reason: reason)) }
            }
        }
        if !reader.diagnostics.isEmpty { throw InvalidInput(reader.diagnostics) }
        return plan
    }

    public static func readPlan(path: String, instance: Instance) throws(InvalidInput) -> MigrationPlan? {
        let text = try TextFile.read(path: path)
        return try decodePlan(text, instance: instance, file: path)
    }
}

extension SolutionJSON {
    /// What a solution file says about itself: the values `vmplace check` recomputes and
    /// compares (nil where the file gives none, e.g. a bare placement object).
    public struct ReportedValues: Sendable, Hashable {
        public var goal: Goal?
        public var status: SolutionStatus?
        public var objective: Double?
        public var bound: Double?
        public var hostsUsed: Int?
        public var migrations: Int?
    }

    /// Reads the reported values of a solution. A field of the wrong type or an unknown goal or
    /// status is reported with its JSON path, line and column.
    public static func decodeReportedValues(_ text: String, file: String? = nil) throws(InvalidInput) -> ReportedValues {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "malformed JSON: \(error.message)", file: file, line: error.line, column: error.column)])
        }
        var values = ReportedValues()
        guard case .object(let members) = root.value, members.contains(where: { $0.key == "placement" }) else { return values }
        let reader = JSONFieldReader(file: file)
        func field(_ key: String) -> JSONNode? {
            guard let node = members.first(where: { $0.key == key })?.value else { return nil }
            if case .null = node.value { return nil }
            return node
        }
        func count(_ key: String) -> Int? {
            guard let node = field(key), let value = reader.number(node, key) else { return nil }
            guard value >= 0, value == value.rounded(), value < 1e15 else {
                reader.error(key, node, "a whole number ≥ 0 expected, found \(JSONOutput.format(value))")
                return nil
            }
            return Int(value)
        }
        if let node = field("goal"), let name = reader.string(node, "goal") {
            values.goal = Goal(rawValue: name)
            if values.goal == nil { reader.error("goal", node, "unknown goal \"\(name)\"; expected \(Goal.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        if let node = field("status"), let name = reader.string(node, "status") {
            values.status = SolutionStatus(rawValue: name)
            if values.status == nil { reader.error("status", node, "unknown status \"\(name)\"; expected optimal, feasible, infeasible, timeLimit or error") }
        }
        values.objective = field("objective").flatMap { reader.number($0, "objective") }
        values.bound = field("bound").flatMap { reader.number($0, "bound") }
        values.hostsUsed = count("hostsUsed")
        values.migrations = count("migrations")
        if !reader.diagnostics.isEmpty { throw InvalidInput(reader.diagnostics) }
        return values
    }
}
