import Foundation
import Heuristics
import PlacementModel

/// Replays utilisation traces through the survey's resource-manager loop (Mishra et al., IEEE
/// Comm. Mag. 2012, Figs. 2 and 4): at every step it monitors demand, detects overloaded hosts
/// (the policy's trigger), chooses VMs to leave them (the policy's selection), places them with
/// power-aware best fit, then drains under-loaded hosts, and accounts energy and SLA metrics as
/// Beloglazov & Buyya (CCPE 24(13), 2012) define them.
///
/// Timeline: sample k holds for the interval [k·Δ, (k+1)·Δ). At step k the demand of each VM is
/// its trace value times its type's MIPS; decisions are taken (k ≥ 1), migrations start and take
/// `Instance.migrationCost` seconds (memory / half the host bandwidth for the CloudSim preset),
/// during which the moving VM gets 10 % less CPU (PDM); then interval k is accounted with the new
/// placement: energy by the trapezoid of host power between samples k and k+1, SLA time when a
/// host's demand exceeds its capacity.
///
/// - Complexity: O(S·(N + M·V)) per run for S steps, N VMs, M hosts and V VMs migrated per step
///   (each placement scans the candidate hosts).
public enum SimulationRunner {
    public static func run(_ configuration: SimulationConfiguration) throws -> SimulationResult {
        try run(configuration, exhaustive: false)
    }

    /// `exhaustive`: without the shortcuts that cannot change a decision (the power memo, one
    /// empty host per host type as PABFD candidate) — the reference the tests compare against.
    static func run(_ configuration: SimulationConfiguration, exhaustive: Bool) throws -> SimulationResult {
        var engine = try Engine(configuration)
        engine.exhaustive = exhaustive
        return engine.run()
    }
}

/// Incremental per-host history and VM lists during one decision step (a reference so the
/// destination policy's overload check can read it).
final class HostBook: @unchecked Sendable {
    /// Longest history kept (CloudSim: 30 samples).
    static let window = 30
    /// Host h's history sample j at `history[h * window + j]`, j < lags (raw buffers: no copy or
    /// exclusivity check per access on this hot path).
    let history: UnsafeMutablePointer<Double>
    /// VM v's lagged sample j of the current step (CPU fraction) at `lagged[v * window + j]`.
    let lagged: UnsafeMutablePointer<Double>
    let hostCount: Int
    var vmsOnHost: [[Int]]
    var lags: Int
    let needsHistory: Bool
    /// Whether detectors read the longest migration time (forecasting ones).
    var needsMigrationTime = true
    let vmSeries: [[Double]]
    let vmMIPS: [Double]
    let vmRAM: [Double]
    let arrival: [Int]
    let hostMIPS: [Double]
    let migrationBandwidth: [Double]
    var step = 0
    var interval: Double
    var meanUtilisation = 0.0

    init(hosts: Int, needsHistory: Bool, vmSeries: [[Double]], vmMIPS: [Double], vmRAM: [Double], arrival: [Int],
         hostMIPS: [Double], migrationBandwidth: [Double], interval: Double) {
        hostCount = hosts
        history = .allocate(capacity: hosts * Self.window)
        history.initialize(repeating: 0, count: hosts * Self.window)
        lagged = .allocate(capacity: vmSeries.count * Self.window)
        lagged.initialize(repeating: 0, count: vmSeries.count * Self.window)
        vmsOnHost = Array(repeating: [], count: hosts)
        lags = 0
        self.needsHistory = needsHistory
        self.vmSeries = vmSeries
        self.vmMIPS = vmMIPS
        self.vmRAM = vmRAM
        self.arrival = arrival
        self.hostMIPS = hostMIPS
        self.migrationBandwidth = migrationBandwidth
        self.interval = interval
    }

    deinit {
        history.deallocate()
        lagged.deallocate()
    }

    /// VM `vm`'s lagged history sample j (oldest first) of the current step, as CPU fraction.
    @inline(__always) func sample(_ vm: Int, _ j: Int) -> Double {
        let s = step - lags + j
        return s >= arrival[vm] && s >= 0 ? vmSeries[vm][s] : 0
    }

