import Foundation

/// Incremental per-host history and VM lists during one decision step (a reference so the
/// destination policy's overload check can read it).
final class HostBook: @unchecked Sendable {
    /// Longest history kept (CloudSim: 30 samples; more for seasonal forecasts).
    let window: Int
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
    var needsMigrationTime: Bool
    let vmSeries: [[Double]]
    let vmMIPS: [Double]
    let vmRAM: [Double]
    let arrival: [Int]
    let hostMIPS: [Double]
    let migrationBandwidth: [Double]
    var step = 0
    var interval: Double
    var meanUtilisation = 0.0

    init(hosts: Int, needs: HistoryNeeds, vmSeries: [[Double]], vmMIPS: [Double], vmRAM: [Double], arrival: [Int],
         hostMIPS: [Double], migrationBandwidth: [Double], interval: Double) {
        hostCount = hosts
        window = max(1, needs.hostSamples)
        needsHistory = needs.hostSamples > 0
        needsMigrationTime = needs.migrationTime
        history = .allocate(capacity: hosts * window)
        history.initialize(repeating: 0, count: hosts * window)
        lagged = .allocate(capacity: vmSeries.count * window)
        lagged.initialize(repeating: 0, count: vmSeries.count * window)
        vmsOnHost = Array(repeating: [], count: hosts)
        lags = 0
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
        lags = needsHistory ? min(window, step) : 0
        for h in 0..<hostCount {
            vmsOnHost[h].removeAll(keepingCapacity: true)
        }
        history.update(repeating: 0, count: hostCount * window)
        for vm in vmSeries.indices {
            for j in 0..<lags { lagged[vm * window + j] = sample(vm, j) }
        }
        for (vm, host) in placement.enumerated() { if let host { add(vm, host) } }
    }

    func add(_ vm: Int, _ host: Int) {
        vmsOnHost[host].append(vm)
        if lags > 0 {
            let scale = vmMIPS[vm] / hostMIPS[host]
            let row = history + host * window, samples = lagged + vm * window
            for j in 0..<lags { row[j] += samples[j] * scale }
        }
    }

    func remove(_ vm: Int, _ host: Int) {
        if let i = vmsOnHost[host].firstIndex(of: vm) { vmsOnHost[host].remove(at: i) }
        if lags > 0 {
            let scale = vmMIPS[vm] / hostMIPS[host]
            let row = history + host * window, samples = lagged + vm * window
            for j in 0..<lags { row[j] = max(0, row[j] - samples[j] * scale) }
        }
    }

    /// The observation of `host` with CPU `load` (MIPS), optionally as if `adding` were on it.
    func observation(host: Int, load: Double, adding: Int? = nil) -> HostObservation {
        var hist: [Double] = []
        if lags > 0 {
            let row = history + host * window
            hist = withUnsafeTemporaryAllocation(of: Double.self, capacity: lags) { values in
                for j in 0..<lags { values[j] = row[j] }
                if let adding {
                    let scale = vmMIPS[adding] / hostMIPS[host]
                    let samples = lagged + adding * window
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

