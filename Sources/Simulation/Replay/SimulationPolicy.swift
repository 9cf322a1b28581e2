import Heuristics
import PlacementModel

/// A resource-management policy for trace replay: the trigger ("when"), the VM selection
/// ("which") and the destination ("where", always power-aware best fit here), plus how often it
/// runs, whether under-loaded hosts are drained, and anti-oscillation settings.
public struct SimulationPolicy: Sendable {
    public enum Kind: String, Sendable {
        /// No power management: every host on at peak power all the time; no migrations.
        case nonPowerAware
        /// Power follows utilisation (DVFS) but VMs never move.
        case dvfs
        /// The monitor → detect → select → place → migrate loop.
        case dynamic
    }

    public var name: String
    public var kind: Kind
    public var detector: (any OverloadDetector)?
    public var selection: (any VMSelectionPolicy)?
    /// Decide every `period` steps (periodic trigger); 1 = every step.
    public var period: Int
    /// Drain under-loaded hosts (least loaded first) so they can be switched off.
    public var consolidateUnderloaded: Bool
    /// Cold-spot threshold: only hosts whose CPU utilisation is below it are drained; `nil` =
    /// CloudSim's rule (any active host, least loaded first, until no host can be drained).
    public var underloadThreshold: Double?
    /// Anti-oscillation: a VM migrated fewer than this many steps ago is not moved again.
    public var cooldownSteps: Int
    /// Anti-oscillation: draining a host must save more than this many watts (its power now minus
    /// the power its VMs add elsewhere).
    public var marginWatts: Double?
    /// Anti-oscillation (hysteresis): hosts receiving VMs from a drained host must stay at or below
    /// this CPU utilisation (below the overload trigger), so consolidation does not create the
    /// next hot spot; `nil` = only the trigger's own check (CloudSim).
    public var drainCeiling: Double?

    public init(name: String, kind: Kind, detector: (any OverloadDetector)? = nil, selection: (any VMSelectionPolicy)? = nil,
                period: Int = 1, consolidateUnderloaded: Bool = true, underloadThreshold: Double? = nil,
                cooldownSteps: Int = 0, marginWatts: Double? = nil, drainCeiling: Double? = nil) {
        self.name = name
        self.kind = kind
        self.detector = detector
        self.selection = selection
        self.period = max(1, period)
        self.consolidateUnderloaded = consolidateUnderloaded
        self.underloadThreshold = underloadThreshold
        self.cooldownSteps = cooldownSteps
        self.marginWatts = marginWatts
        self.drainCeiling = drainCeiling
    }

    /// Policy names understood by ``named(_:)`` (examples; parameters are free).
    public static let examples = [
        "npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2",
        "thr-rs-0.8", "thr-mc-0.8", "kofn-mmt-0.8", "ewma-mmt-0.8", "imbalance-mmt-0.3", "vmplace-portfolio",
    ]

    /// The selection policy called `name`: `mmt`, `rs` (seeded random), `mc` (maximum
    /// correlation, MMT fallback), or any one-word selection of the Heuristics catalogue
    /// (`vsr`, `volume`, `max`, `sum`, `l2`, `product`, `vector`, `affinity`).
    public static func selection(named name: String) -> (any VMSelectionPolicy)? {
        switch name {
        case "mmt": return MinimumMigrationTimeSelection()
        case "rs", "random": return RandomSelection()
        case "mc": return MaximumCorrelationSelection(fallback: MinimumMigrationTimeSelection())
        // Any other "which" of the Heuristics catalogue whose name has no dash (vsr, volume, max, …).
        default: return HeuristicCatalogue.selectionPolicy(named: name)
        }
    }

    /// Parses `npa`, `dvfs`, `vmplace-portfolio` or `<trigger>-<selection>-<parameter>` with
    /// trigger `thr` (threshold), `iqr`/`mad` (safety s), `lr`/`lrr` (safety s), `lrw` (LR with
    /// tricube weights), `kofn` (Sandpiper 3 of 5 above the threshold), `ewma` (forecast above the
    /// threshold, α = 0.5), `imbalance` (margin above the mean); selection `mmt`, `rs`, `mc`.
    public static func named(_ name: String) throws -> SimulationPolicy {
        let lower = name.lowercased()
        switch lower {
        case "npa": return SimulationPolicy(name: lower, kind: .nonPowerAware)
        case "dvfs": return SimulationPolicy(name: lower, kind: .dvfs)
        case "vmplace-portfolio":
            // THR 0.8 hot spots, MMT, PABFD; consolidation with hysteresis (receivers stay ≤ 60 %)
            // and a 2-step cool-down: CloudSim's THR-MMT loop without its ping-pong.
            return SimulationPolicy(name: lower, kind: .dynamic, detector: StaticThresholdDetector(threshold: 0.8),
                                    selection: MinimumMigrationTimeSelection(), cooldownSteps: 2, marginWatts: 0,
                                    drainCeiling: 0.6)
        default: break
        }
        // Empty parts are kept, so "iqr-mmt--1" is refused rather than read as "iqr-mmt-1".
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let parameter = Double(parts[2]), parameter.isFinite, parameter >= 0 else {
            throw SimulationError.unknownPolicy(name)
        }
        // Utilisation thresholds are fractions of a host: outside (0, 1] every host, or none, is a hot spot.
        if ["thr", "kofn", "ewma"].contains(parts[0]), !(parameter > 0 && parameter <= 1) {
            throw SimulationError.badParameter(policy: name, message: "the threshold must be a fraction in (0, 1], got \(parts[2])")
        }
        guard let selection = selection(named: parts[1]) else { throw SimulationError.unknownPolicy(name) }
        let detector: any OverloadDetector
        switch parts[0] {
        case "thr": detector = StaticThresholdDetector(threshold: parameter)
        case "iqr": detector = InterQuartileRangeDetector(safety: parameter)
        case "mad": detector = MedianAbsoluteDeviationDetector(safety: parameter)
        case "lr": detector = LocalRegressionDetector(safety: parameter)
        case "lrw": detector = LocalRegressionDetector(safety: parameter, weighted: true)
        case "lrr": detector = RobustLocalRegressionDetector(safety: parameter)
        case "kofn": detector = KOfNHotSpotDetector(threshold: parameter)
        case "ewma": detector = ExponentialSmoothingDetector(threshold: parameter)
        case "imbalance": detector = ImbalanceDetector(margin: parameter)
        default: throw SimulationError.unknownPolicy(name)
        }
        return SimulationPolicy(name: lower, kind: .dynamic, detector: detector, selection: selection)
    }
}
