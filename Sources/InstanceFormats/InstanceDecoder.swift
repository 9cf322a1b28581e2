import PlacementModel
import struct PlacementModel.Host

/// Decodes the fields of an instance document into an ``Instance``, one named step per part of
/// the format (header, dimensions, hosts, VMs, rules, pairs, thresholds, weights, network,
/// migration, known values), in document order so that errors come out in the order a reader
/// meets them. Every error goes to the ``JSONFieldReader`` with its JSON path and position; a step
/// that fails keeps going where it can, so one run lists every problem.
///
/// - Complexity: O(size of the document): each node is visited once, host and VM references are
///   resolved through dictionaries.
struct InstanceDecoder {
    typealias Fields = [String: (node: JSONNode, path: String)]

    let root: JSONNode
    let r: JSONFieldReader
    private var top: Fields = [:]
    private var dimensions: [String] = []
    private var hosts: [Host] = []
    private var hostSource: [String] = []
    private var hostIndex: [String: Int] = [:]
    private var hostsOK = true
    private var vms: [VirtualMachine] = []
    private var vmSource: [String] = []
    private var vmIndex: [String: Int] = [:]
    private var vmsOK = true
    /// At most this many hosts and this many VMs (``InstanceJSON/maximumEntities`` or lower).
    private let maximumEntities: Int

    init(root: JSONNode, reader: JSONFieldReader, maximumEntities: Int = InstanceJSON.maximumEntities) {
        self.root = root
        self.r = reader
        self.maximumEntities = maximumEntities
    }

    private var d: Int { dimensions.count }
    private var dimensionList: String { "\(d) dimension\(d == 1 ? "" : "s") (\(dimensions.joined(separator: ", ")))" }

    /// The instance with the source path of every host and VM, or nil after a fatal field error.
    mutating func decode() -> (Instance, [String], [String])? {
        guard let top = r.object(root, "", known: InstanceJSON.topLevelKeys) else { return nil }
        self.top = top
        let name = decodeHeader()
        guard decodeDimensions() else { return nil }
        let memoryDimension = decodeMemoryDimension()
        decodeHosts()
        decodeVMs()
        let antiAffinity = decodeRules("antiAffinity")
        let affinity = decodeRules("affinity")
        let traffic = decodePairs("traffic", amountKey: "rate")
        let sharedMemory = decodePairs("sharedMemory", amountKey: "amount")
        let (overload, underload) = decodeThresholds()
        let weights = decodeWeights()
        let network = decodeNetwork()
        let migration = decodeMigration()
        let known = decodeKnown()
        guard hostsOK, vmsOK, d > 0 else { return nil }
        let instance = Instance(name: name, dimensions: dimensions, memoryDimension: memoryDimension, hosts: hosts, vms: vms,
                                antiAffinity: antiAffinity, affinity: affinity, traffic: traffic, sharedMemory: sharedMemory,
                                overloadThreshold: overload, underloadThreshold: underload, weights: weights,
                                network: network, migration: migration, known: known)
        return (instance, hostSource, vmSource)
    }

    // MARK: - Header and dimensions

    /// Checks `format` and `version`, reads `description`; returns the instance's name.
    private func decodeHeader() -> String {
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
        return name
    }

    /// Reads `dimensions`; false when there are more than the limit (nothing else can be read).
    private mutating func decodeDimensions() -> Bool {
        guard let field = r.required(top, "dimensions", in: "", parent: root, what: "names of the resource dimensions, e.g. [\"cpu\", \"mem\"]"),
              let names = r.strings(field.node, field.path) else { return true }
        dimensions = names
        if names.isEmpty { r.error(field.path, field.node, "at least one dimension expected") }
        if names.count > InstanceJSON.maximumDimensions {
            r.error(field.path, field.node, "\(names.count) dimensions, more than the limit of \(InstanceJSON.maximumDimensions)")
            return false
        }
        var seen = Set<String>()
        for (k, name) in names.enumerated() where !seen.insert(name).inserted {
            r.error("\(field.path)[\(k)]", field.node, "duplicate dimension \"\(name)\"")
        }
        return true
    }

    private func decodeMemoryDimension() -> Int? {
        guard let field = top["memoryDimension"], let value = r.string(field.node, field.path) else { return nil }
        if let index = dimensions.firstIndex(of: value) { return index }
        r.error(field.path, field.node, "\"\(value)\" is not one of the dimensions (\(dimensions.joined(separator: ", ")))")
        return nil
    }

    // MARK: - Values

