/// Piecewise-linear power curves (11 points, linear between tenths of utilisation) rewritten as
/// *stretches* of equal slope, with PABFD's power increase computed so that mathematically equal
/// increases are equal doubles.
///
/// The increase of a host of CPU capacity C at load L for a demand d is
/// P((L + d)/C) − P(L/C). Interpolating P twice and subtracting (CloudSim's arithmetic) gives
/// hosts whose increases are mathematically equal — every host whose utilisation stays inside
/// one segment gets slope × d/C — different last bits, so the winner among them is decided by
/// rounding. Here:
/// * the 10 segment slopes of every curve are made canonical (slopes equal within a relative
///   1e-9 become one value, the least of them, across all curves), and adjacent segments of
///   one canonical slope merge into one stretch (one line from its first point);
/// * a host whose utilisation before and after the move lies in one stretch s has the increase
///   `slope[s] · (d / C)`, one double for every such host of the capacity C (and for every
///   stretch of that slope); any other host P̃((L + d)/C) − P̃(L/C) on the stretch lines P̃.
///
/// Ties then are real ties, and PABFD breaks them by the lowest host index
/// (``PowerAwareBestFitIndex`` answers them in O(log m)). CloudSim's own arithmetic stays in
/// ``PowerAwareBestFit`` without stretches (`--cloudsim-faithful`).
///
/// Beloglazov & Buyya, CCPE 24(13), 2012, Algorithm 1 (PABFD); SPECpower_ssj2008 11-point curves.
///
/// - Complexity: O(M + K log K) to build for M hosts and K distinct curves; O(S) per increase for
///   S ≤ 10 stretches of a curve.
public struct PowerStretches: Sendable {
    /// Hosts covered (indices 0..<hostCount).
    public let hostCount: Int
    /// Each host's kind (dense; hosts of one kind have one capacity and one curve).
    public let kindOf: [Int]
    public let kindCapacity: [Double]
    /// A host of each kind.
    public let kindRepresentative: [Int]
    /// Stretch i of kind k at `first[k] ..< first[k + 1]`: utilisations `start[i] ..< end[i]`,
    /// power `base[i]` at `start[i]`, canonical slope `slope[i]` (watts per unit utilisation).
    let first: [Int]
    let start: [Double]
    let end: [Double]
    let base: [Double]
    let slope: [Double]

    /// Relative tolerance under which two segment slopes are one.
    static let slopeTolerance = 1e-9

    /// - Parameters:
    ///   - capacities: each host's CPU capacity.
    ///   - kinds: any label per host; hosts with one label must have equal capacity and curve.
    ///   - curves: each host's power at utilisation 0, 0.1, …, 1 (host h at `curves[11 h ..< 11 h + 11]`).
    /// - Returns: `nil` when a curve is not finite.
    public init?(capacities: [Double], kinds: [Int], curves: [Double]) {
        precondition(capacities.count == kinds.count && curves.count == 11 * kinds.count)
        hostCount = capacities.count
        var dense: [Int: Int] = [:]
        var representative: [Int] = []
        kindOf = kinds.enumerated().map { host, label in
            if let k = dense[label] { return k }
            dense[label] = representative.count
            representative.append(host)
            return representative.count - 1
        }
        kindRepresentative = representative
        kindCapacity = representative.map { capacities[$0] }
        let points = representative.map { host in Array(curves[11 * host ..< 11 * host + 11]) }
        guard points.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        let canonical = Self.canonicalSlopes(points.flatMap { p in (0..<10).map { (p[$0 + 1] - p[$0]) * 10 } })
        var first: [Int] = [], start: [Double] = [], end: [Double] = [], base: [Double] = [], slope: [Double] = []
        for (k, p) in points.enumerated() {
            first.append(start.count)
            for segment in 0..<10 {
                let value = canonical[10 * k + segment]
                if segment > 0, slope.last == value {
                    end[end.count - 1] = Double(segment + 1) / 10
                    continue
                }
                start.append(Double(segment) / 10)
                end.append(Double(segment + 1) / 10)
                base.append(p[segment])
                slope.append(value)
            }
        }
        first.append(start.count)
        (self.first, self.start, self.end, self.base, self.slope) = (first, start, end, base, slope)
    }

    /// The slopes with every cluster of values equal within ``slopeTolerance`` (relative)
    /// replaced by its least value: equal slopes become one double.
    static func canonicalSlopes(_ slopes: [Double]) -> [Double] {
        let order = slopes.indices.sorted { slopes[$0] != slopes[$1] ? slopes[$0] < slopes[$1] : $0 < $1 }
        var result = slopes
        var representative = 0.0
        for (position, i) in order.enumerated() {
            let value = slopes[i]
            let previous = position > 0 ? slopes[order[position - 1]] : -Double.infinity
            if position == 0 || value - previous > slopeTolerance * max(1, abs(value), abs(previous)) { representative = value }
            result[i] = representative
        }
        return result
    }

    /// The stretch of `kind` holding utilisation `u` ∈ [0, 1]: the last one starting at or below it.
    @inline(__always) func stretch(_ kind: Int, _ u: Double) -> Int {
        var i = first[kind]
        let last = first[kind + 1] - 1
        while i < last && start[i + 1] <= u { i += 1 }
        return i
    }

    /// P̃(u): the stretch line of `kind` at utilisation `u` (clamped to [0, 1]).
    @inline(__always) public func watts(kind: Int, utilisation: Double) -> Double {
        let u = min(1, max(0, utilisation))
        let i = stretch(kind, u)
        return base[i] + slope[i] * (u - start[i])
    }

    /// The increase of the power of a host of `kind` at CPU `load` when `demand` joins it (see the
    /// type comment); `nil` when the CPU does not fit or the increase is NaN.
    @inline(__always) public func increase(kind: Int, load: Double, demand: Double) -> Double? {
        let capacity = kindCapacity[kind]
        guard capacity > 0, load + demand <= capacity * (1 + 1e-9) else { return nil }
        let u = min(1, max(0, load / capacity))
        let v = min(1, (load + demand) / capacity)
        let s = stretch(kind, u)
        let increase = v <= end[s] ? slope[s] * (demand / capacity) : watts(kind: kind, utilisation: v) - watts(kind: kind, utilisation: u)
        return increase.isNaN ? nil : increase
    }

    /// ``increase(kind:load:demand:)`` of `host`'s kind.
    @inline(__always) public func increase(host: Int, load: Double, demand: Double) -> Double? {
        increase(kind: kindOf[host], load: load, demand: demand)
    }

    /// The stretches of `kind`: (start, end, slope) in utilisation order.
    public func stretches(kind: Int) -> [(start: Double, end: Double, slope: Double)] {
        (first[kind] ..< first[kind + 1]).map { (start[$0], end[$0], slope[$0]) }
    }
}
