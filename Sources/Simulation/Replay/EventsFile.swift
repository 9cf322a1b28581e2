import Foundation
import InstanceFormats
import PlacementModel

/// Reads an events file (JSON, schema `Instances/events.schema.json`):
///
///     { "format": "vmplace-events", "version": 1,
///       "events": [
///         { "step": 12,  "event": "arrive",      "vm": "web1" },
///         { "step": 200, "event": "depart",      "vm": "web1" },
///         { "step": 100, "event": "maintenance", "host": "a1", "until": 150 },
///         { "step": 50,  "event": "add-host",    "host": "b-3" } ] }
///
/// Steps are 0-based sample indices of the traces. `arrive`: the VM is absent before the step;
/// `depart`: it leaves at the step; `maintenance`: the host is evacuated and receives nothing
/// until `until` (excluded; omitted = to the end), or a later `return` event; `add-host`: the
/// host of the instance holds nothing and draws nothing before the step. Hosts and VMs are named
/// by id (or `#index`). Every error names the file, line and column.
///
/// - Complexity: O(file size).
public enum EventsFile {
    public static func read(path: String) throws -> Scenario {
        let text: String
        do { text = try TextFile.read(path: path) } catch { throw SimulationError.scenario("\(error)") }
        return try decode(text, file: path)
    }

    public static func decode(_ text: String, file: String) throws -> Scenario {
        let root: JSONNode
        do { root = try JSONParser.parse(text) } catch { throw TraceError(file: file, line: error.line, message: error.message, column: error.column) }
        guard case let .object(members) = root.value else { throw failure(file, root, "expected an object with \"events\"") }
        var events: [Scenario.Event] = []
        var sawEvents = false
        for (key, value) in members {
            switch key {
            case "format":
                guard case .string("vmplace-events") = value.value else { throw failure(file, value, "format must be \"vmplace-events\"") }
            case "version":
                guard case .number(1) = value.value else { throw failure(file, value, "version must be 1") }
            case "description": break
            case "events":
                guard case let .array(items) = value.value else { throw failure(file, value, "\"events\" must be an array") }
                sawEvents = true
                for item in items { events += try event(item, file: file) }
            default:
                throw failure(file, value, "unknown key \"\(key)\" (format, version, description, events)")
            }
        }
        guard sawEvents else { throw failure(file, root, "missing \"events\"") }
        return Scenario(events: events)
    }

    static func event(_ node: JSONNode, file: String) throws -> [Scenario.Event] {
        guard case let .object(members) = node.value else { throw failure(file, node, "an event must be an object") }
        var fields: [String: JSONNode] = [:]
        for (key, value) in members {
            guard ["step", "event", "vm", "host", "until"].contains(key) else {
                throw failure(file, value, "unknown key \"\(key)\" in an event (step, event, vm, host, until)")
            }
            guard fields[key] == nil else { throw failure(file, value, "duplicate key \"\(key)\"") }
            fields[key] = value
        }
        let step = try integer(fields["step"], "step", node, file)
        guard let kind = fields["event"], case let .string(name) = kind.value,
              let action = Scenario.Action(rawValue: name) else {
            throw failure(file, fields["event"] ?? node, "\"event\" must be one of arrive, depart, maintenance, return, add-host")
        }
        let subjectKey = action == .arrive || action == .depart ? "vm" : "host"
        guard let subjectNode = fields[subjectKey], case let .string(subject) = subjectNode.value, !subject.isEmpty else {
            throw failure(file, node, "a \(name) event needs \"\(subjectKey)\" (an id)")
        }
        let other = subjectKey == "vm" ? "host" : "vm"
        if let extra = fields[other] { throw failure(file, extra, "a \(name) event has no \"\(other)\"") }
        var result = [Scenario.Event(step: step, action: action, subject: subject, line: node.line)]
        if let untilNode = fields["until"] {
            guard action == .maintenance else { throw failure(file, untilNode, "only maintenance events have \"until\"") }
            let until = try integer(untilNode, "until", node, file)
            guard until > step else { throw failure(file, untilNode, "\"until\" (\(until)) must be after \"step\" (\(step))") }
            result.append(Scenario.Event(step: until, action: .returnToService, subject: subject, line: node.line))
        }
        return result
    }

    static func integer(_ node: JSONNode?, _ key: String, _ parent: JSONNode, _ file: String) throws -> Int {
        guard let node else { throw failure(file, parent, "missing \"\(key)\"") }
        guard case let .number(value) = node.value, value >= 0, value == value.rounded(), value < 1e9 else {
            throw failure(file, node, "\"\(key)\" must be a step: an integer ≥ 0")
        }
        return Int(value)
    }

    static func failure(_ file: String, _ node: JSONNode, _ message: String) -> TraceError {
        TraceError(file: file, line: node.line, message: message, column: node.column)
    }
}
