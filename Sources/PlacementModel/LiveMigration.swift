/// Live-migration cost models from Clark et al., "Live Migration of Virtual Machines"
/// (NSDI'05), as summarised in the survey (Mishra et al. 2012, "live migration" box).
/// Pure functions of memory size, page-dirty rate and bandwidth. The `Migration` module builds
/// gang and WAN migration and plan sequencing on these.
public enum LiveMigrationModel: String, Sendable, CaseIterable, Codable {
    /// Suspend the VM, copy all memory, resume: downtime = total time = memory / bandwidth.
    case suspendAndCopy
    /// Iterative pre-copy of dirtied pages, then a short stop-and-copy (Clark et al.).
    case preCopy
    /// Stop, move CPU state, resume at the destination and fetch pages on demand.
    case postCopy
}

/// Estimated cost of one live migration.
public struct LiveMigrationEstimate: Sendable, Hashable {
    /// From start of the migration to the VM running at the destination alone, in seconds.
    public var totalSeconds: Double
    /// Time the VM does not run, in seconds.
    public var downtimeSeconds: Double
    /// Memory sent over the network, MiB.
    public var transferredMiB: Double
    /// Pre-copy rounds run (including the final stop-and-copy); 1 for the other models.
    public var rounds: Int
    /// Post-copy: expected time the VM stalls on remote page faults, seconds.
    public var degradationSeconds: Double

    public init(totalSeconds: Double, downtimeSeconds: Double, transferredMiB: Double, rounds: Int,
                degradationSeconds: Double = 0) {
        self.totalSeconds = totalSeconds
        self.downtimeSeconds = downtimeSeconds
        self.transferredMiB = transferredMiB
        self.rounds = rounds
        self.degradationSeconds = degradationSeconds
    }
}

extension LiveMigrationModel {
    /// Estimates one migration.
    ///
    /// - Pre-copy: round 0 sends all memory `M` in `M/B`; round `i` sends what was dirtied during
    ///   round `i−1`, `V_i = min(M, D·t_{i−1})`. Rounds stop when `V_i ≤ stopCopyThreshold`, when
    ///   `maxRounds` pre-copy rounds have run, or when a round would send no less than the one
    ///   before (dirty rate ≥ bandwidth); then the VM is paused and `V_i` is sent (downtime).
    /// - Post-copy: downtime is the CPU state (`cpuStateMiB / B`); all memory is then sent once;
    ///   the VM stalls on faults for `pageFaultFraction` of the transfer time.
    /// - Complexity: O(maxRounds).
    public func estimate(memoryMiB: Double, dirtyRateMiBps: Double, bandwidthMiBps: Double,
                         maxRounds: Int = 30, stopCopyThresholdMiB: Double = 50,
                         cpuStateMiB: Double = 1, pageFaultFraction: Double = 0.1) -> LiveMigrationEstimate {
        let bandwidth = max(bandwidthMiBps, .leastNonzeroMagnitude)
        switch self {
        case .suspendAndCopy:
            let time = memoryMiB / bandwidth
            return LiveMigrationEstimate(totalSeconds: time, downtimeSeconds: time, transferredMiB: memoryMiB, rounds: 1)
        case .postCopy:
            let downtime = cpuStateMiB / bandwidth
            let transfer = memoryMiB / bandwidth
            return LiveMigrationEstimate(totalSeconds: downtime + transfer, downtimeSeconds: downtime,
                                         transferredMiB: memoryMiB + cpuStateMiB, rounds: 1,
                                         degradationSeconds: pageFaultFraction * transfer)
        case .preCopy:
            var toSend = memoryMiB
            var total = 0.0
            var sent = 0.0
            var rounds = 0
            while rounds < maxRounds {
                let time = toSend / bandwidth
                total += time
                sent += toSend
                rounds += 1
                let dirtied = min(memoryMiB, max(0, dirtyRateMiBps) * time)
                let converging = dirtied < toSend
                toSend = dirtied
                if toSend <= stopCopyThresholdMiB || !converging { break }
            }
            let downtime = toSend / bandwidth
            return LiveMigrationEstimate(totalSeconds: total + downtime, downtimeSeconds: downtime,
                                         transferredMiB: sent + toSend, rounds: rounds + 1)
        }
    }
}

extension Instance {
    /// Memory to copy when migrating `vm`, MiB: its `memoryMiB`, else its demand in the memory
    /// dimension, else 0.
    public func migrationMemoryMiB(vm: Int) -> Double {
        if let memory = vms[vm].memoryMiB { return memory }
        if let dimension = memoryDimension { return vms[vm].demand[dimension] }
        return 0
    }

    /// Bandwidth for a migration between two hosts, MiB/s: the declared link between their sites,
    /// else the instance's default.
    public func migrationBandwidth(from source: Int, to destination: Int) -> Double {
        network.link(between: hosts[source].site, hosts[destination].site)?.bandwidthMiBps ?? network.bandwidthMiBps
    }

    /// Whether a migration between the hosts must copy the local disk too (different sites
    /// without shared storage; Bradford et al., VEE'07).
    public func migrationCopiesDisk(from source: Int, to destination: Int) -> Bool {
        guard let a = hosts[source].site, let b = hosts[destination].site, a != b else { return false }
        return !(network.link(between: a, b)?.sharedStorage ?? false)
    }

    /// Pre-copy estimate of moving `vm` from `source` to `destination` (disk copy included when
    /// the sites share no storage). `sharingBandwidthWith` migrations (itself included) share the
    /// link equally, so each gets `bandwidth / sharingBandwidthWith` (plan waves; default 1).
    public func migrationEstimate(vm: Int, from source: Int, to destination: Int,
                                  model: LiveMigrationModel = .preCopy,
                                  sharingBandwidthWith concurrent: Int = 1) -> LiveMigrationEstimate {
        let bandwidth = migrationBandwidth(from: source, to: destination) / Double(max(1, concurrent))
        var estimate = model.estimate(memoryMiB: migrationMemoryMiB(vm: vm),
                                      dirtyRateMiBps: vms[vm].dirtyRateMiBps ?? 0,
                                      bandwidthMiBps: bandwidth,
                                      maxRounds: migration.maxPreCopyRounds,
                                      stopCopyThresholdMiB: migration.stopCopyThresholdMiB)
        if migrationCopiesDisk(from: source, to: destination), let disk = vms[vm].diskGiB, disk > 0 {
            let diskMiB = disk * 1024
            estimate.totalSeconds += diskMiB / bandwidth
            estimate.transferredMiB += diskMiB
        }
        return estimate
    }

    /// THE migration cost used by every heuristic, the exact model and the reports: the VM's
    /// explicit `migrationCost` if given, else the estimated pre-copy migration time in seconds.
    /// Zero when the VM does not move or has no current host.
    public func migrationCost(vm: Int, to destination: Int?) -> Double {
        migrationCost(vm: vm, from: vms[vm].currentHost, to: destination)
    }

    /// The same cost for one hop from `source` (which may be an intermediate host of a plan).
    public func migrationCost(vm: Int, from source: Int?, to destination: Int?) -> Double {
        guard let source, let destination, source != destination else { return 0 }
        if let explicit = vms[vm].migrationCost { return explicit }
        return migrationEstimate(vm: vm, from: source, to: destination).totalSeconds
    }
}
