import PlacementModel

/// Gang migration: VMs that leave one host together send the memory pages they share only once.
///
/// Deshpande, Wang, Gopalan, "Live Gang Migration of Virtual Machines" (HPDC'11). Shared pages
/// are the instance's `sharedMemory` pairs (amounts in MiB, the memory dimension's unit). The
/// VMs going from the source to one destination are migrated as one aggregate pre-copy (or other
/// model): memory = Σ memory − Σ shared amounts of pairs inside that sub-gang (never below the
/// largest member), dirty rate = Σ dirty rates, over the source→destination link. Sub-gangs to
/// different destinations share the source's link, so they run one after the other (total time
/// = Σ, the same as equal sharing for transfer-bound copies); pages shared across destinations
/// are sent to each destination.
///
/// The pairwise model over-counts savings when three or more VMs share the same pages; the
/// clamp to the largest member bounds the error. Disk copy (WAN) is added per VM as in
/// `Instance.migrationEstimate`.
///
/// - Complexity: O(g + p + k·r) for g moves, p shared-memory pairs, k destinations, r rounds.
public enum GangMigration {
    /// Estimate for the VMs of a gang that go to one destination.
    public struct SubGang: Sendable, Hashable {
        public var destination: Int
        public var vms: [Int]
        /// Memory sent without deduplication (Σ memory), MiB.
        public var memoryMiB: Double
        /// Memory not sent because pages are shared inside the sub-gang, MiB.
        public var savedMiB: Double
        public var estimate: LiveMigrationEstimate
    }

    /// Estimate for a gang of moves from one source host.
    public struct Estimate: Sendable, Hashable {
        public var source: Int
        public var subGangs: [SubGang]
        /// Σ sub-gang times (they share the source's link).
        public var totalSeconds: Double
        /// Longest downtime of a sub-gang (all VMs of a sub-gang stop together).
        public var downtimeSeconds: Double
        public var transferredMiB: Double
        /// Σ shared memory not sent, MiB.
        public var savedMiB: Double
        /// The same moves one by one, each with its own estimate, for comparison.
        public var individualTotalSeconds: Double
        public var individualTransferredMiB: Double
    }

    /// Errors in a gang's description.
    public enum GangError: Error, Equatable, CustomStringConvertible {
        case emptyGang
        case differentSources(vm: Int, expected: Int, found: Int)
        case invalidReference(String)
        public var description: String {
            switch self {
            case .emptyGang: return "a gang needs at least one move"
            case let .differentSources(vm, expected, found):
                return "gang moves must share one source host: move of VM #\(vm) leaves host #\(found), not #\(expected)"
            case let .invalidReference(message): return message
            }
        }
    }

    /// Estimates moving `moves` (all leaving one host) as a gang.
    /// `sharingBandwidthWith` transfers (this gang included) share the links equally.
    public static func estimate(instance: Instance, moves: [MigrationMove],
                                model: LiveMigrationModel = .preCopy,
                                sharingBandwidthWith concurrent: Int = 1) throws -> Estimate {
        guard let first = moves.first else { throw GangError.emptyGang }
        let source = first.from
        for move in moves {
            guard instance.vms.indices.contains(move.vm), instance.hosts.indices.contains(move.from),
                  instance.hosts.indices.contains(move.to) else {
                throw GangError.invalidReference("gang move of VM #\(move.vm) from #\(move.from) to #\(move.to) names a VM or host that does not exist")
            }
            if move.from != source { throw GangError.differentSources(vm: move.vm, expected: source, found: move.from) }
        }
        var byDestination: [Int: [Int]] = [:]
        for move in moves { byDestination[move.to, default: []].append(move.vm) }
        var subGangs: [SubGang] = []
        var individualTime = 0.0
        var individualBytes = 0.0
        for destination in byDestination.keys.sorted() {
            let vms = Array(Set(byDestination[destination] ?? [])).sorted()
            let members = Set(vms)
            let memory = vms.reduce(0.0) { $0 + instance.migrationMemoryMiB(vm: $1) }
            let largest = vms.map { instance.migrationMemoryMiB(vm: $0) }.max() ?? 0
            var shared = 0.0
            for pair in instance.sharedMemory where members.contains(pair.first) && members.contains(pair.second) && pair.first != pair.second {
                shared += max(0, pair.amount)
            }
            let aggregate = max(largest, memory - shared)
            let saved = memory - aggregate
            let dirty = vms.reduce(0.0) { $0 + max(0, instance.vms[$1].dirtyRateMiBps ?? 0) }
            let bandwidth = instance.migrationBandwidth(from: source, to: destination) / Double(max(1, concurrent))
            var estimate = model.estimate(memoryMiB: aggregate, dirtyRateMiBps: dirty, bandwidthMiBps: bandwidth,
                                          maxRounds: instance.migration.maxPreCopyRounds,
                                          stopCopyThresholdMiB: instance.migration.stopCopyThresholdMiB)
            if instance.migrationCopiesDisk(from: source, to: destination) {
                let disk = vms.reduce(0.0) { $0 + max(0, instance.vms[$1].diskGiB ?? 0) } * 1024
                estimate.totalSeconds += disk / bandwidth
                estimate.transferredMiB += disk
            }
            for vm in vms {
                let single = instance.migrationEstimate(vm: vm, from: source, to: destination, model: model,
                                                        sharingBandwidthWith: concurrent)
                individualTime += single.totalSeconds
                individualBytes += single.transferredMiB
            }
            subGangs.append(SubGang(destination: destination, vms: vms, memoryMiB: memory, savedMiB: saved, estimate: estimate))
        }
        return Estimate(source: source, subGangs: subGangs,
                        totalSeconds: subGangs.reduce(0) { $0 + $1.estimate.totalSeconds },
                        downtimeSeconds: subGangs.map(\.estimate.downtimeSeconds).max() ?? 0,
                        transferredMiB: subGangs.reduce(0) { $0 + $1.estimate.transferredMiB },
                        savedMiB: subGangs.reduce(0) { $0 + $1.savedMiB },
                        individualTotalSeconds: individualTime, individualTransferredMiB: individualBytes)
    }
}
