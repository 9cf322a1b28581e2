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
    /// `maximumEntities` lowers the limit on hosts and on VMs (``maximumEntities``, the default);
    /// a larger value is treated as the default.
    public static func decode(_ text: String, file: String? = nil,
                              maximumEntities limit: Int = maximumEntities) throws(InvalidInput) -> (instance: Instance, warnings: [Diagnostic]) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "malformed JSON: \(error.message)", file: file,
                                           line: error.line, column: error.column)])
        }
        let reader = JSONFieldReader(file: file)
        let decoded = decodeInstance(root, reader: reader, maximumEntities: min(max(limit, 1), maximumEntities))
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

    /// The instance in `root`, with the JSON path each expanded host and VM came from; nil when a
    /// field error leaves nothing to validate (the errors are in `r`). See ``InstanceDecoder``.
    static func decodeInstance(_ root: JSONNode, reader r: JSONFieldReader,
                               maximumEntities: Int = maximumEntities) -> (Instance, [String], [String])? {
        var decoder = InstanceDecoder(root: root, reader: r, maximumEntities: maximumEntities)
        return decoder.decode()
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
