import Foundation
import Heuristics
import PlacementModel

/// Replays utilisation traces through the survey's resource-manager loop (Mishra et al., IEEE
/// Comm. Mag. 2012, Figs. 2 and 4): at every step it monitors demand, detects overloaded hosts
/// (the policy's trigger), chooses VMs to leave them (the policy's selection), places them (the
/// policy's destination, power-aware best fit by default), then drains under-loaded hosts, and
/// accounts energy and SLA metrics as Beloglazov & Buyya (CCPE 24(13), 2012) define them.
///
/// Timeline: sample k holds for the interval [k·Δ, (k+1)·Δ). At step k the demand of each VM is
/// its trace value times its CPU capacity; decisions are taken (k ≥ 1), migrations start and take
/// the migration model's time (memory / half the host bandwidth for the CloudSim preset), during
/// which the moving VM loses CPU (PDM); then interval k is accounted with the new placement:
/// energy by the trapezoid of host power between samples k and k+1, SLA time when a host's
/// demand exceeds its capacity.
///
/// - Complexity: O(S·(N + M log M + Q·E·log E)) per run for S steps, N VMs, M hosts, Q PABFD
///   queries per step (VMs leaving hot spots, VMs of the hosts tried as cold spots) and E hosts
///   each query evaluates: those of the utilisation buckets whose bound is at or under the
///   answer (``PowerAwareBestFitIndex``), not every candidate; O(S·(N + M·Q)) with a catalogue
///   "where" or `--cloudsim-faithful` (a scan per placement).
public enum SimulationRunner {
    public static func run(_ configuration: SimulationConfiguration) throws -> SimulationResult {
        try run(configuration, exhaustive: false)
    }

    /// `exhaustive`: without the shortcuts that cannot change a decision (the power memo, one
    /// empty host per host type as PABFD candidate, PABFD answered from an index of the hosts)
    /// — the reference the tests compare against.
    static func run(_ configuration: SimulationConfiguration, exhaustive: Bool) throws -> SimulationResult {
        var engine = try Engine(configuration)
        engine.exhaustive = exhaustive
        return engine.run()
    }
}

/// A migration decided in a step.
typealias Move = (vm: Int, from: Int, to: Int)

/// Sums over the replay of what the result reports.
struct ReplayTotals {
    var energyJoules = 0.0
    var migrations = 0
    var pingPong = 0
    var activeHostIntervals = 0
    /// Seconds hosts were active (faithful mode: a drained host is active until its VMs left).
    var activeSeconds = 0.0
    var violatingSeconds = 0.0
    var requestedMIPSSeconds = 0.0
    var migrationDegradation = 0.0
    var unplaced = Set<Int>()
    var departed = 0
    var records: [SimulationStep] = []
}

/// What this step's migrations do to the accounting of its interval.
struct MigrationEffects {
    var count = 0
    /// Each migrating VM: its source, every destination of the step (CloudSim reserves on each),
    /// the final one, and the migration time (``CloudSimEnergy``).
    var migrating: [(vm: Int, from: Int, targets: [Int], to: Int, seconds: Double)] = []
    /// Longest migration out of / into each host, seconds.
    var leavingSeconds: [Double]
    var arrivingSeconds: [Double]
}

