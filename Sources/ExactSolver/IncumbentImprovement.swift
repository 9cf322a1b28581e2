import Heuristics
import PlacementModel

/// The primal side of the packing pipeline when the certified bound and the incumbent still
/// differ after column generation and diving: seeded ruin and recreate (``Heuristics/RuinAndRecreate``)
/// from the incumbent, told the certified bound so that it stops as soon as it reaches it. Runs
/// in rounds of `iterationsPerRound` with seeds 1, 2, …, at most `rounds`, polling the deadline
/// between rounds; each round starts from the best packing so far.
///
/// Schrimpf, Schneider, Stamm-Wilbrandt, Dueck, "Record breaking optimization results using the
/// ruin and recreate principle", J. Computational Physics 159 (2000).
///
/// - Complexity: at most `rounds` · `iterationsPerRound` ruin-and-recreate iterations (see
///   ``Heuristics/RuinAndRecreate``), stopped at the deadline between rounds.
enum IncumbentImprovement {
    static let rounds = 8
    static let iterationsPerRound = 100

    /// A packing with fewer hosts than `placement` that passes the checker, or nil.
    static func ruinAndRecreate(_ instance: Instance, _ placement: Placement, lowerBound: Int,
                                deadline: Deadline) -> Placement? {
        var best = placement
        var improved = false
        for round in 0..<rounds where !deadline.isExpired && best.usedHosts.count > lowerBound {
            let (candidate, _) = RuinAndRecreate.improve(instance, best, iterations: iterationsPerRound,
                                                         seed: UInt64(round + 1), lowerBound: lowerBound)
            guard candidate.usedHosts.count < best.usedHosts.count,
                  PlacementChecker.check(instance, candidate).isEmpty else { continue }
            best = candidate
            improved = true
        }
        return improved ? best : nil
    }
}
