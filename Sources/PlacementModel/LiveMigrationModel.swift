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
