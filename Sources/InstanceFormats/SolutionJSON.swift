import Foundation
import PlacementModel
import struct PlacementModel.Host

/// The vmplace solution format (JSON). Top-level keys scripts rely on: `status` (optimal |
/// feasible | infeasible | timeLimit | error), `objective`, `bound` (null when none), `hostsUsed`,
/// `migrations`, `placement` (VM id → host id, null when unplaced), `plan` (when the placement
/// differs from the current one), `hosts` (per-host utilisation) and `checker`.
public enum SolutionJSON {
    /// Renders a solution. `plan` and `planSummary` come from the Migration module; `violations`
    /// from ``PlacementChecker`` (an empty list is written as `"passed": true`).
    public static func encode(instance: Instance, result: SolveResult, violations: [Violation],
                              plan: MigrationPlan? = nil, planSummary: [(String, JSONOutput)] = []) -> String {
        var top: [(String, JSONOutput)] = [
            ("format", .string("vmplace-solution")), ("version", .number(1)),
            ("instance", .string(instance.name)), ("goal", .string(result.goal.rawValue)),
            ("method", .string(result.method)), ("status", .string(result.status.rawValue)),
            ("objective", .optionalNumber(result.objective)), ("bound", .optionalNumber(result.bound)),
        ]
        if let objective = result.objective, let bound = result.bound {
            let gap = abs(objective) > 1e-12 ? max(0, (objective - bound) / abs(objective)) : (objective == bound ? 0 : 1)
            top.append(("gap", .number(gap)))
        } else {
            top.append(("gap", .null))
        }
        let placement = result.placement
        if let placement {
            top.append(("hostsUsed", .number(Double(placement.usedHosts.count))))
            top.append(("hostCost", .number(instance.hostCost(placement))))
            top.append(("migrations", .number(Double(instance.migrationCount(placement)))))
            top.append(("forcedMigrations", .number(Double(instance.forcedMigrations.count(instance, placement).forced))))
            top.append(("migrationCost", .number(instance.totalMigrationCost(placement))))
            top.append(("maximumUtilisation", .number(instance.maximumUtilisation(placement))))
            top.append(("placement", .object(instance.vms.indices.map { v in
                (instance.vms[v].id, placement[v].map { .string(instance.hosts[$0].id) } ?? .null)
            })))
        } else {
            top += [("hostsUsed", .null), ("hostCost", .null), ("migrations", .null), ("forcedMigrations", .null), ("migrationCost", .null),
                    ("maximumUtilisation", .null), ("placement", .null)]
        }
        top.append(("unplaced", .array(result.unplaced.map {
            .object([("vm", .string(instance.vms[$0.vm].id)), ("reason", .string($0.reason))])
        })))
        if let plan {
            var fields: [(String, JSONOutput)] = [("waves", .array(plan.waves.map { wave in
                .array(wave.map { move in
                    var fields: [(String, JSONOutput)] = [("vm", .string(instance.vms[move.vm].id)),
                                                          ("from", .string(instance.hosts[move.from].id)),
                                                          ("to", .string(instance.hosts[move.to].id))]
                    if let e = move.estimate {
                        fields += [("seconds", .number(e.totalSeconds)), ("downtimeSeconds", .number(e.downtimeSeconds)),
                                   ("transferredMiB", .number(e.transferredMiB))]
                    }
                    return .object(fields)
                })
            }))]
            fields.append(("blocked", .array(plan.blocked.map {
                .object([("vm", .string(instance.vms[$0.vm].id)), ("from", .string(instance.hosts[$0.from].id)),
                         ("to", .string(instance.hosts[$0.to].id)), ("reason", .string($0.reason))])
            })))
            top.append(("plan", .object(planSummary + fields)))
        } else {
            top.append(("plan", .null))
        }
        if let placement {
            let loads = instance.hostLoads(placement)
            let byHost = placement.vmsByHost(hostCount: instance.hosts.count)
            top.append(("hosts", .array(instance.hosts.indices.filter { !byHost[$0].isEmpty }.map { h in
                .object([("id", .string(instance.hosts[h].id)), ("vms", .number(Double(byHost[h].count))),
                         ("load", .numbers(loads[h].values)),
                         ("utilisation", .numbers(loads[h].normalized(by: instance.hosts[h].capacity)))])
            })))
        } else {
            top.append(("hosts", .array([])))
        }
        top.append(("checker", .object([("passed", .bool(violations.isEmpty)),
                                        ("violations", .array(violations.map { .string($0.description) }))])))
        top.append(("notes", .array(result.notes.map { .string($0) })))
        return JSONOutput.object(top).rendered()
    }

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
