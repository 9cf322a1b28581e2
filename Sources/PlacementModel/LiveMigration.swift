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