    func reset(step: Int, placement: [Int?]) {
        self.step = step
        lags = needsHistory ? min(Self.window, step) : 0
        for h in 0..<hostCount {
            vmsOnHost[h].removeAll(keepingCapacity: true)
        }
        history.update(repeating: 0, count: hostCount * Self.window)
        for vm in vmSeries.indices {
            for j in 0..<lags { lagged[vm * Self.window + j] = sample(vm, j) }
        }
        for (vm, host) in placement.enumerated() { if let host { add(vm, host) } }
    }

    func add(_ vm: Int, _ host: Int) {
        vmsOnHost[host].append(vm)
        if lags > 0 {
            let scale = vmMIPS[vm] / hostMIPS[host]
            let row = history + host * Self.window, samples = lagged + vm * Self.window
            for j in 0..<lags { row[j] += samples[j] * scale }
        }
    }

    func remove(_ vm: Int, _ host: Int) {
        if let i = vmsOnHost[host].firstIndex(of: vm) { vmsOnHost[host].remove(at: i) }
        if lags > 0 {
            let scale = vmMIPS[vm] / hostMIPS[host]
            let row = history + host * Self.window, samples = lagged + vm * Self.window
            for j in 0..<lags { row[j] = max(0, row[j] - samples[j] * scale) }
        }
    }

    /// The observation of `host` with CPU `load` (MIPS), optionally as if `adding` were on it.
    func observation(host: Int, load: Double, adding: Int? = nil) -> HostObservation {
        var hist: [Double] = []
        if lags > 0 {
            let row = history + host * Self.window
            hist = withUnsafeTemporaryAllocation(of: Double.self, capacity: lags) { values in
                for j in 0..<lags { values[j] = row[j] }
                if let adding {
                    let scale = vmMIPS[adding] / hostMIPS[host]
                    let samples = lagged + adding * Self.window
                    for j in 0..<lags { values[j] += samples[j] * scale }
                }
                // CloudSim trims the zero tail of its newest-first history: leading zeros here.
                guard let first = values.firstIndex(where: { $0 > 1e-12 }) else { return [] }
                return Array(values[first...])
            }
        }
        var ram = adding.map { vmRAM[$0] } ?? 0
        if needsMigrationTime { for vm in vmsOnHost[host] { ram = max(ram, vmRAM[vm]) } }
        return HostObservation(utilisation: load / hostMIPS[host], history: hist,
                               maximumMigrationSeconds: ram / migrationBandwidth[host], intervalSeconds: interval,
                               dataCentreMeanUtilisation: meanUtilisation)
    }
}

struct Engine {
    let configuration: SimulationConfiguration
    let policy: SimulationPolicy
    let dataCenter: DataCenter
    let steps: Int
    let counted: Int
    let interval: Double
    let hostCount: Int
    let vmCount: Int
    let vmMIPS: [Double]
    let vmRAM: [Double]
    let vmBandwidth: [Double]
    let hostMIPS: [Double]
    let hostCoreMIPS: [Double]
    let series: [[Double]]
    var arrival: [Int]
    var departure: [Int]
    var maintenanceEvents: [Int: [(host: Int, on: Bool)]] = [:]
    var hostOf: [Int?]
    var present: [Bool]
    var inMaintenance: Set<Int> = []
    var lastMove: [Int]
    var lastSource: [Int?]
    var busyUntil: [Int]
    let cooldown: Int
    let margin: Double?
    var baseHosts: [PlacementModel.Host]
    let vmIDs: [String]
    /// Lowest index of a host of the same type (same capacity and power curve) as each host.
    let hostKind: [Int]
    /// Each host's power at its current load, shared by every PABFD scan of the run (all use `context`'s power).
    let powerMemo: PowerMemo
    /// Whether to skip the shortcuts (see ``SimulationRunner/run(_:exhaustive:)``).
    var exhaustive = false

