import Foundation
import PlacementModel
import struct PlacementModel.Host

/// The vmplace instance format (JSON, versioned). Documented field by field in
/// `Instances/README.md`; JSON Schema in `Instances/instance.schema.json`.
public enum InstanceJSON {
    /// The format version this build reads and writes.
    public static let version = 1
    /// At most this many hosts and at most this many VMs per instance, after `count` expansion
    /// (also the limit for `.vbp` items). A larger instance is an input error naming the `count`
    /// that crosses the limit, rather than an allocation that exhausts memory.
    public static let maximumEntities = 1_000_000
    /// At most this many resource dimensions (each VM and host carries one value per dimension).
    public static let maximumDimensions = 1024
    static let topLevelKeys = ["format", "version", "name", "dimensions", "memoryDimension", "hosts", "vms",
                               "antiAffinity", "affinity", "traffic", "sharedMemory", "thresholds", "weights",
                               "network", "migration", "known", "description"]
    static let hostKeys = ["id", "count", "capacity", "openCost", "idleWatts", "peakWatts", "site", "rack", "state",
                           "overloadThreshold"]
    static let vmKeys = ["id", "count", "demand", "memoryMiB", "dirtyRateMiBps", "diskGiB", "currentHost",
                         "allowedHosts", "forbiddenHosts", "pinned", "migrationCost"]

