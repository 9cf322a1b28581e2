import PlacementModel

/// A printable summary of a migration plan (the `plan` field of the CLI's solution JSON): moves,
/// waves, makespan, bytes, downtime, WAN needs and blocked moves. Host and VM references are ids.
///
/// Makespan = Σ over waves of the longest move of the wave (waves are barriers); each move's time
/// is its estimate in the plan (bandwidth shared inside the wave by `MigrationPlanner`), else
/// `Instance.migrationEstimate` for the move alone.
public struct PlanReport: Sendable, Hashable, Codable {
    /// One move of the plan.
    public struct Move: Sendable, Hashable, Codable {
        public var wave: Int
        public var vm: String
        public var from: String
        public var to: String
        public var seconds: Double
        public var downtimeSeconds: Double
        public var transferredMiB: Double
        /// `Instance.migrationCost` of this hop.
        public var cost: Double
        /// A temporary hop (the VM's destination is not its target).
        public var temporary: Bool
        /// WAN: the local disk is copied (sites share no storage).
        public var copiesDisk: Bool
        /// WAN: the VM's IP address must be reconfigured (different subnets).
        public var needsIPReconfiguration: Bool
    }
    /// A move that could not be scheduled.
    public struct Blocked: Sendable, Hashable, Codable {
        public var vm: String
        public var from: String
        public var to: String
        public var reason: String
    }

    public var reachesTarget: Bool
    public var moveCount: Int
    public var waveCount: Int
    /// Moves to a temporary host (cycle breaking).
    public var temporaryMoves: Int
    public var makespanSeconds: Double
    /// Duration of each wave, seconds.
    public var waveSeconds: [Double]
    public var transferredMiB: Double
    public var totalDowntimeSeconds: Double
    /// Σ `Instance.migrationCost` over all hops.
    public var totalCost: Double
    public var diskCopyMoves: Int
    public var ipReconfigurationMoves: Int
    public var moves: [Move]
    public var blocked: [Blocked]

    /// Summarises `plan`; `target` tells temporary hops from final ones (every move is final
    /// when it is nil).
    public init(instance: Instance, plan: MigrationPlan, target: Placement? = nil,
                model: LiveMigrationModel = .preCopy) {
        var moves: [Move] = []
        var waveSeconds: [Double] = []
        for (w, wave) in plan.waves.enumerated() {
            var longest = 0.0
            for move in wave {
                let estimate = move.estimate ?? instance.migrationEstimate(vm: move.vm, from: move.from, to: move.to, model: model)
                let wan = WideAreaMigration.assess(instance: instance, vm: move.vm, from: move.from, to: move.to)
                let temporary = target.map { $0.hostOfVM.indices.contains(move.vm) && $0[move.vm] != move.to } ?? false
                longest = max(longest, estimate.totalSeconds)
                moves.append(Move(wave: w + 1, vm: instance.vms[move.vm].id, from: instance.hosts[move.from].id,
                                  to: instance.hosts[move.to].id, seconds: estimate.totalSeconds,
                                  downtimeSeconds: estimate.downtimeSeconds, transferredMiB: estimate.transferredMiB,
                                  cost: instance.migrationCost(vm: move.vm, from: move.from, to: move.to),
                                  temporary: temporary, copiesDisk: wan.copiesDisk,
                                  needsIPReconfiguration: wan.needsIPReconfiguration))
            }
            waveSeconds.append(longest)
        }
        self.moves = moves
        self.waveSeconds = waveSeconds
        reachesTarget = plan.reachesTarget
        moveCount = moves.count
        waveCount = plan.waves.count
        temporaryMoves = moves.filter(\.temporary).count
        makespanSeconds = waveSeconds.reduce(0, +)
        transferredMiB = moves.reduce(0) { $0 + $1.transferredMiB }
        totalDowntimeSeconds = moves.reduce(0) { $0 + $1.downtimeSeconds }
        totalCost = moves.reduce(0) { $0 + $1.cost }
        diskCopyMoves = moves.filter(\.copiesDisk).count
        ipReconfigurationMoves = moves.filter(\.needsIPReconfiguration).count
        blocked = plan.blocked.map {
            Blocked(vm: instance.vms.indices.contains($0.vm) ? instance.vms[$0.vm].id : "#\($0.vm)",
                    from: instance.hosts.indices.contains($0.from) ? instance.hosts[$0.from].id : "#\($0.from)",
                    to: instance.hosts.indices.contains($0.to) ? instance.hosts[$0.to].id : "#\($0.to)",
                    reason: $0.reason)
        }
    }
}

extension MigrationPlanner {
    /// The summary of a plan (see ``PlanReport``).
    public static func summary(instance: Instance, plan: MigrationPlan, target: Placement? = nil,
                               options: Options = Options()) -> PlanReport {
        PlanReport(instance: instance, plan: plan, target: target, model: options.model)
    }
}