    init(_ configuration: SimulationConfiguration) throws {
        self.configuration = configuration
        policy = configuration.policy
        dataCenter = configuration.dataCenter
        guard !configuration.traces.isEmpty else { throw SimulationError.noTraces }
        guard !dataCenter.hosts.isEmpty else { throw SimulationError.noHosts }
        guard !dataCenter.vmTypes.isEmpty else { throw SimulationError.noVMTypes }
        let shortest = configuration.traces.map(\.cpu.count).min() ?? 0
        steps = min(configuration.steps ?? shortest, shortest)
        guard steps > 0 else { throw SimulationError.noTraces }
        counted = configuration.cloudSimAccounting ? max(0, steps - 1) : steps
        interval = dataCenter.intervalSeconds
        hostCount = dataCenter.hosts.count
        vmCount = configuration.traces.count
        let centre = configuration.dataCenter
        let traceCount = configuration.traces.count
        let types = (0..<traceCount).map { centre.vmType(of: $0, count: traceCount) }
        vmMIPS = types.map { centre.vmTypes[$0].mips }
        vmRAM = types.map { centre.vmTypes[$0].ramMiB }
        vmBandwidth = types.map { centre.vmTypes[$0].bandwidthMbps }
        hostMIPS = dataCenter.hosts.map(\.totalMIPS)
        hostCoreMIPS = dataCenter.hosts.map(\.mipsPerCore)
        let stepCount = steps
        series = configuration.traces.map { Array($0.cpu.prefix(stepCount)) }
        arrival = Array(repeating: 0, count: vmCount)
        departure = Array(repeating: Int.max, count: vmCount)
        hostOf = Array(repeating: nil, count: vmCount)
        present = Array(repeating: false, count: vmCount)
        lastMove = Array(repeating: Int.min / 2, count: vmCount)
        lastSource = Array(repeating: nil, count: vmCount)
        busyUntil = Array(repeating: -1, count: vmCount)
        cooldown = configuration.cooldownSteps ?? policy.cooldownSteps
        margin = configuration.marginWatts ?? policy.marginWatts
        baseHosts = dataCenter.hosts.enumerated().map { index, type in
            PlacementModel.Host(id: "h\(index)", capacity: ResourceVector([type.totalMIPS, type.ramMiB, type.bandwidthMbps]),
                 idleWatts: type.power.idleWatts, peakWatts: type.power.peakWatts)
        }
        vmIDs = configuration.traces.map(\.name)
        var firstOfType: [SimulationHostType: Int] = [:]
        hostKind = dataCenter.hosts.enumerated().map { index, type in
            if let first = firstOfType[type] { return first }
            firstOfType[type] = index
            return index
        }
        powerMemo = PowerMemo(hostCount: hostCount)
        // Scenario.
        var index: [String: Int] = [:]
        for (i, trace) in configuration.traces.enumerated() where index[trace.name] == nil { index[trace.name] = i }
        for event in configuration.scenario.events {
            switch event.action {
            case .arrive, .depart:
                var vm = index[event.subject]
                if vm == nil, event.subject.hasPrefix("#"), let i = Int(event.subject.dropFirst()), i >= 0, i < vmCount { vm = i }
                guard let vm else { throw SimulationError.scenario("line \(event.line): unknown VM '\(event.subject)'") }
                if event.action == .arrive { arrival[vm] = event.step } else { departure[vm] = event.step }
            case .maintenance, .returnToService:
                guard let host = Int(event.subject), host >= 0, host < hostCount else {
                    throw SimulationError.scenario("line \(event.line): no host \(event.subject) (0..<\(hostCount))")
                }
                maintenanceEvents[event.step, default: []].append((host, event.action == .maintenance))
            }
        }
    }

    func power(_ host: Int, _ utilisation: Double) -> Double { dataCenter.hosts[host].power.watts(at: utilisation) }

    func demand(_ vm: Int, _ step: Int) -> Double { series[vm][min(step, steps - 1)] * vmMIPS[vm] }

    // MARK: - Instance and packing state of a step

    func instance(step: Int, fullDemand: Bool = false) -> Instance {
        var hosts = baseHosts
        for h in inMaintenance { hosts[h].state = .maintenance }
        let reserve = fullDemand || dataCenter.reservationsLimitPacking
        let vms = (0..<vmCount).map { v in
            VirtualMachine(id: vmIDs[v],
                           demand: ResourceVector([present[v] ? (fullDemand ? vmMIPS[v] : demand(v, step)) : 0,
                                                   reserve ? vmRAM[v] : 0, reserve ? vmBandwidth[v] : 0]),
                           memoryMiB: vmRAM[v], currentHost: hostOf[v])
        }
        let bandwidth = dataCenter.hosts.map(\.migrationBandwidthMiBps).min() ?? 62.5
        return Instance(name: "step-\(step)", dimensions: ["cpu", "mem", "net"], hosts: hosts, vms: vms,
                        network: NetworkModel(bandwidthMiBps: bandwidth))
    }