    /// Parses and validates an instance. Throws ``InvalidInput`` with every error found (syntax
    /// errors with line and column; field errors with JSON path, line and column; then the
    /// semantic diagnoses of ``InstanceValidator``). Warnings are returned alongside.
    public static func decode(_ text: String, file: String? = nil) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "malformed JSON: \(error.message)", file: file,
                                           line: error.line, column: error.column)])
        }
        let reader = JSONFieldReader(file: file)
        let decoded = decodeInstance(root, reader: reader)
        var diagnostics = reader.diagnostics
        // The semantic checks run even after field errors (on what could be decoded), so one run
        // lists every problem.
        if let (instance, hostSource, vmSource) = decoded {
            // Entries expanded by `count` map back to one JSON path: report each problem once.
            var reported = Set<String>()
            // A field the decoder already found wrong is not reported a second time.
            let decoderErrorPaths = Set(diagnostics.filter { $0.severity == .error }.map(\.path))
            for var diagnostic in InstanceValidator.validate(instance) {
                diagnostic.path = translate(diagnostic.path, hostSource: hostSource, vmSource: vmSource)
                guard !decoderErrorPaths.contains(diagnostic.path), reported.insert("\(diagnostic.severity) \(diagnostic.path) \(diagnostic.message)").inserted else { continue }
                diagnostic.file = file
                let position = JSONFieldReader.position(of: diagnostic.path, in: root)
                diagnostic.line = position.line
                diagnostic.column = position.column
                diagnostics.append(diagnostic)
            }
            if !diagnostics.contains(where: { $0.severity == .error }) {
                return (instance, diagnostics)
            }
        }
        throw InvalidInput(diagnostics)
    }

    /// Reads and decodes a file (see ``decode(_:file:)``); an unreadable file is an error too.
    public static func read(path: String) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        let text = try TextFile.read(path: path)
        return try decode(text, file: path)
    }

    /// Maps a validator path on the expanded instance (`hosts[37]…`) to the path of the JSON entry
    /// it came from (`hosts[2]…`, when entries use `count`).
    static func translate(_ path: String, hostSource: [String], vmSource: [String]) -> String {
        for (model, json) in [("overloadThreshold", "thresholds.overload"), ("underloadThreshold", "thresholds.underload")]
        where path.hasPrefix(model) {
            return json + path.dropFirst(model.count)
        }
        for (prefix, sources) in [("hosts[", hostSource), ("vms[", vmSource)] where path.hasPrefix(prefix) {
            guard let close = path.firstIndex(of: "]"),
                  let index = Int(path[path.index(path.startIndex, offsetBy: prefix.count)..<close]),
                  sources.indices.contains(index) else { return path }
            return sources[index] + path[path.index(after: close)...]
        }
        return path
    }

    // MARK: - Decoding

    static func decodeInstance(_ root: JSONNode, reader r: JSONFieldReader) -> (Instance, [String], [String])? {
        guard let top = r.object(root, "", known: topLevelKeys) else { return nil }
        if let format = top["format"], let value = r.string(format.node, format.path), value != "vmplace-instance" {
            r.error(format.path, format.node, "\"vmplace-instance\" expected, got \"\(value)\"")
        }
        if let version = r.required(top, "version", in: "", parent: root, what: "format version, \(InstanceJSON.version)"),
           let value = r.integer(version.node, version.path, minimum: 1), value != InstanceJSON.version {
            r.error(version.path, version.node, "unsupported version \(value); this vmplace reads version \(InstanceJSON.version)")
        }
        var name = "instance"
        if let field = top["name"], let value = r.string(field.node, field.path) { name = value }
        if let field = top["description"] { _ = r.string(field.node, field.path, maximumBytes: JSONParser.maximumStringBytes) }

        var dimensions: [String] = []
        if let field = r.required(top, "dimensions", in: "", parent: root, what: "names of the resource dimensions, e.g. [\"cpu\", \"mem\"]"),
           let names = r.strings(field.node, field.path) {
            dimensions = names
            if names.isEmpty { r.error(field.path, field.node, "at least one dimension expected") }
            if names.count > maximumDimensions {
                r.error(field.path, field.node, "\(names.count) dimensions, more than the limit of \(maximumDimensions)")
                return nil
            }
            var seen = Set<String>()
            for (k, name) in names.enumerated() where !seen.insert(name).inserted {
                r.error("\(field.path)[\(k)]", field.node, "duplicate dimension \"\(name)\"")
            }
        }
        let d = dimensions.count
        let dimensionList = "\(d) dimension\(d == 1 ? "" : "s") (\(dimensions.joined(separator: ", ")))"

        var memoryDimension: Int? = nil
        if let field = top["memoryDimension"], let value = r.string(field.node, field.path) {
            if let index = dimensions.firstIndex(of: value) { memoryDimension = index } else {
                r.error(field.path, field.node, "\"\(value)\" is not one of the dimensions (\(dimensions.joined(separator: ", ")))")
            }
        }

        /// A vector given as an array in dimension order or as an object keyed by dimension name.
        func vector(_ node: JSONNode, _ path: String, what: String) -> ResourceVector? {
            if case .object = node.value {
                guard let fields = r.object(node, path, known: dimensions) else { return nil }
                var values: [Double] = []
                var ok = true
                for name in dimensions {
                    guard let field = fields[name] else {
                        r.error(path, node, "missing \(what) for dimension \"\(name)\"")
                        ok = false
                        continue
                    }
                    if let value = r.number(field.node, field.path, minimum: 0) { values.append(value) } else { ok = false }
                }
                return ok ? ResourceVector(values) : nil
            }
            guard let values = r.numbers(node, path) else { return nil }
            if values.count != d {
                r.error(path, node, "\(values.count) value\(values.count == 1 ? "" : "s") given, instance has \(dimensionList)")
                return nil
            }
            var ok = true
            for (k, value) in values.enumerated() where value < 0 {
                r.error("\(path)[\(k)]", node, "\(what) must be ≥ 0, got \(formatNumber(value))")
                ok = false
            }
            return ok ? ResourceVector(values) : nil
        }
        func fractions(_ node: JSONNode, _ path: String) -> [Double]? {
            guard let values = r.numbers(node, path) else { return nil }
            if values.count != d {
                r.error(path, node, "\(values.count) value\(values.count == 1 ? "" : "s") given, instance has \(dimensionList)")
                return nil
            }
            return values
        }
        /// The entry's `count`, or nil (with an error) when it would take the total past
        /// ``maximumEntities``.
        func count(_ fields: [String: (node: JSONNode, path: String)], sofar: Int, what: String) -> Int? {
            guard let field = fields["count"] else { return sofar < maximumEntities ? 1 : nil }
            let n = r.integer(field.node, field.path, minimum: 1) ?? 1
            if n > maximumEntities - sofar {
                r.error(field.path, field.node, "count \(n) takes the instance past the limit of \(maximumEntities) \(what) (\(sofar) before this entry)")
                return nil
            }
            return n
        }
        func expandedIDs(_ id: String, _ n: Int) -> [String] { n == 1 ? [id] : (1...n).map { "\(id)-\($0)" } }

        // Hosts.
        var hosts: [Host] = []
        var hostSource: [String] = []
        var hostIndex: [String: Int] = [:]
        var hostsOK = true
        if let field = r.required(top, "hosts", in: "", parent: root, what: "the physical machines"),
           let items = r.array(field.node, field.path) {
            if items.isEmpty { r.error(field.path, field.node, "at least one host expected") }
            for item in items {
                guard let fields = r.object(item.node, item.path, known: hostKeys) else { hostsOK = false; continue }
                let id = r.required(fields, "id", in: item.path, parent: item.node, what: "a unique name").flatMap { r.string($0.node, $0.path) }
                let capacity = r.required(fields, "capacity", in: item.path, parent: item.node, what: "one value per dimension")
                    .flatMap { vector($0.node, $0.path, what: "capacity") }
                var host = Host(id: id ?? "", capacity: capacity ?? .zero(d))
                if let f = fields["openCost"], let v = r.number(f.node, f.path, minimum: 0) { host.openCost = v }
                if let f = fields["idleWatts"], let v = r.number(f.node, f.path, minimum: 0) { host.idleWatts = v }
                if let f = fields["peakWatts"], let v = r.number(f.node, f.path, minimum: 0) { host.peakWatts = v }
                if let f = fields["site"], let v = r.optionalString(f.node, f.path) { host.site = v }
                if let f = fields["rack"], let v = r.optionalString(f.node, f.path) { host.rack = v }
                if let f = fields["state"], let v = r.string(f.node, f.path) {
                    if let state = HostState(rawValue: v) { host.state = state } else {
                        r.error(f.path, f.node, "\"on\", \"off\" or \"maintenance\" expected, got \"\(v)\"")
                    }
                }
                if let f = fields["overloadThreshold"], let v = fractions(f.node, f.path) { host.overloadThreshold = v }
                guard let id, capacity != nil else { hostsOK = false; continue }
                guard let n = count(fields, sofar: hosts.count, what: "hosts") else {
                    if fields["count"] == nil { r.error(item.path, item.node, "more than \(maximumEntities) hosts") }
                    hostsOK = false
                    break
                }
                for expanded in expandedIDs(id, n) {
                    if let first = hostIndex[expanded] {
                        r.error("\(item.path).id", fields["id"]?.node, "duplicate host id \"\(expanded)\" (also \(hostSource[first]))")
                        hostsOK = false
                        continue
                    }
                    host.id = expanded
                    hostIndex[expanded] = hosts.count
                    hosts.append(host)
                    hostSource.append(item.path)
                }
            }
        } else { hostsOK = false }

        func hostReference(_ node: JSONNode, _ path: String) -> Int? {
            guard let id = r.string(node, path) else { return nil }
            if let index = hostIndex[id] { return index }
            if hostsOK {
                let hint = (hostIndex.count <= 1000 ? JSONFieldReader.suggestion(for: id, among: Array(hostIndex.keys).sorted()) : nil).map { " (did you mean \"\($0)\"?)" } ?? ""
                r.error(path, node, "unknown host \"\(id)\"\(hint)")
            }
            return nil
        }

        // VMs.
        var vms: [VirtualMachine] = []
        var vmSource: [String] = []
        var vmIndex: [String: Int] = [:]
        var vmsOK = true
        if let field = r.required(top, "vms", in: "", parent: root, what: "the virtual machines"),
           let items = r.array(field.node, field.path) {
            vms.reserveCapacity(items.count)
            vmSource.reserveCapacity(items.count)
            vmIndex.reserveCapacity(items.count)
            for item in items {
                guard let fields = r.object(item.node, item.path, known: vmKeys) else { vmsOK = false; continue }
                let id = r.required(fields, "id", in: item.path, parent: item.node, what: "a unique name").flatMap { r.string($0.node, $0.path) }
                let demand = r.required(fields, "demand", in: item.path, parent: item.node, what: "one value per dimension")
                    .flatMap { vector($0.node, $0.path, what: "demand") }
                var vm = VirtualMachine(id: id ?? "", demand: demand ?? .zero(d))
                if let f = fields["memoryMiB"], let v = r.number(f.node, f.path, minimum: 0) { vm.memoryMiB = v }
                if let f = fields["dirtyRateMiBps"], let v = r.number(f.node, f.path, minimum: 0) { vm.dirtyRateMiBps = v }
                if let f = fields["diskGiB"], let v = r.number(f.node, f.path, minimum: 0) { vm.diskGiB = v }
                if let f = fields["migrationCost"], let v = r.number(f.node, f.path, minimum: 0) { vm.migrationCost = v }
                if let f = fields["pinned"], let v = r.bool(f.node, f.path) { vm.pinned = v }
                if let f = fields["currentHost"] {
                    if case .null = f.node.value {} else { vm.currentHost = hostReference(f.node, f.path) }
                }
                if let f = fields["allowedHosts"], let list = r.array(f.node, f.path) {
                    vm.allowedHosts = list.compactMap { hostReference($0.node, $0.path) }
                }
                if let f = fields["forbiddenHosts"], let list = r.array(f.node, f.path) {
                    vm.forbiddenHosts = list.compactMap { hostReference($0.node, $0.path) }
                }
                guard let id, demand != nil else { vmsOK = false; continue }
                guard let n = count(fields, sofar: vms.count, what: "VMs") else {
                    if fields["count"] == nil { r.error(item.path, item.node, "more than \(maximumEntities) VMs") }
                    vmsOK = false
                    break
                }
                for expanded in expandedIDs(id, n) {
                    if let first = vmIndex[expanded] {
                        r.error("\(item.path).id", fields["id"]?.node, "duplicate VM id \"\(expanded)\" (also \(vmSource[first]))")
                        vmsOK = false
                        continue
                    }
                    vm.id = expanded
                    vmIndex[expanded] = vms.count
                    vms.append(vm)
                    vmSource.append(item.path)
                }
            }
        } else { vmsOK = false }

        func vmReference(_ node: JSONNode, _ path: String) -> Int? {
            guard let id = r.string(node, path) else { return nil }
            if let index = vmIndex[id] { return index }
            if vmsOK {
                let hint = (vmIndex.count <= 1000 ? JSONFieldReader.suggestion(for: id, among: Array(vmIndex.keys).sorted()) : nil).map { " (did you mean \"\($0)\"?)" } ?? ""
                r.error(path, node, "unknown VM \"\(id)\"\(hint)")
            }
            return nil
        }

        func rules(_ key: String) -> [PlacementRule] {
            guard let field = top[key], let items = r.array(field.node, field.path) else { return [] }
            var result: [PlacementRule] = []
            for (g, item) in items.enumerated() {
                guard let fields = r.object(item.node, item.path, known: ["name", "vms"]) else { continue }
                var name = "\(key)\(g + 1)"
                if let f = fields["name"], let v = r.string(f.node, f.path) { name = v }
                guard let list = r.required(fields, "vms", in: item.path, parent: item.node, what: "VM ids")
                    .flatMap({ r.array($0.node, $0.path) }) else { continue }
                result.append(PlacementRule(name: name, vms: list.compactMap { vmReference($0.node, $0.path) }))
            }
            return result
        }
        func pairs(_ key: String, amountKey: String) -> [VirtualMachinePair] {
            guard let field = top[key], let items = r.array(field.node, field.path) else { return [] }
            var result: [VirtualMachinePair] = []
            for item in items {
                guard let fields = r.object(item.node, item.path, known: ["vms", amountKey]) else { continue }
                let amount = r.required(fields, amountKey, in: item.path, parent: item.node, what: "a number ≥ 0")
                    .flatMap { r.number($0.node, $0.path, minimum: 0) }
                guard let list = r.required(fields, "vms", in: item.path, parent: item.node, what: "two VM ids")
                    .flatMap({ r.array($0.node, $0.path) }) else { continue }
                guard list.count == 2 else {
                    r.error(fields["vms"]!.path, fields["vms"]!.node, "exactly two VM ids expected, got \(list.count)")
                    continue
                }
                let a = vmReference(list[0].node, list[0].path)
                let b = vmReference(list[1].node, list[1].path)
                guard let a, let b, let amount else { continue }
                if a == b { r.error(fields["vms"]!.path, fields["vms"]!.node, "a pair needs two different VMs"); continue }
                result.append(VirtualMachinePair(a, b, amount: amount))
            }
            return result
        }
        let antiAffinity = rules("antiAffinity")
        let affinity = rules("affinity")
        let traffic = pairs("traffic", amountKey: "rate")
        let sharedMemory = pairs("sharedMemory", amountKey: "amount")

        var overload: [Double]? = nil
        var underload: [Double]? = nil
        if let field = top["thresholds"], let fields = r.object(field.node, field.path, known: ["overload", "underload"]) {
            if let f = fields["overload"] { overload = fractions(f.node, f.path) }
            if let f = fields["underload"] { underload = fractions(f.node, f.path) }
        }
        var weights = ObjectiveWeights()
        if let field = top["weights"], let fields = r.object(field.node, field.path, known: ["hosts", "migration", "traffic", "balance"]) {
            if let f = fields["hosts"], let v = r.number(f.node, f.path, minimum: 0) { weights.hosts = v }
            if let f = fields["migration"], let v = r.number(f.node, f.path, minimum: 0) { weights.migration = v }
            if let f = fields["traffic"], let v = r.number(f.node, f.path, minimum: 0) { weights.traffic = v }
            if let f = fields["balance"], let v = r.number(f.node, f.path, minimum: 0) { weights.balance = v }
        }
        var network = NetworkModel()
        if let field = top["network"], let fields = r.object(field.node, field.path, known: ["bandwidthMiBps", "links"]) {
            if let f = fields["bandwidthMiBps"], let v = r.number(f.node, f.path, minimum: 0, exclusiveMinimum: true) { network.bandwidthMiBps = v }
            if let f = fields["links"], let items = r.array(f.node, f.path) {
                for item in items {
                    guard let link = r.object(item.node, item.path, known: ["sites", "bandwidthMiBps", "sharedStorage", "sameSubnet"]) else { continue }
                    guard let sites = r.required(link, "sites", in: item.path, parent: item.node, what: "two site names")
                        .flatMap({ r.strings($0.node, $0.path) }) else { continue }
                    guard sites.count == 2 else { r.error("\(item.path).sites", item.node, "exactly two site names expected"); continue }
                    guard let bandwidth = r.required(link, "bandwidthMiBps", in: item.path, parent: item.node, what: "MiB/s > 0")
                        .flatMap({ r.number($0.node, $0.path, minimum: 0, exclusiveMinimum: true) }) else { continue }
                    var value = NetworkModel.Link(siteA: sites[0], siteB: sites[1], bandwidthMiBps: bandwidth)
                    if let f = link["sharedStorage"], let v = r.bool(f.node, f.path) { value.sharedStorage = v }
                    if let f = link["sameSubnet"], let v = r.bool(f.node, f.path) { value.sameSubnet = v }
                    network.links.append(value)
                }
            }
        }
        var migration = MigrationSettings()
        if let field = top["migration"], let fields = r.object(field.node, field.path, known: ["maxPreCopyRounds", "stopCopyThresholdMiB", "maxConcurrentPerHost"]) {
            if let f = fields["maxPreCopyRounds"], let v = r.integer(f.node, f.path, minimum: 1) { migration.maxPreCopyRounds = v }
            if let f = fields["stopCopyThresholdMiB"], let v = r.number(f.node, f.path, minimum: 0) { migration.stopCopyThresholdMiB = v }
            if let f = fields["maxConcurrentPerHost"], let v = r.integer(f.node, f.path, minimum: 1) { migration.maxConcurrentPerHost = v }
        }
        var known = KnownValues()
        if let field = top["known"], let fields = r.object(field.node, field.path, known: ["optimum", "lowerBound", "bestKnown"]) {
            if let f = fields["optimum"], let v = r.number(f.node, f.path, minimum: 0) { known.optimum = v }
            if let f = fields["lowerBound"], let v = r.number(f.node, f.path, minimum: 0) { known.lowerBound = v }
            if let f = fields["bestKnown"], let v = r.number(f.node, f.path, minimum: 0) { known.bestKnown = v }
        }

        guard hostsOK, vmsOK, d > 0 else { return nil }
        let instance = Instance(name: name, dimensions: dimensions, memoryDimension: memoryDimension, hosts: hosts, vms: vms,
                                antiAffinity: antiAffinity, affinity: affinity, traffic: traffic, sharedMemory: sharedMemory,
                                overloadThreshold: overload, underloadThreshold: underload, weights: weights,
                                network: network, migration: migration, known: known)
        return (instance, hostSource, vmSource)
    }

    // MARK: - Encoding

    /// The instance as JSON text in this format (deterministic; hosts and VMs one entry each).
    public static func encode(_ instance: Instance) -> String {
        encodeValue(instance).rendered()
    }

    static func encodeValue(_ instance: Instance) -> JSONOutput {
        let d = instance.dimensionCount
        var top: [(String, JSONOutput)] = [
            ("format", .string("vmplace-instance")), ("version", .number(Double(version))),
            ("name", .string(instance.name)),
            ("dimensions", .inlineArray(instance.dimensions.map { .string($0) })),
        ]
        if let memory = instance.memoryDimension, memory != Instance.defaultMemoryDimension(instance.dimensions) {
            top.append(("memoryDimension", .string(instance.dimensions[memory])))
        }
        top.append(("hosts", .array(instance.hosts.map { host in
            var fields: [(String, JSONOutput)] = [("id", .string(host.id)), ("capacity", .numbers(host.capacity.values))]
            if host.openCost != 1 { fields.append(("openCost", .number(host.openCost))) }
            if let v = host.idleWatts { fields.append(("idleWatts", .number(v))) }
            if let v = host.peakWatts { fields.append(("peakWatts", .number(v))) }
            if let v = host.site { fields.append(("site", .string(v))) }
            if let v = host.rack { fields.append(("rack", .string(v))) }
            if host.state != .on { fields.append(("state", .string(host.state.rawValue))) }
            if let v = host.overloadThreshold { fields.append(("overloadThreshold", .numbers(v))) }
            return .object(fields)
        })))
        top.append(("vms", .array(instance.vms.map { vm in
            var fields: [(String, JSONOutput)] = [("id", .string(vm.id)), ("demand", .numbers(vm.demand.values))]
            if let v = vm.memoryMiB { fields.append(("memoryMiB", .number(v))) }
            if let v = vm.dirtyRateMiBps { fields.append(("dirtyRateMiBps", .number(v))) }
            if let v = vm.diskGiB { fields.append(("diskGiB", .number(v))) }
            if let v = vm.currentHost { fields.append(("currentHost", .string(instance.hosts[v].id))) }
            if let v = vm.allowedHosts { fields.append(("allowedHosts", .inlineArray(v.map { .string(instance.hosts[$0].id) }))) }
            if !vm.forbiddenHosts.isEmpty { fields.append(("forbiddenHosts", .inlineArray(vm.forbiddenHosts.map { .string(instance.hosts[$0].id) }))) }
            if vm.pinned { fields.append(("pinned", .bool(true))) }
            if let v = vm.migrationCost { fields.append(("migrationCost", .number(v))) }
            return .object(fields)
        })))
        func rules(_ list: [PlacementRule]) -> JSONOutput {
            .array(list.map { .object([("name", .string($0.name)), ("vms", .inlineArray($0.vms.map { .string(instance.vms[$0].id) }))]) })
        }
        func pairs(_ list: [VirtualMachinePair], _ key: String) -> JSONOutput {
            .array(list.map { .object([("vms", .inlineArray([.string(instance.vms[$0.first].id), .string(instance.vms[$0.second].id)])), (key, .number($0.amount))]) })
        }
        if !instance.antiAffinity.isEmpty { top.append(("antiAffinity", rules(instance.antiAffinity))) }
        if !instance.affinity.isEmpty { top.append(("affinity", rules(instance.affinity))) }
        if !instance.traffic.isEmpty { top.append(("traffic", pairs(instance.traffic, "rate"))) }
        if !instance.sharedMemory.isEmpty { top.append(("sharedMemory", pairs(instance.sharedMemory, "amount"))) }
        let defaultOverload = Array(repeating: 1.0, count: d), defaultUnderload = Array(repeating: 0.0, count: d)
        if instance.overloadThreshold != defaultOverload || instance.underloadThreshold != defaultUnderload {
            top.append(("thresholds", .object([("overload", .numbers(instance.overloadThreshold)), ("underload", .numbers(instance.underloadThreshold))])))
        }
        if instance.weights != ObjectiveWeights() {
            let w = instance.weights
            top.append(("weights", .object([("hosts", .number(w.hosts)), ("migration", .number(w.migration)),
                                            ("traffic", .number(w.traffic)), ("balance", .number(w.balance))])))
        }
        if instance.network != NetworkModel() {
            top.append(("network", .object([
                ("bandwidthMiBps", .number(instance.network.bandwidthMiBps)),
                ("links", .array(instance.network.links.map {
                    .object([("sites", .inlineArray([.string($0.siteA), .string($0.siteB)])), ("bandwidthMiBps", .number($0.bandwidthMiBps)),
                             ("sharedStorage", .bool($0.sharedStorage)), ("sameSubnet", .bool($0.sameSubnet))])
                })),
            ])))
        }
        if instance.migration != MigrationSettings() {
            let m = instance.migration
            top.append(("migration", .object([("maxPreCopyRounds", .number(Double(m.maxPreCopyRounds))),
                                              ("stopCopyThresholdMiB", .number(m.stopCopyThresholdMiB)),
                                              ("maxConcurrentPerHost", .number(Double(m.maxConcurrentPerHost)))])))
        }
        if instance.known != KnownValues() {
            var fields: [(String, JSONOutput)] = []
            if let v = instance.known.optimum { fields.append(("optimum", .number(v))) }
            if let v = instance.known.lowerBound { fields.append(("lowerBound", .number(v))) }
            if let v = instance.known.bestKnown { fields.append(("bestKnown", .number(v))) }
            top.append(("known", .object(fields)))
        }
        return .object(top)
    }
}

/// A short description of a file-system error.
func describeFileError(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
       let message = strerror(Int32(underlying.code)) {
        return String(cString: message)
    }
    if nsError.domain == NSCocoaErrorDomain {
        switch nsError.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadInapplicableStringEncodingError: return "not UTF-8 text"
        default: break
        }
    }
    return nsError.localizedDescription
}
