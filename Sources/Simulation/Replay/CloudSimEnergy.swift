/// Energy of one interval as CloudSim 4.0's `PowerDatacenter` accounts it (`--cloudsim-faithful`):
/// re-accounted at every migration completion. The interval [t₀, t₁] is cut at the completion
/// times; on each piece [a, b] a host draws (P(u(a)) + P(u(b))) / 2 · (b − a), nothing when
/// u(a) = 0 (`getEnergyLinearInterpolation`). u(t₀) is the placement before the step's
/// decisions (CloudSim updates, then optimises); u(b) is taken before the migrations completing
/// at b, u(a) after those completing at a; a VM still migrating counts 90 % on its source and
/// 10 % on each destination (`VmSchedulerTimeShared`); demand is interpolated linearly between
/// samples (`UtilizationModelPlanetLabInMemory`).
///
/// - Complexity: O((c + 1)·(N + M)) for c distinct completion times in the interval.
enum CloudSimEnergy {}

extension Engine {
    func cloudSimEnergy(step k: Int, effects: MigrationEffects, placementBefore: [Int?]) -> Double {
        let completions = Array(Set(effects.migrating.map { min($0.seconds, interval) })).filter { $0 > 0 && $0 < interval }.sorted()
        let bounds = [0.0] + completions + [interval]
        var migrationOf: [Int: Int] = [:]
        for (i, m) in effects.migrating.enumerated() { migrationOf[m.vm] = i }
        var energy = 0.0
        for piece in 0..<(bounds.count - 1) {
            let a = bounds[piece], b = bounds[piece + 1]
            let from = piece == 0 ? loadsBeforeDecisions(step: k, placement: placementBefore)
                : loads(step: k, at: a, effects: effects, migrationOf: migrationOf, completedAt: { $0 <= a })
            let to = loads(step: k, at: b, effects: effects, migrationOf: migrationOf, completedAt: { $0 < b })
            for h in 0..<hostCount where from[h] > 0 {
                let u0 = min(1, from[h] / hostMIPS[h]), u1 = min(1, to[h] / hostMIPS[h])
                energy += (power(h, u0) + power(h, u1)) / 2 * (b - a)
            }
        }
        return energy
    }

    /// Demand of VM v at `offset` seconds into interval k (linear between samples k and k + 1).
    func interpolatedDemand(_ v: Int, step k: Int, offset: Double) -> Double {
        let now = demand(v, k), next = demand(v, k + 1)
        return now + (next - now) * offset / interval
    }

    /// Host loads at the start of interval k on the placement before the step's decisions.
    func loadsBeforeDecisions(step k: Int, placement: [Int?]) -> [Double] {
        var load = Array(repeating: 0.0, count: hostCount)
        for v in 0..<vmCount where present[v] {
            if let h = placement[v] ?? hostOf[v] { load[h] += demand(v, k) }
        }
        return load
    }

    /// Host loads at `offset` into interval k: migrations whose time satisfies `completedAt` have
    /// completed (VM on its final host), the others count 90 % on the source, 10 % per destination.
    func loads(step k: Int, at offset: Double, effects: MigrationEffects, migrationOf: [Int: Int],
               completedAt: (Double) -> Bool) -> [Double] {
        var load = Array(repeating: 0.0, count: hostCount)
        for v in 0..<vmCount where present[v] {
            guard let h = hostOf[v] else { continue }
            let d = interpolatedDemand(v, step: k, offset: offset)
            if let i = migrationOf[v], !completedAt(effects.migrating[i].seconds) {
                let m = effects.migrating[i]
                load[m.from] += 0.9 * d
                for target in m.targets where target != m.from { load[target] += 0.1 * d }
            } else {
                load[h] += d
            }
        }
        return load
    }
}