struct Engine {
    let configuration: SimulationConfiguration
    let policy: SimulationPolicy
    let cluster: ReplayCluster
    let steps: Int
    let counted: Int
    let interval: Double
    let hostCount: Int
    let vmCount: Int
    let cpu: Int
    let vmMIPS: [Double]
    let vmRAM: [Double]
    let hostMIPS: [Double]
    let hostCoreMIPS: [Double]
    /// The least of `hostCoreMIPS`: a VM no larger fits one core of every host.
    let smallestCore: Double
    let series: [[Double]]
    var arrival: [Int]
    var departure: [Int]
    var hostEvents: [Int: [(host: Int, action: Scenario.Action)]] = [:]
    var hostOf: [Int?]
    var present: [Bool]
    var inMaintenance: Set<Int> = []
    /// Hosts not yet added (an add-host event later): no VM, no power.
    var notYetAdded: Set<Int> = []
    var lastMove: [Int]
    var lastSource: [Int?]
    var busyUntil: [Int]
    let cooldown: Int
    let margin: Double?
    let vmIDs: [String]
    /// Lowest index of a host of the same type (same capacity and power curve) as each host.
    let hostKind: [Int]
    /// Each host's power at its current load, shared by every PABFD scan of the run (all use `context`'s power).
    let powerMemo: PowerMemo
    /// Whether to skip the shortcuts (see ``SimulationRunner/run(_:exhaustive:)``).
    var exhaustive = false
    /// PABFD's index over the candidate hosts of a phase (``makePlacementIndex()``).
    var placementIndex: PowerAwareBestFitIndex?
    /// The instance of the step under way as its decisions and migration timings see it
    /// (``decisionInstance(step:)``).
    var stepInstance: (step: Int, instance: Instance)?
    /// The hosts' curves as stretches for PABFD's tie-exact increase (vmplace's own mode, every
    /// curve piecewise linear between tenths); `nil` = CloudSim's arithmetic (`--cloudsim-faithful`).
    var stretches: PowerStretches?
    var totals = ReplayTotals()

    init(_ configuration: SimulationConfiguration) throws {
        self.configuration = configuration
        policy = configuration.policy
        guard !configuration.traces.isEmpty else { throw SimulationError.noTraces }
        let cluster = try configuration.cluster()
        self.cluster = cluster
        guard !cluster.template.hosts.isEmpty else { throw SimulationError.noHosts }
        steps = cluster.steps
        guard steps > 0 else { throw SimulationError.noTraces }
        counted = configuration.cloudSimAccounting ? max(0, steps - 1) : steps
        interval = cluster.interval
        hostCount = cluster.template.hosts.count
        vmCount = cluster.template.vms.count
        cpu = cluster.cpu
        vmMIPS = cluster.vmMIPS
        vmRAM = cluster.vmRAM
        hostMIPS = cluster.hostMIPS
        hostCoreMIPS = cluster.hostCoreMIPS
        smallestCore = cluster.hostCoreMIPS.min() ?? 0
        series = cluster.cpuSeries
        arrival = Array(repeating: 0, count: vmCount)
        departure = Array(repeating: Int.max, count: vmCount)
        hostOf = Array(repeating: nil, count: vmCount)
        present = Array(repeating: false, count: vmCount)
        lastMove = Array(repeating: Int.min / 2, count: vmCount)
        lastSource = Array(repeating: nil, count: vmCount)
        busyUntil = Array(repeating: -1, count: vmCount)
        cooldown = configuration.cooldownSteps ?? policy.cooldownSteps
        margin = configuration.marginWatts ?? policy.marginWatts
        vmIDs = cluster.template.vms.map(\.id)
        var firstOfType: [String: Int] = [:]
        hostKind = cluster.template.hosts.enumerated().map { index, host in
            let key = "\(host.capacity.values)|\(cluster.hostPower[index])|\(cluster.hostCoreMIPS[index])"
            if let first = firstOfType[key] { return first }
            firstOfType[key] = index
            return index
        }
        powerMemo = PowerMemo(hostCount: hostCount)
        for (h, host) in cluster.template.hosts.enumerated() where host.state == .maintenance { inMaintenance.insert(h) }
        try resolveEvents(configuration.scenario)
    }

    /// Turns the scenario's events into arrival / departure steps and host events.
    mutating func resolveEvents(_ scenario: Scenario) throws {
        var vmIndex: [String: Int] = [:]
        for (i, id) in vmIDs.enumerated() where vmIndex[id] == nil { vmIndex[id] = i }
        var hostIndex: [String: Int] = [:]
        for (i, host) in cluster.template.hosts.enumerated() where hostIndex[host.id] == nil { hostIndex[host.id] = i }
        for event in scenario.events {
            switch event.action {
            case .arrive, .depart:
                var vm = vmIndex[event.subject]
                if vm == nil, event.subject.hasPrefix("#"), let i = Int(event.subject.dropFirst()), i >= 0, i < vmCount { vm = i }
                guard let vm else { throw SimulationError.scenario("line \(event.line): unknown VM '\(event.subject)'") }
                if event.action == .arrive { arrival[vm] = event.step } else { departure[vm] = event.step }
            case .maintenance, .returnToService, .addHost:
                guard let host = hostIndex[event.subject] ?? Int(event.subject).flatMap({ $0 >= 0 && $0 < hostCount ? $0 : nil }) else {
                    throw SimulationError.scenario("line \(event.line): no host '\(event.subject)' (an id, or an index in 0..<\(hostCount))")
                }
                if event.action == .addHost { notYetAdded.insert(host) }
                hostEvents[event.step, default: []].append((host, event.action))
            }
        }
    }

