import PlacementModel

/// The cluster one replay runs on, whether it came from a preset data centre (hosts and VM
/// types) or from an instance file (hosts, VMs, rules, sharing, thresholds, network): the
/// template instance of the packing steps (every VM at its full static demand), the CPU series of
/// every VM, the series of its other traced dimensions, and the per-host numbers the loop reads.
struct ReplayCluster {
    /// Hosts, rules and network; each VM's demand is its static demand (100 % of its trace).
    var template: Instance
    var cpu: Int
    var hostMIPS: [Double]
    /// Largest CPU demand one VM can get on each host (one core for the presets).
    var hostCoreMIPS: [Double]
    var hostPower: [PowerModel]
    /// MiB/s of one migration out of each host (history of forecasting detectors).
    var migrationBandwidth: [Double]
    var vmMIPS: [Double]
    var vmRAM: [Double]
    /// CPU demand per step as a fraction of `vmMIPS` (a VM without a trace: 1 at every step).
    var cpuSeries: [[Double]]
    /// Absolute demand per step of a VM's traced non-CPU dimensions: `otherSeries[v][d]`.
    var otherSeries: [[Int: [Double]]]
    /// Whether non-CPU demand limits packing after creation (false: CloudSim's PlanetLab set-up).
    var reservationsLimitPacking: Bool
    /// Where each VM starts (the instance's current host), `nil` = placed at step 0.
    var initialHost: [Int?]
    /// Whether empty hosts of one kind are interchangeable (no VM restricted to some hosts).
    var interchangeableEmptyHosts: Bool
    var steps: Int
    var interval: Double
    /// Things the user should know (traces matching no VM, VMs without a trace).
    var warnings: [String]

    /// Demand of `vm` in dimension `d` (≠ CPU) at `step`: its traced value, else its static demand.
    @inline(__always) func otherDemand(_ vm: Int, _ d: Int, _ step: Int) -> Double {
        if let series = otherSeries[vm][d] { return series[min(step, series.count - 1)] }
        return template.vms[vm].demand[d]
    }
}

extension ReplayCluster {
    /// The preset path: a data centre and one trace per VM (VM i gets trace i and its type).
    static func from(dataCenter centre: DataCenter, traces: [UtilisationTrace], steps: Int) -> ReplayCluster {
        let count = traces.count
        let types = (0..<count).map { centre.vmTypes[centre.vmType(of: $0, count: count)] }
        let hosts = centre.hosts.enumerated().map { index, type in
            Host(id: "h\(index)", capacity: ResourceVector([type.totalMIPS, type.ramMiB, type.bandwidthMbps]),
                 idleWatts: type.power.idleWatts, peakWatts: type.power.peakWatts)
        }
        let vms = zip(traces, types).map { trace, type in
            VirtualMachine(id: trace.name, demand: ResourceVector([type.mips, type.ramMiB, type.bandwidthMbps]), memoryMiB: type.ramMiB)
        }
        let bandwidth = centre.hosts.map(\.migrationBandwidthMiBps).min() ?? 62.5
        let template = Instance(name: "replay", dimensions: ["cpu", "mem", "net"], hosts: hosts, vms: vms,
                                network: NetworkModel(bandwidthMiBps: bandwidth))
        return ReplayCluster(template: template, cpu: 0, hostMIPS: centre.hosts.map(\.totalMIPS),
                             hostCoreMIPS: centre.hosts.map(\.mipsPerCore), hostPower: centre.hosts.map(\.power),
                             migrationBandwidth: centre.hosts.map(\.migrationBandwidthMiBps),
                             vmMIPS: types.map(\.mips), vmRAM: types.map(\.ramMiB),
                             cpuSeries: traces.map { Array($0.cpu.prefix(steps)) },
                             otherSeries: Array(repeating: [:], count: count),
                             reservationsLimitPacking: centre.reservationsLimitPacking,
                             initialHost: Array(repeating: nil, count: count), interchangeableEmptyHosts: true,
                             steps: steps, interval: centre.intervalSeconds, warnings: [])
    }

