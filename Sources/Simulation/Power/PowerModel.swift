/// Power drawn by a host as a function of its CPU utilisation.
///
/// `specPower` interpolates linearly between 11 measured points at 0 %, 10 %, …, 100 % load, as
/// CloudSim's `PowerModelSpecPower` does with SPECpower_ssj2008 results (Beloglazov & Buyya,
/// CCPE 2012, Table 1).
public enum PowerModel: Sendable, Hashable {
    /// Watts at 0 %, 10 %, …, 100 % CPU (11 values).
    case specPower([Double])
    /// idle + (peak − idle) · utilisation.
    case linear(idleWatts: Double, peakWatts: Double)

    /// HP ProLiant ML110 G4 (Xeon 3040, 2 × 1860 MHz): SPECpower 2011-01-27-00342.
    public static let hpProLiantMl110G4 = PowerModel.specPower([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117])
    /// HP ProLiant ML110 G5 (Xeon 3075, 2 × 2660 MHz): SPECpower 2011-01-24-00339.
    public static let hpProLiantMl110G5 = PowerModel.specPower([93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135])

    /// Watts at `utilisation` (clamped to [0, 1]).
    public func watts(at utilisation: Double) -> Double {
        let u = min(1, max(0, utilisation.isNaN ? 0 : utilisation))
        switch self {
        case let .linear(idle, peak):
            return idle + (peak - idle) * u
        case let .specPower(points):
            guard points.count >= 2 else { return points.first ?? 0 }
            let steps = Double(points.count - 1)
            let position = u * steps
            let lower = min(points.count - 2, Int(position.rounded(.down)))
            let fraction = position - Double(lower)
            return points[lower] + (points[lower + 1] - points[lower]) * fraction
        }
    }

    public var idleWatts: Double { watts(at: 0) }
    public var peakWatts: Double { watts(at: 1) }
}