    func power(_ host: Int, _ utilisation: Double) -> Double { cluster.hostPower[host].watts(at: utilisation) }

    func demand(_ vm: Int, _ step: Int) -> Double { series[vm][min(step, steps - 1)] * vmMIPS[vm] }

    // MARK: - Instance and packing state of a step

    /// The instance of step `step`: the template with each present VM's demand now (or its full
    /// demand, `fullDemand`), hosts in maintenance or not yet added marked as in maintenance.
    func instance(step: Int, fullDemand: Bool = false) -> Instance {
        var instance = cluster.template
        instance.name = "step-\(step)"
        for h in inMaintenance.union(notYetAdded) { instance.hosts[h].state = .maintenance }
        let reserve = fullDemand || cluster.reservationsLimitPacking
        let dimensions = instance.dimensionCount
        for v in 0..<vmCount {
            var values = [Double](repeating: 0, count: dimensions)
            if present[v] {
                for d in 0..<dimensions {
                    if d == cpu {
                        values[d] = fullDemand ? vmMIPS[v] : demand(v, step)
                    } else if reserve {
                        values[d] = fullDemand ? cluster.template.vms[v].demand[d] : cluster.otherDemand(v, d, step)
                    }
                }
            }
            instance.vms[v].demand = ResourceVector(values)
            instance.vms[v].currentHost = hostOf[v]
            instance.vms[v].memoryMiB = vmRAM[v]
        }
        return instance
    }

    /// ``instance(step:fullDemand:)`` of step `k`, built once for the step's decisions and the
    /// timing of its migrations (the placement it records changes only when they are applied).
    mutating func decisionInstance(step k: Int) -> Instance {
        if let cached = stepInstance, cached.step == k { return cached.instance }
        let built = instance(step: k)
        stepInstance = (k, built)
        return built
    }

    func context(step: Int, vmHistory: [[Double]] = []) -> PolicyContext {
        let models = cluster.hostPower
        let table = powerTable
        let power: @Sendable (Int, Double) -> Double
        if let table {
            // 11-point curves in one flat array (exact for SPECpower and linear models).
            power = { host, utilisation in PowerAwareBestFitIndex.tenthsWatts(table, first: host * 11, utilisation: utilisation) }
        } else {
            power = { host, u in models[host].watts(at: u) }
        }
        return PolicyContext(vmHistory: vmHistory, seed: configuration.seed &+ UInt64(step) &* 0x2545_F491_4F6C_DD1D,
                             power: power)
    }

    /// Flat 11-point power tables of all hosts, when every model is linear or has 11 points.
    var powerTable: [Double]? {
        var table: [Double] = []
        table.reserveCapacity(hostCount * 11)
        for model in cluster.hostPower {
            switch model {
            case let .specPower(points) where points.count == 11: table += points
            case .linear: table += (0...10).map { model.watts(at: Double($0) / 10) }
            default: return nil
            }
        }
        return table
    }

    // MARK: - Run

