import PlacementModel

/// Walks a parsed JSON tree, collecting every problem as a ``Diagnostic`` with the JSON path and
/// the source position, instead of stopping at the first.
final class JSONFieldReader {
    let file: String?
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String?) { self.file = file }

    func error(_ path: String, _ node: JSONNode?, _ message: String) {
        diagnostics.append(Diagnostic(.error, path: path, message, file: file, line: node?.line, column: node?.column))
    }

    func warning(_ path: String, _ node: JSONNode?, _ message: String) {
        diagnostics.append(Diagnostic(.warning, path: path, message, file: file, line: node?.line, column: node?.column))
    }

    /// Position of the node at `path` (`vms[3].demand[1]`) in the tree under `root`, or of its
    /// deepest existing ancestor. Found by walking the tree along the path, so no table of every
    /// path is kept while decoding.
    /// - Complexity: O(length of the path + members of the objects on the way).
    static func position(of path: String, in root: JSONNode) -> (line: Int, column: Int) {
        var node = root
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      case .array(let items) = node.value, items.indices.contains(index) else { break }
                node = items[index]
                rest = rest[rest.index(after: close)...]
                continue
            }
            if rest.first == "." { rest = rest.dropFirst() }
            guard case .object(let members) = node.value,
                  let member = members.first(where: { isComponent($0.key, prefixOf: rest) }) else { break }
            node = member.value
            rest = rest.dropFirst(member.key.count)
        }
        return (node.line, node.column)
    }

    /// Whether `key` is the next component of `path` (followed by its end, `.` or `[`).
    private static func isComponent(_ key: String, prefixOf path: Substring) -> Bool {
        guard path.hasPrefix(key) else { return false }
        let after = path.dropFirst(key.count)
        return after.isEmpty || after.first == "." || after.first == "["
    }

    /// The members of an object, or `nil` (with an error) if `node` is not one. Duplicate keys and
    /// keys not in `known` are errors (with a suggestion for near-misses).
    func object(_ node: JSONNode, _ path: String, known: [String]) -> [String: (node: JSONNode, path: String)]? {
        guard case .object(let members) = node.value else {
            error(path, node, "an object expected, found \(node.kindDescription)")
            return nil
        }
        var result: [String: (node: JSONNode, path: String)] = [:]
        // Vectors keyed by dimension name may have many keys: look them up in a set, not a list.
        let knownSet = known.count > 16 ? Set(known) : []
        for (key, value) in members {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if result[key] != nil {
                error(childPath, value, "duplicate key \"\(key)\"")
                continue
            }
            if known.count > 16 ? !knownSet.contains(key) : !known.contains(key) {
                let hint = JSONFieldReader.suggestion(for: key, among: known).map { " (did you mean \"\($0)\"?)" } ?? ""
                error(childPath, value, "unknown field \"\(key)\"\(hint); expected one of: \(known.joined(separator: ", "))")
                continue
            }
            result[key] = (value, childPath)
        }
        return result
    }

    func required(_ fields: [String: (node: JSONNode, path: String)], _ key: String, in path: String,
                  parent: JSONNode, what: String) -> (node: JSONNode, path: String)? {
        if let field = fields[key] { return field }
        error(path.isEmpty ? key : "\(path).\(key)", parent, "missing required field \"\(key)\" (\(what))")
        return nil
    }

    func array(_ node: JSONNode, _ path: String) -> [(node: JSONNode, path: String)]? {
        guard case .array(let items) = node.value else {
            error(path, node, "an array expected, found \(node.kindDescription)")
            return nil
        }
        return items.enumerated().map { (i, item) in (item, "\(path)[\(i)]") }
    }

    /// Ids and names (hosts, VMs, dimensions, rules, sites, racks, the instance) are at most this
    /// many UTF-8 bytes; longer ones are input errors.
    static let maximumNameBytes = 1024

    /// A string of at most `maximumBytes` UTF-8 bytes (names by default).
    func string(_ node: JSONNode, _ path: String, maximumBytes: Int = JSONFieldReader.maximumNameBytes) -> String? {
        guard case .string(let value) = node.value else {
            error(path, node, "a string expected, found \(node.kindDescription)")
            return nil
        }
        if value.utf8.count > maximumBytes {
            error(path, node, "a string of at most \(maximumBytes) bytes expected, got \(value.utf8.count) bytes")
            return nil
        }
        return value
    }

    /// A string or `nil` for JSON null.
    func optionalString(_ node: JSONNode, _ path: String) -> String?? {
        if case .null = node.value { return .some(nil) }
        return string(node, path).map { .some($0) }
    }

    func number(_ node: JSONNode, _ path: String, minimum: Double? = nil, exclusiveMinimum: Bool = false) -> Double? {
        guard case .number(let value) = node.value else {
            error(path, node, "a number expected, found \(node.kindDescription)")
            return nil
        }
        if let minimum, exclusiveMinimum ? value <= minimum : value < minimum {
            error(path, node, "a number \(exclusiveMinimum ? ">" : "≥") \(formatNumber(minimum)) expected, got \(formatNumber(value))")
            return nil
        }
        return value
    }

    func integer(_ node: JSONNode, _ path: String, minimum: Int) -> Int? {
        guard case .number(let value) = node.value, value == value.rounded() else {
            error(path, node, "an integer expected, found \(node.kindDescription == "a number" ? "a fraction" : node.kindDescription)")
            return nil
        }
        guard abs(value) < 1e15 else {
            error(path, node, "an integer of magnitude below 1e15 expected, got \(formatNumber(value))")
            return nil
        }
        guard Int(value) >= minimum else {
            error(path, node, "an integer ≥ \(minimum) expected, got \(Int(value))")
            return nil
        }
        return Int(value)
    }

    func bool(_ node: JSONNode, _ path: String) -> Bool? {
        guard case .bool(let value) = node.value else {
            error(path, node, "true or false expected, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    func numbers(_ node: JSONNode, _ path: String) -> [Double]? {
        guard case .array(let items) = node.value else { _ = array(node, path); return nil }  // reports the error
        // Element paths are built only for an element in error (a million vectors, no strings).
        var values: [Double] = []
        values.reserveCapacity(items.count)
        var ok = true
        for (i, item) in items.enumerated() {
            if case .number(let value) = item.value { values.append(value) } else {
                _ = number(item, "\(path)[\(i)]")
                ok = false
            }
        }
        return ok ? values : nil
    }

    func strings(_ node: JSONNode, _ path: String) -> [String]? {
        guard let items = array(node, path) else { return nil }
        var values: [String] = []
        var ok = true
        for item in items {
            if let value = string(item.node, item.path) { values.append(value) } else { ok = false }
        }
        return ok ? values : nil
    }

    /// The closest known key within edit distance 2, for "did you mean".
    /// Among more than 1000 names no suggestion is made (it would cost O(names) per error).
    static func suggestion(for key: String, among known: [String]) -> String? {
        guard known.count <= 1000 else { return nil }
        let lower = key.lowercased()
        let scored = known.map { ($0, editDistance(lower, $0.lowercased())) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