    func context(step: Int, vmHistory: [[Double]] = []) -> PolicyContext {
        let hosts = dataCenter.hosts
        let table = powerTable
        let power: @Sendable (Int, Double) -> Double
        if let table {
            // 11-point curves in one flat array (exact for SPECpower and linear models).
            power = { host, utilisation in
                let u = min(1, max(0, utilisation))
                let position = u * 10
                let lower = min(9, Int(position))
                let base = host * 11 + lower
                return table[base] + (table[base + 1] - table[base]) * (position - Double(lower))
            }
        } else {
            power = { host, u in hosts[host].power.watts(at: u) }
        }
        return PolicyContext(vmHistory: vmHistory, seed: configuration.seed &+ UInt64(step) &* 0x2545_F491_4F6C_DD1D,
                             power: power)
    }

    /// Flat 11-point power tables of all hosts, when every model is linear or has 11 points.
    var powerTable: [Double]? {
        var table: [Double] = []
        table.reserveCapacity(hostCount * 11)
        for host in dataCenter.hosts {
            switch host.power {
            case let .specPower(points) where points.count == 11: table += points
            case .linear: table += (0...10).map { host.power.watts(at: Double($0) / 10) }
            default: return nil
            }
        }
        return table
    }

    // MARK: - Run

    mutating func run() -> SimulationResult {
        let clock = ContinuousClock.now
        var records: [SimulationStep] = []
        records.reserveCapacity(steps)
        var energyJoules = 0.0
        var migrations = 0
        var pingPong = 0
        var activeHostIntervals = 0
        var violatingSeconds = 0.0
        var requestedMIPSSeconds = 0.0
        var migrationDegradation = 0.0
        var unplaced = Set<Int>()
        var departed = 0
        let needsHistory = !(policy.detector is StaticThresholdDetector) || policy.selection is MaximumCorrelationSelection
        let book = HostBook(hosts: hostCount, needsHistory: needsHistory, vmSeries: series, vmMIPS: vmMIPS, vmRAM: vmRAM,
                            arrival: arrival, hostMIPS: hostMIPS,
                            migrationBandwidth: dataCenter.hosts.map(\.migrationBandwidthMiBps), interval: interval)
        book.needsMigrationTime = policy.detector is LocalRegressionDetector || policy.detector is RobustLocalRegressionDetector

        for k in 0..<steps {
            var moves: [(vm: Int, from: Int, to: Int)] = []
            // Scenario: maintenance and departures.
            for event in maintenanceEvents[k] ?? [] {
                if event.on { inMaintenance.insert(event.host) } else { inMaintenance.remove(event.host) }
            }
            for v in 0..<vmCount where present[v] && departure[v] == k {
                present[v] = false
                hostOf[v] = nil
                departed += 1
            }
            if configuration.dropIdleVMs && k >= 1 {
                // CloudSim samples 0.1 s after each step: the demand there is 0 only when this
                // sample and the next are both 0.
                for v in 0..<vmCount where present[v] && series[v][k] == 0 && series[v][min(k + 1, steps - 1)] == 0 && busyUntil[v] < k {
                    present[v] = false
                    hostOf[v] = nil
                    departed += 1
                }
            }
            // Arrivals (initial placement at step 0).
            let arriving = (0..<vmCount).filter { arrival[$0] == k && departure[$0] > k && !unplaced.contains($0) && !present[$0] }
            if !arriving.isEmpty {
                for v in arriving { present[v] = true }
                let failed = place(arriving, step: k, initial: k == 0)
                for v in failed { present[v] = false; unplaced.insert(v) }
            }
            // Hosts entering maintenance are evacuated.
            let evacuate = (0..<vmCount).filter { v in hostOf[v].map { inMaintenance.contains($0) } ?? false }
            if !evacuate.isEmpty { moves += evacuateVMs(evacuate, step: k, book: book) }
            // Demand on the placement before this step's migrations: a host overloaded now stays
            // overloaded until the migrations relieving it complete.
            var preOverloaded = Array(repeating: false, count: hostCount)
            if k >= 1 {
                var preLoad = Array(repeating: 0.0, count: hostCount)
                for v in 0..<vmCount where present[v] {
                    guard let h = hostOf[v] else { continue }
                    let d = demand(v, k)
                    preLoad[h] += d
                    if d > hostCoreMIPS[h] + 1e-9 { preOverloaded[h] = true }
                }
                for h in 0..<hostCount where preLoad[h] > hostMIPS[h] * (1 + 1e-12) { preOverloaded[h] = true }
            }
            // The loop: detect, select, place, drain.
            if policy.kind == .dynamic, k >= 1, k % max(1, configuration.periodSteps ?? policy.period) == 0 {
                moves += optimise(step: k, book: book)
            }
            // Apply migrations (net per VM).
            var net: [Int: (from: Int, to: Int)] = [:]
            var order: [Int] = []
            for move in moves {
                if let existing = net[move.vm] { net[move.vm] = (existing.from, move.to) } else { net[move.vm] = (move.from, move.to); order.append(move.vm) }
            }
            let currentInstance = moves.isEmpty ? nil : instance(step: k)
            var stepMigrations = 0
            var leavingSeconds = Array(repeating: 0.0, count: hostCount)
            var migratingSeconds = Array(repeating: 0.0, count: hostCount)
            for v in order {
                guard let move = net[v], move.from != move.to else { continue }
                let seconds = currentInstance?.migrationCost(vm: v, to: move.to) ?? 0
                hostOf[v] = move.to
                leavingSeconds[move.from] = max(leavingSeconds[move.from], seconds)
                migratingSeconds[move.to] = max(migratingSeconds[move.to], seconds)
                stepMigrations += 1
                if let source = lastSource[v], source == move.to, k - lastMove[v] <= configuration.pingPongWindow { pingPong += 1 }
                lastSource[v] = move.from
                lastMove[v] = k
                busyUntil[v] = k + max(0, Int((seconds / interval).rounded(.up)) - 1)
                if k < counted { migrationDegradation += 0.1 * demand(v, k) * min(seconds, interval * Double(max(1, counted - k))) }
            }
            migrations += stepMigrations
            // Account interval k.
            var load = Array(repeating: 0.0, count: hostCount)
            var next = Array(repeating: 0.0, count: hostCount)
            var count = Array(repeating: 0, count: hostCount)
            var peakViolation = Array(repeating: false, count: hostCount)
            var presentVMs = 0
            for v in 0..<vmCount where present[v] {
                presentVMs += 1
                guard let h = hostOf[v] else { continue }
                let d = demand(v, k)
                load[h] += d
                next[h] += demand(v, k + 1)
                count[h] += 1
                if d > hostCoreMIPS[h] + 1e-9 { peakViolation[h] = true }
                if k < counted { requestedMIPSSeconds += d * interval }
            }
            var active = 0
            var violating = 0
            var violationSeconds = 0.0
            var stepEnergy = 0.0
            for h in 0..<hostCount {
                if policy.kind == .nonPowerAware {
                    stepEnergy += power(h, 1) * interval
                }
                guard count[h] > 0 || preOverloaded[h] else { continue }
                active += 1
                let overloaded = load[h] > hostMIPS[h] * (1 + 1e-12) || peakViolation[h]
                var seconds = 0.0
                if overloaded {
                    seconds = interval
                } else if preOverloaded[h] {
                    seconds = leavingSeconds[h] > 0 ? min(interval, leavingSeconds[h]) : interval
                }
                if configuration.cloudSimAccounting { seconds = max(seconds, min(interval, migratingSeconds[h])) }
                if seconds > 0 {
                    violating += 1
                    violationSeconds += seconds
                }
                guard count[h] > 0 else { continue }
                if policy.kind != .nonPowerAware {
                    let u0 = min(1, load[h] / hostMIPS[h])
                    // CloudSim counts a host whose utilisation is 0 at the start of an interval as off.
                    if configuration.cloudSimAccounting && u0 == 0 { continue }
                    let u1 = min(1, next[h] / hostMIPS[h])
                    stepEnergy += (power(h, u0) + power(h, u1)) / 2 * interval
                }
            }
            if k < counted {
                energyJoules += stepEnergy
                activeHostIntervals += active
                violatingSeconds += violationSeconds
            }
            records.append(SimulationStep(step: k, timeSeconds: Double(k) * interval, vms: presentVMs, activeHosts: active,
                                          overloadedHosts: violating, migrations: stepMigrations,
                                          energyKWh: k < counted ? stepEnergy / 3.6e6 : 0,
                                          cumulativeEnergyKWh: energyJoules / 3.6e6))
        }
        let slatah = activeHostIntervals > 0 ? violatingSeconds / (Double(activeHostIntervals) * interval) : 0
        let pdm = requestedMIPSSeconds > 0 ? migrationDegradation / requestedMIPSSeconds : 0
        let energy = energyJoules / 3.6e6
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return SimulationResult(policy: policy.name, day: configuration.day, hosts: hostCount, vms: vmCount, steps: steps,
                                accountedSeconds: Double(counted) * interval, energyKWh: energy, migrations: migrations,
                                slatah: slatah, pdm: pdm, slav: slatah * pdm, esv: energy * slatah * pdm,
                                overloadSeconds: violatingSeconds,
                                meanActiveHosts: records.prefix(counted).map { Double($0.activeHosts) }.reduce(0, +) / Double(max(1, counted)),
                                pingPongMigrations: pingPong, unplacedVMs: unplaced.count, departedVMs: departed,
                                elapsedSeconds: seconds, stepRecords: records)
    }