    mutating func run() -> SimulationResult {
        let clock = ContinuousClock.now
        totals = ReplayTotals()
        totals.records.reserveCapacity(steps)
        let book = HostBook(hosts: hostCount, needs: policy.history, vmSeries: series, vmMIPS: vmMIPS, vmRAM: vmRAM,
                            arrival: arrival, hostMIPS: hostMIPS,
                            migrationBandwidth: cluster.migrationBandwidth, interval: interval)
        var progress = ProgressClock(report: configuration.progress, steps: steps)
        stretches = configuration.cloudSimFaithful ? nil : powerTable.flatMap { PowerStretches(capacities: hostMIPS, kinds: hostKind, curves: $0) }
        placementIndex = makePlacementIndex()
        for k in 0..<steps {
            applyEvents(step: k)
            placeArrivals(step: k)
            var moves = evacuateMaintenance(step: k)
            let preOverloaded = overloadedBeforeMigrations(step: k)
            let placementBefore = hostOf
            if decides(at: k) { moves += decide(step: k, book: book) }
            let effects = applyMigrations(moves, step: k)
            stepInstance = nil
            account(step: k, effects: effects, preOverloaded: preOverloaded, placementBefore: placementBefore)
            progress.tick(k + 1)
        }
        return result(elapsed: ContinuousClock.now - clock)
    }

    /// Host events, departures (scenario, and CloudSim's idle VMs with `dropIdleVMs`).
    mutating func applyEvents(step k: Int) {
        for event in hostEvents[k] ?? [] {
            switch event.action {
            case .maintenance: inMaintenance.insert(event.host)
            case .returnToService: inMaintenance.remove(event.host)
            case .addHost: notYetAdded.remove(event.host)
            case .arrive, .depart: break
            }
        }
        for v in 0..<vmCount where present[v] && departure[v] == k { depart(v) }
        if configuration.dropIdleVMs && k >= 1 {
            // CloudSim samples 0.1 s after each step: the demand there is 0 only when this
            // sample and the next are both 0.
            for v in 0..<vmCount where present[v] && series[v][k] == 0 && series[v][min(k + 1, steps - 1)] == 0 && busyUntil[v] < k {
                depart(v)
            }
        }
    }

    mutating func depart(_ v: Int) {
        present[v] = false
        hostOf[v] = nil
        totals.departed += 1
    }

    /// VMs arriving now: at their instance host when it can take them, else placed (initial
    /// placement at step 0).
    mutating func placeArrivals(step k: Int) {
        let arriving = (0..<vmCount).filter { arrival[$0] == k && departure[$0] > k && !totals.unplaced.contains($0) && !present[$0] }
        guard !arriving.isEmpty else { return }
        for v in arriving { present[v] = true }
        var toPlace: [Int] = []
        for v in arriving {
            if k == 0, let host = cluster.initialHost[v], !inMaintenance.contains(host), !notYetAdded.contains(host) {
                hostOf[v] = host
            } else {
                toPlace.append(v)
            }
        }
        let failed = place(toPlace, step: k, initial: k == 0)
        for v in failed {
            present[v] = false
            totals.unplaced.insert(v)
        }
    }

    /// Moves the VMs off hosts that entered maintenance.
    mutating func evacuateMaintenance(step k: Int) -> [Move] {
        let evacuate = (0..<vmCount).filter { v in hostOf[v].map { inMaintenance.contains($0) } ?? false }
        return evacuate.isEmpty ? [] : evacuateVMs(evacuate, step: k)
    }

    /// Hosts overloaded on the placement before this step's migrations: a host overloaded now
    /// stays overloaded until the migrations relieving it complete.
    func overloadedBeforeMigrations(step k: Int) -> [Bool] {
        var preOverloaded = Array(repeating: false, count: hostCount)
        guard k >= 1 else { return preOverloaded }
        var preLoad = Array(repeating: 0.0, count: hostCount)
        for v in 0..<vmCount where present[v] {
            guard let h = hostOf[v] else { continue }
            let d = demand(v, k)
            preLoad[h] += d
            if d > hostCoreMIPS[h] + 1e-9 { preOverloaded[h] = true }
        }
        for h in 0..<hostCount where preLoad[h] > hostMIPS[h] * (1 + 1e-12) { preOverloaded[h] = true }
        if cluster.reservationsLimitPacking && cluster.template.dimensionCount > 1 {
            markOtherDimensionOverloads(step: k, into: &preOverloaded)
        }
        return preOverloaded
    }

