import Migration
import PlacementModel

/// How long each migration of a step takes and how much CPU its VM loses, by the live-migration
/// model (Clark et al., NSDI 2005) and, with `gang`, gang migration (Deshpande et al., HPDC 2011:
/// VMs leaving one host for one destination together send the pages they share once).
///
/// CPU lost (PDM, Beloglazov & Buyya 2012 count 10 % of the VM's demand during a migration):
/// pre-copy 10 % over the whole migration; suspend-and-copy all of it (the VM is stopped);
/// post-copy all of it during the downtime and the page-fault stalls. As without gang, transfers
/// to different destinations are not serialised.
///
/// - Complexity: O(g + p) for g moves and p shared-memory pairs.
enum MigrationTiming {
    struct Timing {
        var totalSeconds: Double
        /// Seconds of full CPU lost within the migration (see the type's note).
        var lostSeconds: (Double) -> Double

        /// Seconds of full CPU lost, counting only the first `window` seconds of the migration.
        func degradation(within window: Double) -> Double { lostSeconds(window) }
    }

    static func estimates(of moves: [Move], instance: Instance, model: LiveMigrationModel, gang: Bool) -> [Timing] {
        var estimate: [Int: LiveMigrationEstimate] = [:]
        if gang {
            var bySource: [Int: [MigrationMove]] = [:]
            for move in moves { bySource[move.from, default: []].append(MigrationMove(vm: move.vm, from: move.from, to: move.to)) }
            for (_, group) in bySource where group.count > 1 {
                guard let gangEstimate = try? GangMigration.estimate(instance: instance, moves: group, model: model) else { continue }
                for sub in gangEstimate.subGangs where sub.vms.count > 1 {
                    for vm in sub.vms { estimate[vm] = sub.estimate }
                }
            }
        }
        return moves.map { move in
            let e = estimate[move.vm] ?? instance.migrationEstimate(vm: move.vm, from: move.from, to: move.to, model: model)
            return timing(e, model: model)
        }
    }

    static func timing(_ e: LiveMigrationEstimate, model: LiveMigrationModel) -> Timing {
        switch model {
        case .preCopy:
            return Timing(totalSeconds: e.totalSeconds) { window in 0.1 * min(e.totalSeconds, window) }
        case .suspendAndCopy:
            return Timing(totalSeconds: e.totalSeconds) { window in min(e.totalSeconds, window) }
        case .postCopy:
            return Timing(totalSeconds: e.totalSeconds) { window in min(e.downtimeSeconds + e.degradationSeconds, window) }
        }
    }
}
