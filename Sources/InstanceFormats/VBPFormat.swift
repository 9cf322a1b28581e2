import Foundation
import PlacementModel
import struct PlacementModel.Host

/// VPSolver's `.vbp` vector bin packing format (Brandão & Pedroso): whitespace-separated integers —
/// the number of dimensions d; d bin capacities; the number of item types m; then m lines of d
/// weights followed by the demand (multiplicity) of the type.
///
/// Import: item types with multiplicity become VMs (`t<type>` or `t<type>-<copy>`), bins become
/// identical hosts (`h1`…, as many as items, so every packing is representable), dimensions
/// `d1`…`dd`. At most ``InstanceJSON/maximumEntities`` items in all. Export requires identical hosts and integral demands; VMs with equal demand vectors
/// form one item type.
public enum VBPFormat {
    /// Parses a `.vbp` text. Errors name the line and column and what was expected.
    public static func decode(_ text: String, file: String? = nil, name: String? = nil) throws(InvalidInput) -> Instance {
        var tokens: [(value: Substring, line: Int, column: Int)] = []
        for (l, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            var current: Substring.Index? = nil
            var startColumn = 1
            for index in line.indices {
                let character = line[index]
                if character == " " || character == "\t" || character == "\r" {
                    if let start = current { tokens.append((line[start..<index], l + 1, startColumn)); current = nil }
                } else if current == nil {
                    current = index
                    startColumn = column
                }
                column += 1
            }
            if let start = current { tokens.append((line[start...], l + 1, startColumn)) }
        }
        var position = 0
        let lastLine = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
        func fail(_ message: String, at token: (value: Substring, line: Int, column: Int)?) -> InvalidInput {
            InvalidInput([Diagnostic(.error, path: "", message, file: file, line: token?.line ?? lastLine, column: token?.column ?? 1)])
        }
        func next(_ what: String, minimum: Int) throws(InvalidInput) -> Int {
            guard position < tokens.count else { throw fail("unexpected end of file: \(what) expected", at: nil) }
            let token = tokens[position]
            position += 1
            guard let value = Int(token.value) else {
                throw fail("\(what) expected (an integer), found \"\(token.value)\"", at: token)
            }
            guard value >= minimum else { throw fail("\(what) must be ≥ \(minimum), got \(value)", at: token) }
            // Values as large as the model accepts (InstanceValidator.maximumMagnitude).
            guard value <= 1_000_000_000_000_000 else { throw fail("\(what) must be ≤ 1e15, got \(value)", at: token) }
            return value
        }
        let d = try next("number of dimensions", minimum: 1)
        var capacity: [Double] = []
        for k in 0..<d { capacity.append(Double(try next("capacity of dimension \(k + 1)", minimum: 1))) }
        let m = try next("number of item types", minimum: 0)
        var vms: [VirtualMachine] = []
        for t in 0..<m {
            var weights: [Double] = []
            for k in 0..<d { weights.append(Double(try next("item type \(t + 1) weight \(k + 1)", minimum: 0))) }
            let countToken = position < tokens.count ? tokens[position] : nil
            let count = try next("item type \(t + 1) demand (multiplicity)", minimum: 0)
            if count > InstanceJSON.maximumEntities - vms.count {
                throw fail("item type \(t + 1) demand \(count) takes the instance past the limit of \(InstanceJSON.maximumEntities) items (\(vms.count) before this type)", at: countToken)
            }
            for c in 0..<count {
                vms.append(VirtualMachine(id: count == 1 ? "t\(t + 1)" : "t\(t + 1)-\(c + 1)", demand: ResourceVector(weights)))
            }
        }
        if position < tokens.count {
            throw fail("unexpected \"\(tokens[position].value)\" after the \(m) item types", at: tokens[position])
        }
        let hostCount = max(1, vms.count)
        let hosts = (0..<hostCount).map { Host(id: "h\($0 + 1)", capacity: ResourceVector(capacity)) }
        let instance = Instance(name: name ?? file.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "vbp",
                                dimensions: (0..<d).map { "d\($0 + 1)" }, hosts: hosts, vms: vms)
        let errors = InstanceValidator.validate(instance).filter { $0.severity == .error }.map {
            var diagnostic = $0
            diagnostic.file = file
            return diagnostic
        }
        if !errors.isEmpty { throw InvalidInput(errors) }
        return instance
    }

    /// Reads a `.vbp` file.
    public static func read(path: String) throws(InvalidInput) -> Instance {
        let text = try TextFile.read(path: path)
        return try decode(text, file: path)
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