    /// Hosts whose demand exceeds capacity in a dimension other than CPU (memory, network).
    func markOtherDimensionOverloads(step k: Int, into overloaded: inout [Bool]) {
        let dimensions = cluster.template.dimensionCount
        var load = Array(repeating: 0.0, count: hostCount * dimensions)
        for v in 0..<vmCount where present[v] {
            guard let h = hostOf[v] else { continue }
            for d in 0..<dimensions where d != cpu { load[h * dimensions + d] += cluster.otherDemand(v, d, k) }
        }
        for h in 0..<hostCount {
            let capacity = cluster.template.hosts[h].capacity
            for d in 0..<dimensions where d != cpu && load[h * dimensions + d] > capacity[d] * (1 + 1e-12) { overloaded[h] = true }
        }
    }

    /// Whether the loop runs at step `k`: a dynamic policy, after the first sample, at its period,
    /// inside a decision window when windows are set.
    func decides(at k: Int) -> Bool {
        guard policy.kind == .dynamic || policy.kind == .reassign, k >= 1 else { return false }
        guard k % max(1, configuration.periodSteps ?? policy.period) == 0 else { return false }
        guard !configuration.decisionWindows.isEmpty else { return true }
        let secondOfDay = (configuration.startSecondOfDay + Double(k) * interval).truncatingRemainder(dividingBy: 86_400)
        return configuration.decisionWindows.contains { $0.contains(secondOfDay) }
    }

    mutating func decide(step k: Int, book: HostBook) -> [Move] {
        if policy.kind == .reassign { return reassign(step: k, book: book) }
        return configuration.cloudSimFaithful ? optimiseCloudSim(step: k, book: book) : optimise(step: k, book: book)
    }

    /// Applies the net move of each VM: its new host, its migration time, ping-pong and PDM.
    mutating func applyMigrations(_ moves: [Move], step k: Int) -> MigrationEffects {
        var effects = MigrationEffects(leavingSeconds: Array(repeating: 0, count: hostCount),
                                       arrivingSeconds: Array(repeating: 0, count: hostCount))
        var net: [Int: (from: Int, to: Int)] = [:]
        var order: [Int] = []
        var targets: [Int: [Int]] = [:]
        for move in moves {
            if let existing = net[move.vm] { net[move.vm] = (existing.from, move.to) } else { net[move.vm] = (move.from, move.to); order.append(move.vm) }
            targets[move.vm, default: []].append(move.to)
        }
        let netMoves: [Move] = order.compactMap { v in net[v].flatMap { $0.from != $0.to ? (v, $0.from, $0.to) : nil } }
        guard !netMoves.isEmpty else { return effects }
        let timings = MigrationTiming.estimates(of: netMoves, instance: decisionInstance(step: k), model: configuration.migrationModel,
                                                gang: configuration.gang)
        for (move, timing) in zip(netMoves, timings) {
            let v = move.vm
            let seconds = timing.totalSeconds
            hostOf[v] = move.to
            effects.leavingSeconds[move.from] = max(effects.leavingSeconds[move.from], seconds)
            // CloudSim migrates a VM once per entry of its migration list (a VM moved twice in a
            // round counts twice) and reserves on every destination.
            let destinations = configuration.cloudSimFaithful ? (targets[v] ?? [move.to]) : [move.to]
            for target in destinations where target != move.from {
                effects.arrivingSeconds[target] = max(effects.arrivingSeconds[target], seconds)
            }
            effects.count += configuration.cloudSimFaithful ? destinations.filter { $0 != move.from }.count : 1
            effects.migrating.append((v, move.from, destinations, move.to, seconds))
            if let source = lastSource[v], source == move.to, k - lastMove[v] <= configuration.pingPongWindow { totals.pingPong += 1 }
            lastSource[v] = move.from
            lastMove[v] = k
            busyUntil[v] = k + max(0, Int((seconds / interval).rounded(.up)) - 1)
            if k < counted {
                let window = interval * Double(max(1, counted - k))
                totals.migrationDegradation += demand(v, k) * timing.degradation(within: window)
            }
        }
        totals.migrations += effects.count
        return effects
    }