    // MARK: - Placement of arriving VMs

    /// Places `vms` (index order); returns those that fit nowhere. Initial placement follows
    /// CloudSim: with the VMs' full MIPS; NPA/DVFS first fit; dynamic policies PABFD evaluated
    /// against idle hosts (CloudSim's utilisation snapshot is zero at creation), i.e. first fit in
    /// order of least power increase from idle.
    mutating func place(_ vms: [Int], step: Int, initial: Bool) -> [Int] {
        var state = PackingState(instance: instance(step: step, fullDemand: initial), startingFrom: Placement(hostOfVM: hostOf))
        var failed: [Int] = []
        var orderCache: [Double: [Int]] = [:]
        let dynamicPolicy = policy.kind == .dynamic
        let detector = policy.detector
        for v in vms {
            let need = initial ? vmMIPS[v] : demand(v, step)
            var chosen: Int?
            if initial || !dynamicPolicy {
                let order: [Int]
                if dynamicPolicy {
                    if let cached = orderCache[vmMIPS[v]] { order = cached } else {
                        let increase = (0..<hostCount).map { power($0, vmMIPS[v] / hostMIPS[$0]) - power($0, 0) }
                        order = (0..<hostCount).sorted { increase[$0] != increase[$1] ? increase[$0] < increase[$1] : $0 < $1 }
                        orderCache[vmMIPS[v]] = order
                    }
                } else {
                    order = Array(0..<hostCount)
                }
                chosen = order.first { h in need <= hostCoreMIPS[h] + 1e-9 && state.canPlace(vm: v, on: h) }
            } else {
                let candidates = (0..<hostCount).filter { need <= hostCoreMIPS[$0] + 1e-9 }
                let check: PowerAwareBestFit.OverloadCheck? = detector.map { detector in
                    let hostMIPS = self.hostMIPS
                    return { vm, host, state in
                        let u = (state.load(host: host, dimension: 0) + state.instance.vms[vm].demand[0]) / hostMIPS[host]
                        return detector.isOverloaded(HostObservation(utilisation: u, history: []))
                    }
                }
                chosen = PowerAwareBestFit(overloadedAfterPlacing: check)
                    .destination(for: v, candidates: candidates, state: state, context: context(step: step))
            }
            if let chosen {
                state.place(vm: v, on: chosen)
                hostOf[v] = chosen
            } else {
                failed.append(v)
            }
        }
        return failed
    }