    /// The instance path: the instance's hosts and VMs; trace `t` drives the VM whose id is the
    /// trace's name (or the name without its extension). A VM without a trace keeps its static
    /// demand; a trace matching no VM is reported in `warnings`. Power is linear between each
    /// host's idle and peak watts (0 W when the instance gives none).
    static func from(instance: Instance, traces: [UtilisationTrace], steps requested: Int?, interval: Double) throws -> ReplayCluster {
        guard !instance.hosts.isEmpty else { throw SimulationError.noHosts }
        let cpu = instance.dimensions.firstIndex { $0.lowercased() == "cpu" } ?? 0
        var vmIndex: [String: Int] = [:]
        for (i, vm) in instance.vms.enumerated() { vmIndex[vm.id] = i }
        var traceOf = [UtilisationTrace?](repeating: nil, count: instance.vms.count)
        var warnings: [String] = []
        for trace in traces {
            let stem = trace.name.split(separator: ".").dropLast().joined(separator: ".")
            guard let v = vmIndex[trace.name] ?? (stem.isEmpty ? nil : vmIndex[stem]) else {
                warnings.append("trace \(trace.name) matches no VM of the instance: ignored")
                continue
            }
            traceOf[v] = trace
        }
        let traced = traceOf.compactMap { $0 }
        guard !traced.isEmpty else {
            throw SimulationError.badSetting("no trace matches a VM of the instance (trace names are VM ids, with or without extension)")
        }
        let shortest = traced.map(\.cpu.count).min() ?? 0
        let steps = min(requested ?? shortest, shortest)
        let untraced = traceOf.filter { $0 == nil }.count
        if untraced > 0 { warnings.append("\(untraced) VM(s) without a trace keep their static demand") }
        let memory = instance.memoryDimension
        let network = instance.dimensions.firstIndex { ["net", "network", "bw", "bandwidth"].contains($0.lowercased()) }
        var other: [[Int: [Double]]] = []
        for (v, trace) in traceOf.enumerated() {
            var series: [Int: [Double]] = [:]
            if let trace {
                let vm = instance.vms[v]
                for (name, fractions) in trace.dimensionFractions {
                    guard let d = instance.dimensions.firstIndex(where: { $0.lowercased() == name.lowercased() }), d != cpu else { continue }
                    series[d] = fractions.prefix(steps).map { $0 * vm.demand[d] }
                }
                if let memory, series[memory] == nil, let used = trace.memoryMiB, let provisioned = trace.memoryCapacityMiB, provisioned > 0 {
                    series[memory] = used.prefix(steps).map { $0 / provisioned * vm.demand[memory] }
                }
                if let network, network != cpu, series[network] == nil, let rates = trace.networkMbps {
                    series[network] = Array(rates.prefix(steps))
                }
            }
            other.append(series)
        }
        let power = instance.hosts.map { host -> PowerModel in
            let idle = host.idleWatts ?? 0
            return .linear(idleWatts: idle, peakWatts: max(idle, host.peakWatts ?? idle))
        }
        if instance.hosts.allSatisfy({ $0.idleWatts == nil && $0.peakWatts == nil }) {
            warnings.append("no host has idleWatts/peakWatts: energy is 0")
        }
        let interchangeable = instance.vms.allSatisfy { $0.allowedHosts == nil && $0.forbiddenHosts.isEmpty && !$0.pinned }
        var template = instance
        for h in template.hosts.indices where template.hosts[h].state == .off { template.hosts[h].state = .on }
        return ReplayCluster(template: template, cpu: cpu, hostMIPS: instance.hosts.map { $0.capacity[cpu] },
                             hostCoreMIPS: instance.hosts.map { $0.capacity[cpu] }, hostPower: power,
                             migrationBandwidth: instance.hosts.map { _ in instance.network.bandwidthMiBps },
                             vmMIPS: instance.vms.map { $0.demand[cpu] },
                             vmRAM: instance.vms.indices.map { instance.migrationMemoryMiB(vm: $0) },
                             cpuSeries: traceOf.map { trace in trace.map { Array($0.cpu.prefix(steps)) } ?? Array(repeating: 1, count: steps) },
                             otherSeries: other, reservationsLimitPacking: true,
                             initialHost: instance.vms.map(\.currentHost), interchangeableEmptyHosts: interchangeable,
                             steps: steps, interval: interval, warnings: warnings)
    }
}
