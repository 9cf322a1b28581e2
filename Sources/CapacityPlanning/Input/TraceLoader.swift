import Foundation
import PlacementModel
import Simulation

/// Reads a traces folder in any format `Simulation` reads and turns it into a ``DemandHistory`` in
/// the inventory's dimensions and units:
/// * Bitbrains (`*.csv` files whose header starts with `Timestamp`): aligned by timestamp
///   (``BitbrainsTimeGridReader``); CPU in MHz, memory in MiB — the inventory's hosts must state
///   their capacity in those units; provisioned CPU and memory kept for right-sizing;
/// * plain CSV (one `*.csv` file with a header of VM names, CPU percent per step);
/// * PlanetLab (one file per VM, one CPU percent per line).
/// Traces without timestamps start at midnight of `config.traceStartDate`, one step every
/// `config.intervalSeconds`. A CPU fraction becomes demand × the inventory VM's CPU demand when the
/// inventory lists the VM (its provisioned size), else × `config.cpuPerVM`; dimensions a trace
/// lacks take the inventory VM's demand (constant), else 0. The VM id is the file name without
/// `.csv` (Bitbrains, PlanetLab) or the column header (plain CSV).
///
/// - Complexity: O(total trace size + VMs × steps × dimensions).
public enum TraceLoader {
    public static func load(directory: String, inventory: Instance, config: PlanningConfig,
                            progress: (String) -> Void = { _ in }) throws -> DemandHistory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw TraceError(file: directory, line: nil, message: "no such file or directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { !$0.hasPrefix(".") && !$0.uppercased().hasPrefix("README") && !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                .map { directory + "/" + $0 }
                .filter { path in var dir: ObjCBool = false; return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && !dir.boolValue }
        } else {
            files = [directory]
        }
        guard let first = files.first else { throw TraceError(file: directory, line: nil, message: "no trace files") }
        let mapper = DimensionMapper(inventory: inventory, config: config)
        guard mapper.cpu != nil else {
            throw PlanningInputError(message: "the inventory's dimensions (\(inventory.dimensions.joined(separator: ", "))) have no \"cpu\": the traces measure CPU")
        }
        if first.lowercased().hasSuffix(".csv"), BitbrainsTimeGridReader.looksLikeBitbrains(first) {
            return try bitbrains(files, mapper: mapper, config: config, progress: progress)
        }
        let traces: [UtilisationTrace]
        if files.count == 1, first.lowercased().hasSuffix(".csv") {
            traces = try PlainCSVTraceReader.read(file: first)
        } else {
            traces = try files.map { try PlanetLabTraceReader.read(file: $0, name: vmID(fromFile: $0)) }
        }
        let steps = traces.map(\.cpu.count).min() ?? 0
        let vms = zip(traces, files.count == 1 ? Array(repeating: first, count: traces.count) : files).map { trace, file in
            mapper.history(id: trace.name, cpu: trace.cpu.prefix(steps).map { $0 }, cpuIsFraction: true, memory: nil,
                           provisionedCPU: nil, provisionedMemory: nil, source: file)
        }
        progress("read \(vms.count) traces, \(steps) steps each")
        return DemandHistory(dimensions: inventory.dimensions, intervalSeconds: config.intervalSeconds,
                             startDate: config.traceStartDate, vms: vms)
    }

    static func bitbrains(_ files: [String], mapper: DimensionMapper, config: PlanningConfig,
                          progress: (String) -> Void) throws -> DemandHistory {
        let csv = files.filter { $0.lowercased().hasSuffix(".csv") }
        let raws = try parallelMap(csv) { try BitbrainsTimeGridReader.parse(file: $0) }
        let interval = config.intervalSeconds
        let start = PlanningDate(unixSeconds: raws.map { $0.times[0] }.min() ?? 0)
        let end = raws.map { $0.times[$0.times.count - 1] }.max() ?? 0
        let steps = Int(((end - start.unixSeconds) / interval).rounded(.down)) + 1
        let grids = try parallelMap(raws) {
            try BitbrainsTimeGridReader.align($0, origin: start.unixSeconds, interval: interval, steps: steps, maxGapSteps: config.maxGapSteps)
        }
        let vms = grids.map { g in
            mapper.history(id: vmID(fromFile: g.file), cpu: g.cpuMHz, cpuIsFraction: false, memory: g.memoryMiB,
                           provisionedCPU: g.provisionedCPUMHz, provisionedMemory: g.provisionedMemoryMiB, source: g.file)
        }
        if mapper.memory == nil { progress("warning: the inventory has no memory dimension; the traces' memory is not planned") }
        progress("read \(vms.count) Bitbrains traces, \(steps) steps of \(Int(interval)) s from \(start)")
        return DemandHistory(dimensions: mapper.dimensions, intervalSeconds: interval, startDate: start, vms: vms)
    }

    /// The file name without its folder and a `.csv` extension.
    static func vmID(fromFile path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
    }
}

/// Maps what a trace measures onto the inventory's dimensions.
struct DimensionMapper {
    let dimensions: [String]
    let cpu: Int?
    let memory: Int?
    let inventoryVMs: [String: VirtualMachine]
    let cpuPerVM: Double

    init(inventory: Instance, config: PlanningConfig) {
        dimensions = inventory.dimensions
        cpu = inventory.dimensions.firstIndex { $0.lowercased() == "cpu" }
        memory = inventory.memoryDimension
        var byID: [String: VirtualMachine] = [:]
        for vm in inventory.vms where byID[vm.id] == nil { byID[vm.id] = vm }
        inventoryVMs = byID
        cpuPerVM = config.cpuPerVM
    }

    func history(id: String, cpu cpuSeries: [Double], cpuIsFraction: Bool, memory memorySeries: [Double]?,
                 provisionedCPU: Double?, provisionedMemory: Double?, source: String) -> VMHistory {
        let steps = cpuSeries.count
        let listed = inventoryVMs[id]
        var series: [[Double]] = []
        var provisioned: [Double?] = []
        for k in dimensions.indices {
            let size = listed?.demand.values.indices.contains(k) == true ? listed!.demand[k] : nil
            if k == cpu {
                let scale = cpuIsFraction ? (size ?? cpuPerVM) : 1
                series.append(cpuSeries.map { $0 * scale })
                provisioned.append(provisionedCPU.flatMap { $0 > 0 ? $0 : nil } ?? size ?? (cpuIsFraction ? scale : nil))
            } else if k == memory, let memorySeries {
                series.append(memorySeries)
                provisioned.append(provisionedMemory.flatMap { $0 > 0 ? $0 : nil } ?? size)
            } else {
                series.append([Double](repeating: size ?? 0, count: steps))
                provisioned.append(size)
            }
        }
        return VMHistory(id: id, series: series, provisioned: provisioned, source: source)
    }
}

/// `transform` over `items` on every core, results in input order (deterministic); the first error
/// (by index) is rethrown.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
    let box = ResultSlots<Result<R, Error>>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        box.set(i, Result { try transform(items[i]) })
    }
    return try box.values.map { try $0!.get() }
}

/// Slots written once each from concurrent workers.
final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [T?] { lock.lock(); defer { lock.unlock() }; return storage }
}
