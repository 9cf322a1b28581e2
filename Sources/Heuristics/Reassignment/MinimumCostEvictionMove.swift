/// Minimum-cost eviction (hotspot): the units that left a host come back to it, and the cheapest
/// sets of its units whose departure brings it under its overload thresholds — a
/// multi-dimensional covering knapsack, solved by depth-first branch and bound over the units in
/// order of cost per unit of relief (Martello & Toth, "Knapsack Problems", Wiley 1990, ch. 2 and
/// 7; covering form) — leave for their best candidate hosts. The best of the few cheapest covers
/// is kept when it improves the score. It reaches what no chain of single moves can: replacing
/// four small migrations off a hot host by one larger, cheaper one (each intermediate step would
/// make the host hot again).
/// A unit no candidate may hold goes wherever any host may hold it, or where room is made for it
/// (``MakeRoomMove``).
/// - Complexity: O(nodes · d) for the covering search (at most ``coverNodeLimit`` nodes over at
///   most ``coverItemLimit`` units) plus O(k · s · c · (d + partners + log m)) to place the units
///   of k covers of s units on c candidates; O(m · d) more for each unit no candidate may hold.
extension ReassignmentState {
    /// Units considered for a cover, cheapest relief first.
    static let coverItemLimit = 40
    /// Nodes of the covering search.
    static let coverNodeLimit = 20_000
    /// Covers tried (the cheapest by the search's estimate of their cost).
    static let coversTried = 6

    /// Applies the best improving re-solve of host `h`'s evictions; returns whether it did.
    /// `returning`: units whose members all have `h` as their current host, now elsewhere;
    /// `candidates`: destination hosts for the evicted units (a unit's own current host is added).
    mutating func resolveEvictions(host h: Int, returning: [Int], candidates: [Int]) -> Bool {
        let before = score
        let start = mark
        for u in returning where model.movable[u] && hostOf(unit: u) != h && model.units[u].allSatisfy({ model.isEligible($0, h) }) {
            move(unit: u, to: h)
        }
        let covers = cheapestCovers(of: h)
        var best = before
        var chosen = -1
        for (index, cover) in covers.enumerated() {
            let inner = mark
            if evict(cover, from: h, candidates: candidates), score < best { best = score; chosen = index }
            rollback(to: inner)
        }
        guard chosen >= 0 else { rollback(to: start); return false }
        _ = evict(covers[chosen], from: h, candidates: candidates)
        return true
    }

    /// Up to ``coversTried`` sets of units on `h` whose demands cover its load above the
    /// thresholds in every dimension, cheapest first by their migrations' cost inside the site
    /// (units that arrived from elsewhere cost nothing to send on). Empty when `h` is not hot.
    func cheapestCovers(of h: Int) -> [[Int]] {
        let d = model.dimensions
        let need = (0..<d).map { k in load[h * d + k] - model.thresholdLoad[h * d + k] }
        return cheapestCovers(on: h, need: need, keep: Self.coversTried)
    }

    /// Up to `keep` sets of the movable units on `h` whose demands sum to at least `need` in every
    /// dimension, cheapest first by their migrations' cost inside the site (units that arrived
    /// from elsewhere cost nothing to send on); `excluding` never leaves. Empty when nothing is needed.
    func cheapestCovers(on h: Int, need: [Double], keep: Int, excluding excluded: Int = -1) -> [[Int]] {
        let d = model.dimensions
        guard need.contains(where: { $0 > 1e-9 }) else { return [] }
        let units = units(on: h, limit: Int.max, excluding: excluded)
        let size = units.map { unitDemand($0) }
        let cost = units.map { u in model.units[u].reduce(0.0) { $0 + (model.home[$1] == h ? model.localMigrationCost[$1] : 0) } }
        let relief = units.indices.map { i in
            (0..<d).reduce(0.0) { sum, k in need[k] > 1e-9 ? sum + min(size[i][k], need[k]) / need[k] : sum }
        }
        let order = units.indices.filter { relief[$0] > 1e-12 }
            .sorted { (cost[$0] / relief[$0], $0) < (cost[$1] / relief[$1], $1) }
            .prefix(Self.coverItemLimit)
        var search = CoverSearch(need: need, size: order.map { size[$0] }, cost: order.map { cost[$0] },
                                 keep: keep, nodeLimit: Self.coverNodeLimit)
        search.run()
        let picked = order.map { units[$0] }
        return search.best.map { cover in cover.items.map { picked[$0] } }
    }

    /// The demand of unit `u` per dimension (its members' sum; shared memory not subtracted).
    /// - Complexity: O(members · d).
    func unitDemand(_ u: Int) -> [Double] {
        let d = model.dimensions
        return (0..<d).map { k in model.units[u].reduce(0.0) { $0 + model.demand[$1 * d + k] } }
    }

    /// Sends every unit of `cover` (largest first) to the candidate where the score is best;
    /// false when one of them has no candidate that may hold it.
    /// When no candidate may hold a unit, ``placeAnywhere(unit:from:makingRoom:)`` looks at
    /// every host and then makes room on one.
    mutating func evict(_ cover: [Int], from h: Int, candidates: [Int]) -> Bool {
        let d = model.dimensions, model = self.model
        func volume(_ u: Int) -> Double {
            model.units[u].reduce(0.0) { s, vm in s + (0..<d).reduce(0.0) { $0 + model.demand[vm * d + $1] / max(model.largestCapacity[$1], 1e-12) } }
        }
        let volumes = cover.map(volume)
        for u in cover.indices.sorted(by: { (volumes[$0], cover[$1]) > (volumes[$1], cover[$0]) }).map({ cover[$0] }) {
            let own = model.home[model.units[u][0]]
            let target = bestTarget(for: u, among: candidates + (own >= 0 && !candidates.contains(own) ? [own] : []), avoiding: [h])
            if target >= 0 {
                move(unit: u, to: target)
            } else if !placeAnywhere(unit: u, from: h, makingRoom: true) {
                return false
            }
        }
        return true
    }
}