    /// Energy, active hosts and SLA time of interval k on the placement after its migrations.
    mutating func account(step k: Int, effects: MigrationEffects, preOverloaded: [Bool], placementBefore: [Int?]) {
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
            if k < counted { totals.requestedMIPSSeconds += d * interval }
        }
        if cluster.reservationsLimitPacking && cluster.template.dimensionCount > 1 {
            markOtherDimensionOverloads(step: k, into: &peakViolation)
        }
        var active = 0
        var activeSeconds = 0.0
        var violating = 0
        var violationSeconds = 0.0
        var stepEnergy = 0.0
        let faithful = configuration.cloudSimFaithful
        for h in 0..<hostCount {
            if policy.kind == .nonPowerAware && !notYetAdded.contains(h) {
                stepEnergy += power(h, 1) * interval
            }
            if faithful && count[h] == 0 && !preOverloaded[h] && effects.leavingSeconds[h] > 0 {
                // CloudSim: a drained host runs (its VMs at 90 %, allocated < requested) until they left.
                let seconds = min(interval, effects.leavingSeconds[h])
                activeSeconds += seconds
                violating += 1
                violationSeconds += seconds
                continue
            }
            guard count[h] > 0 || preOverloaded[h] else { continue }
            active += 1
            activeSeconds += interval
            let overloaded = load[h] > hostMIPS[h] * (1 + 1e-12) || peakViolation[h]
            var seconds = 0.0
            if overloaded {
                seconds = interval
            } else if preOverloaded[h] {
                seconds = effects.leavingSeconds[h] > 0 ? min(interval, effects.leavingSeconds[h]) : interval
            }
            if configuration.cloudSimAccounting { seconds = max(seconds, min(interval, effects.arrivingSeconds[h])) }
            // CloudSim allocates a VM migrating out 90 % of its request: the source violates too.
            if faithful { seconds = max(seconds, min(interval, effects.leavingSeconds[h])) }
            if seconds > 0 {
                violating += 1
                violationSeconds += seconds
            }
            guard count[h] > 0 && !configuration.cloudSimFaithful else { continue }
            if policy.kind != .nonPowerAware {
                let u0 = min(1, load[h] / hostMIPS[h])
                // CloudSim counts a host whose utilisation is 0 at the start of an interval as off.
                if configuration.cloudSimAccounting && u0 == 0 { continue }
                let u1 = min(1, next[h] / hostMIPS[h])
                stepEnergy += (power(h, u0) + power(h, u1)) / 2 * interval
            }
        }
        if configuration.cloudSimFaithful && policy.kind != .nonPowerAware {
            stepEnergy = cloudSimEnergy(step: k, effects: effects, placementBefore: placementBefore)
        }
        if k < counted {
            totals.energyJoules += stepEnergy
            totals.activeHostIntervals += active
            totals.activeSeconds += activeSeconds
            totals.violatingSeconds += violationSeconds
        }
        totals.records.append(SimulationStep(step: k, timeSeconds: Double(k) * interval, vms: presentVMs, activeHosts: active,
                                             overloadedHosts: violating, migrations: effects.count,
                                             energyKWh: k < counted ? stepEnergy / 3.6e6 : 0,
                                             cumulativeEnergyKWh: totals.energyJoules / 3.6e6))
    }

    func result(elapsed: Duration) -> SimulationResult {
        let activeSeconds = configuration.cloudSimFaithful ? totals.activeSeconds : Double(totals.activeHostIntervals) * interval
        let slatah = activeSeconds > 0 ? totals.violatingSeconds / activeSeconds : 0
        let pdm = totals.requestedMIPSSeconds > 0 ? totals.migrationDegradation / totals.requestedMIPSSeconds : 0
        let energy = totals.energyJoules / 3.6e6
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let records = totals.records
        return SimulationResult(policy: policy.name, day: configuration.day, hosts: hostCount, vms: vmCount, steps: steps,
                                accountedSeconds: Double(counted) * interval, energyKWh: energy, migrations: totals.migrations,
                                slatah: slatah, pdm: pdm, slav: slatah * pdm, esv: energy * slatah * pdm,
                                overloadSeconds: totals.violatingSeconds,
                                meanActiveHosts: records.prefix(counted).map { Double($0.activeHosts) }.reduce(0, +) / Double(max(1, counted)),
                                pingPongMigrations: totals.pingPong, unplacedVMs: totals.unplaced.count, departedVMs: totals.departed,
                                elapsedSeconds: seconds, stepRecords: records, warnings: cluster.warnings)
    }
}