    // MARK: - Evacuation for maintenance

    mutating func evacuateVMs(_ vms: [Int], step: Int, book: HostBook) -> [(vm: Int, from: Int, to: Int)] {
        var state = PackingState(instance: instance(step: step), startingFrom: Placement(hostOfVM: hostOf))
        var moves: [(vm: Int, from: Int, to: Int)] = []
        for v in vms {
            guard let source = hostOf[v] else { continue }
            state.remove(vm: v)
            let candidates = (0..<hostCount).filter { !inMaintenance.contains($0) && demand(v, step) <= hostCoreMIPS[$0] + 1e-9 }
            if let target = PowerAwareBestFit().destination(for: v, candidates: candidates, state: state, context: context(step: step)) {
                state.place(vm: v, on: target)
                moves.append((v, source, target))
            } else {
                state.place(vm: v, on: source)
            }
        }
        return moves
    }

    // MARK: - The when / which / where loop

    mutating func optimise(step k: Int, book: HostBook) -> [(vm: Int, from: Int, to: Int)] {
        guard let detector = policy.detector, let selection = policy.selection else { return [] }
        let current = instance(step: k)
        var state = PackingState(instance: current, startingFrom: Placement(hostOfVM: hostOf))
        book.reset(step: k, placement: hostOf)
        let hostMIPS = self.hostMIPS
        var vmHistory: [[Double]] = []
        if selection is MaximumCorrelationSelection {
            vmHistory = (0..<vmCount).map { v in
                guard present[v] else { return [] }
                let start = max(arrival[v], k - 30, 0)
                return start < k ? Array(series[v][start..<k]) : []
            }
        }
        let policyContext = context(step: k, vmHistory: vmHistory)
        let activeAtStart = (0..<hostCount).filter { state.vmCount[$0] > 0 }
        let switchedOff = (0..<hostCount).filter { state.vmCount[$0] == 0 }
        book.meanUtilisation = activeAtStart.isEmpty ? 0
            : activeAtStart.map { state.load(host: $0, dimension: 0) / hostMIPS[$0] }.reduce(0, +) / Double(activeAtStart.count)
        let cooldown = self.cooldown
        let busyUntil = self.busyUntil
        let lastMove = self.lastMove
        func movable(_ v: Int) -> Bool { busyUntil[v] < k && k - lastMove[v] > cooldown }

        let check: PowerAwareBestFit.OverloadCheck = { vm, host, state in
            let load = state.load(host: host, dimension: 0) + state.instance.vms[vm].demand[0]
            return detector.isOverloaded(book.observation(host: host, load: load, adding: vm))
        }
        let memo = exhaustive ? nil : powerMemo
        let destination = PowerAwareBestFit(overloadedAfterPlacing: check, memo: memo)
        let ceiling = configuration.drainCeiling ?? policy.drainCeiling
        let drainDestination = ceiling.map { ceiling in
            PowerAwareBestFit(overloadedAfterPlacing: { vm, host, state in
                let load = state.load(host: host, dimension: 0) + state.instance.vms[vm].demand[0]
                return load / hostMIPS[host] > ceiling || check(vm, host, state)
            }, memo: memo)
        } ?? destination

        func observe(_ h: Int) -> HostObservation {
            book.observation(host: h, load: state.load(host: h, dimension: 0))
        }
        // 1. Hot spots.
        let overloaded = activeAtStart.filter { detector.isOverloaded(observe($0)) }
        var blocked = Array(repeating: false, count: hostCount)
        for h in overloaded { blocked[h] = true }
        for h in inMaintenance { blocked[h] = true }
        var leaving: [(vm: Int, from: Int)] = []
        for h in overloaded {
            while true {
                let order = selection.order(vmsOn: h, state: state, context: policyContext).filter(movable)
                guard let v = order.first else { break }
                state.remove(vm: v)
                book.remove(v, h)
                leaving.append((v, h))
                if !detector.isOverloaded(observe(h)) { break }
            }
        }
        var moves: [(vm: Int, from: Int, to: Int)] = []
        leaving.sort { (a, b) in
            let da = current.vms[a.vm].demand[0], db = current.vms[b.vm].demand[0]
            return da != db ? da > db : a.vm < b.vm
        }
        let smallestCore = hostCoreMIPS.min() ?? 0
        // Empty hosts of one type are interchangeable for PABFD: same capacity and power curve,
        // every load exactly 0 (no VM since the state was built from the placement), no overload
        // check on an empty host, no placement rules in a replay, and a host of this phase only
        // gains VMs. Only the lowest-index one can win (ties go to the lowest index), so it alone
        // is a candidate, and the next one of its type joins when it receives a VM.
        var unblocked: [Int] = []
        var emptyOfKind = Array(repeating: [Int](), count: hostCount)
        var nextEmpty = Array(repeating: 1, count: hostCount)
        for h in 0..<hostCount where !blocked[h] {
            if exhaustive || state.vmCount[h] > 0 {
                unblocked.append(h)
            } else {
                if emptyOfKind[hostKind[h]].isEmpty { unblocked.append(h) }
                emptyOfKind[hostKind[h]].append(h)
            }
        }
        for (v, source) in leaving {
            let need = current.vms[v].demand[0]
            // A VM no larger than the smallest core fits every core: skip the per-VM filter.
            let candidates = need <= smallestCore + 1e-9 ? unblocked : unblocked.filter { need <= hostCoreMIPS[$0] + 1e-9 }
            if let target = destination.destination(for: v, candidates: candidates, state: state, context: policyContext) {
                if !exhaustive && state.vmCount[target] == 0 {
                    let kind = hostKind[target]
                    if nextEmpty[kind] < emptyOfKind[kind].count {
                        let joining = emptyOfKind[kind][nextEmpty[kind]]
                        nextEmpty[kind] += 1
                        unblocked.insert(joining, at: unblocked.firstIndex { $0 > joining } ?? unblocked.count)
                    }
                }
                state.place(vm: v, on: target)
                book.add(v, target)
                moves.append((v, source, target))
            } else {
                state.place(vm: v, on: source)
                book.add(v, source)
            }
        }

        // 2. Cold spots: drain the least-loaded hosts.
        guard policy.consolidateUnderloaded else { return moves }
        var excludedSource = blocked
        for h in switchedOff { excludedSource[h] = true }
        var excludedTarget = excludedSource
        var candidatesBySize: [(host: Int, u: Double)] = []
        for h in 0..<hostCount where !excludedSource[h] && state.vmCount[h] > 0 {
            let u: Double = state.load(host: h, dimension: 0) / hostMIPS[h]
            candidatesBySize.append((host: h, u: u))
        }
        candidatesBySize.sort { (a: (host: Int, u: Double), b: (host: Int, u: Double)) -> Bool in
            a.u != b.u ? a.u < b.u : a.host < b.host
        }
        for (h, u) in candidatesBySize {
            if excludedSource[h] { continue }
            if let threshold = configuration.underloadThreshold ?? policy.underloadThreshold, u >= threshold { break }
            excludedSource[h] = true
            excludedTarget[h] = true
            let vms = book.vmsOnHost[h]
            if vms.isEmpty || !vms.allSatisfy(movable) { continue }
            let ordered = vms.sorted { (a, b) in
                let da = current.vms[a].demand[0], db = current.vms[b].demand[0]
                return da != db ? da > db : a < b
            }
            let targets = (0..<hostCount).filter { !excludedTarget[$0] && state.vmCount[$0] > 0 }
            var tentative: [(vm: Int, to: Int)] = []
            var increase = 0.0
            var failed = false
            for v in ordered {
                let need = current.vms[v].demand[0]
                let candidates = need <= smallestCore + 1e-9 ? targets : targets.filter { need <= hostCoreMIPS[$0] + 1e-9 }
                state.remove(vm: v)
                book.remove(v, h)
                guard let target = drainDestination.destination(for: v, candidates: candidates, state: state, context: policyContext) else {
                    state.place(vm: v, on: h)
                    book.add(v, h)
                    failed = true
                    break
                }
                let before = power(target, state.load(host: target, dimension: 0) / hostMIPS[target])
                state.place(vm: v, on: target)
                book.add(v, target)
                increase += power(target, state.load(host: target, dimension: 0) / hostMIPS[target]) - before
                tentative.append((v, target))
            }
            if !failed, let margin {
                let saved = power(h, u) - increase
                if saved <= margin { failed = true }
            }
            if failed {
                for (v, target) in tentative.reversed() {
                    state.remove(vm: v)
                    book.remove(v, target)
                    state.place(vm: v, on: h)
                    book.add(v, h)
                }
                continue
            }
            for (v, target) in tentative {
                moves.append((v, h, target))
                excludedSource[target] = true
            }
        }
        return moves
    }
}