    /// A vector given as an array in dimension order or as an object keyed by dimension name.
    private func vector(_ node: JSONNode, _ path: String, what: String) -> ResourceVector? {
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

    /// One fraction per dimension (thresholds).
    private func fractions(_ node: JSONNode, _ path: String) -> [Double]? {
        guard let values = r.numbers(node, path) else { return nil }
        if values.count != d {
            r.error(path, node, "\(values.count) value\(values.count == 1 ? "" : "s") given, instance has \(dimensionList)")
            return nil
        }
        return values
    }

    /// The entry's `count`, or nil (with an error) when it would take the total past
    /// ``maximumEntities``.
    private func count(_ fields: Fields, sofar: Int, what: String) -> Int? {
        guard let field = fields["count"] else { return sofar < maximumEntities ? 1 : nil }
        let n = r.integer(field.node, field.path, minimum: 1) ?? 1
        if n > maximumEntities - sofar {
            r.error(field.path, field.node, "count \(n) takes the instance past the limit of \(maximumEntities) \(what) (\(sofar) before this entry)")
            return nil
        }
        return n
    }

    private func expandedIDs(_ id: String, _ n: Int) -> [String] { n == 1 ? [id] : (1...n).map { "\(id)-\($0)" } }

    // MARK: - Hosts and VMs

    private mutating func decodeHosts() {
        guard let field = r.required(top, "hosts", in: "", parent: root, what: "the physical machines"),
              let items = r.array(field.node, field.path) else { hostsOK = false; return }
        if items.isEmpty { r.error(field.path, field.node, "at least one host expected") }
        for item in items {
            guard let fields = r.object(item.node, item.path, known: InstanceJSON.hostKeys) else { hostsOK = false; continue }
            let id = r.required(fields, "id", in: item.path, parent: item.node, what: "a unique name").flatMap { r.string($0.node, $0.path) }
            let capacity = r.required(fields, "capacity", in: item.path, parent: item.node, what: "one value per dimension")
                .flatMap { vector($0.node, $0.path, what: "capacity") }
            var host = Host(id: id ?? "", capacity: capacity ?? .zero(d))
            decodeHostFields(fields, into: &host)
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
    }

    /// A host's optional fields: costs, power, location, state, threshold.
    private func decodeHostFields(_ fields: Fields, into host: inout Host) {
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
    }

    /// The index of the host a reference names, or nil with an error (and a spelling hint).
    private func hostReference(_ node: JSONNode, _ path: String) -> Int? {
        guard let id = r.string(node, path) else { return nil }
        if let index = hostIndex[id] { return index }
        if hostsOK {
            let hint = (hostIndex.count <= 1000 ? JSONFieldReader.suggestion(for: id, among: Array(hostIndex.keys).sorted()) : nil).map { " (did you mean \"\($0)\"?)" } ?? ""
            r.error(path, node, "unknown host \"\(id)\"\(hint)")
        }
        return nil
    }

    private mutating func decodeVMs() {
        guard let field = r.required(top, "vms", in: "", parent: root, what: "the virtual machines"),
              let items = r.array(field.node, field.path) else { vmsOK = false; return }
        vms.reserveCapacity(items.count)
        vmSource.reserveCapacity(items.count)
        vmIndex.reserveCapacity(items.count)
        for item in items {
            guard let fields = r.object(item.node, item.path, known: InstanceJSON.vmKeys) else { vmsOK = false; continue }
            let id = r.required(fields, "id", in: item.path, parent: item.node, what: "a unique name").flatMap { r.string($0.node, $0.path) }
            let demand = r.required(fields, "demand", in: item.path, parent: item.node, what: "one value per dimension")
                .flatMap { vector($0.node, $0.path, what: "demand") }
            var vm = VirtualMachine(id: id ?? "", demand: demand ?? .zero(d))
            decodeVMFields(fields, into: &vm)
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
    }

    /// A VM's optional fields: migration parameters, pinning, current and allowed hosts.
    private func decodeVMFields(_ fields: Fields, into vm: inout VirtualMachine) {
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
    }

    /// The index of the VM a reference names, or nil with an error (and a spelling hint).
    private func vmReference(_ node: JSONNode, _ path: String) -> Int? {
        guard let id = r.string(node, path) else { return nil }
        if let index = vmIndex[id] { return index }
        if vmsOK {
            let hint = (vmIndex.count <= 1000 ? JSONFieldReader.suggestion(for: id, among: Array(vmIndex.keys).sorted()) : nil).map { " (did you mean \"\($0)\"?)" } ?? ""
            r.error(path, node, "unknown VM \"\(id)\"\(hint)")
        }
        return nil
    }

    // MARK: - Rules and pairs

    /// Affinity or anti-affinity groups: a name and a list of VMs each.
    private func decodeRules(_ key: String) -> [PlacementRule] {
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

    /// Traffic or shared-memory pairs: two different VMs and an amount ≥ 0 each.
    private func decodePairs(_ key: String, amountKey: String) -> [VirtualMachinePair] {
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

    // MARK: - Settings

    private func decodeThresholds() -> (overload: [Double]?, underload: [Double]?) {
        guard let field = top["thresholds"], let fields = r.object(field.node, field.path, known: ["overload", "underload"]) else { return (nil, nil) }
        var overload: [Double]? = nil
        var underload: [Double]? = nil
        if let f = fields["overload"] { overload = fractions(f.node, f.path) }
        if let f = fields["underload"] { underload = fractions(f.node, f.path) }
        return (overload, underload)
    }

    private func decodeWeights() -> ObjectiveWeights {
        var weights = ObjectiveWeights()
        guard let field = top["weights"], let fields = r.object(field.node, field.path, known: ["hosts", "migration", "traffic", "balance"]) else { return weights }
        if let f = fields["hosts"], let v = r.number(f.node, f.path, minimum: 0) { weights.hosts = v }
        if let f = fields["migration"], let v = r.number(f.node, f.path, minimum: 0) { weights.migration = v }
        if let f = fields["traffic"], let v = r.number(f.node, f.path, minimum: 0) { weights.traffic = v }
        if let f = fields["balance"], let v = r.number(f.node, f.path, minimum: 0) { weights.balance = v }
        return weights
    }

    private func decodeNetwork() -> NetworkModel {
        var network = NetworkModel()
        guard let field = top["network"], let fields = r.object(field.node, field.path, known: ["bandwidthMiBps", "links"]) else { return network }
        if let f = fields["bandwidthMiBps"], let v = r.number(f.node, f.path, minimum: 0, exclusiveMinimum: true) { network.bandwidthMiBps = v }
        if let f = fields["links"], let items = r.array(f.node, f.path) {
            network.links = items.compactMap { decodeLink($0.node, $0.path) }
        }
        return network
    }

    /// One network link between two sites.
    private func decodeLink(_ node: JSONNode, _ path: String) -> NetworkModel.Link? {
        guard let link = r.object(node, path, known: ["sites", "bandwidthMiBps", "sharedStorage", "sameSubnet"]) else { return nil }
        guard let sites = r.required(link, "sites", in: path, parent: node, what: "two site names")
            .flatMap({ r.strings($0.node, $0.path) }) else { return nil }
        guard sites.count == 2 else { r.error("\(path).sites", node, "exactly two site names expected"); return nil }
        guard let bandwidth = r.required(link, "bandwidthMiBps", in: path, parent: node, what: "MiB/s > 0")
            .flatMap({ r.number($0.node, $0.path, minimum: 0, exclusiveMinimum: true) }) else { return nil }
        var value = NetworkModel.Link(siteA: sites[0], siteB: sites[1], bandwidthMiBps: bandwidth)
        if let f = link["sharedStorage"], let v = r.bool(f.node, f.path) { value.sharedStorage = v }
        if let f = link["sameSubnet"], let v = r.bool(f.node, f.path) { value.sameSubnet = v }
        return value
    }

    private func decodeMigration() -> MigrationSettings {
        var migration = MigrationSettings()
        guard let field = top["migration"],
              let fields = r.object(field.node, field.path, known: ["maxPreCopyRounds", "stopCopyThresholdMiB", "maxConcurrentPerHost"]) else { return migration }
        if let f = fields["maxPreCopyRounds"], let v = r.integer(f.node, f.path, minimum: 1) { migration.maxPreCopyRounds = v }
        if let f = fields["stopCopyThresholdMiB"], let v = r.number(f.node, f.path, minimum: 0) { migration.stopCopyThresholdMiB = v }
        if let f = fields["maxConcurrentPerHost"], let v = r.integer(f.node, f.path, minimum: 1) { migration.maxConcurrentPerHost = v }
        return migration
    }

    private func decodeKnown() -> KnownValues {
        var known = KnownValues()
        guard let field = top["known"], let fields = r.object(field.node, field.path, known: ["optimum", "lowerBound", "bestKnown"]) else { return known }
        if let f = fields["optimum"], let v = r.number(f.node, f.path, minimum: 0) { known.optimum = v }
        if let f = fields["lowerBound"], let v = r.number(f.node, f.path, minimum: 0) { known.lowerBound = v }
        if let f = fields["bestKnown"], let v = r.number(f.node, f.path, minimum: 0) { known.bestKnown = v }
        return known
    }
}
