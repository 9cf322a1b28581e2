import Heuristics
import PlacementModel

/// A resource-management policy for trace replay: the trigger ("when"), the VM selection
/// ("which") and the destination ("where"), plus how often it runs, whether under-loaded hosts
/// are drained, and anti-oscillation settings.
///
/// Policy names (one grammar, ``grammar``):
///
///     policy   = "npa" | "dvfs" | "vmplace-portfolio" | dynamic
///     dynamic  = trigger "-" which "-" parameter [ "/" where ]
///     trigger  = thr | iqr | mad | lr | lrw | lrr | kofn | ewma | ar | holt | imbalance
///     which    = mmt | rs | mc | reassign | any selection of the catalogue (may contain dashes:
///                resource-constrained, weighted-sum, vector, affinity, volume, vsr, max, sum, l2, product)
///     where    = pabfd (default) | first-fit | best-fit | worst-fit | least-volume | vector-dot | vector | affinity
///
/// `reassign` as the *which*: at each trigger the reassignment engine (the goal portfolio,
/// goal consolidate, at the instance's migration weight) re-optimises the whole cluster; it
/// takes no *where*.
public struct SimulationPolicy: Sendable {
    public enum Kind: String, Sendable {
        /// No power management: every host on at peak power all the time; no migrations.
        case nonPowerAware
        /// Power follows utilisation (DVFS) but VMs never move.
        case dvfs
        /// The monitor → detect → select → place → migrate loop.
        case dynamic
        /// The trigger of the loop, then the goal portfolio re-optimises the cluster.
        case reassign
    }

    public var name: String
    public var kind: Kind
    public var detector: (any OverloadDetector)?
    public var selection: (any VMSelectionPolicy)?
    /// The "where"; `nil` = power-aware best fit (PABFD) with the detector's overload check.
    public var destination: (any DestinationPolicy)?
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
                destination: (any DestinationPolicy)? = nil,
                period: Int = 1, consolidateUnderloaded: Bool = true, underloadThreshold: Double? = nil,
                cooldownSteps: Int = 0, marginWatts: Double? = nil, drainCeiling: Double? = nil) {
        self.name = name
        self.kind = kind
        self.detector = detector
        self.selection = selection
        self.destination = destination
        self.period = max(1, period)
        self.consolidateUnderloaded = consolidateUnderloaded
        self.underloadThreshold = underloadThreshold
        self.cooldownSteps = cooldownSteps
        self.marginWatts = marginWatts
        self.drainCeiling = drainCeiling
    }

    /// What the policy needs the replay to compute: the detector's needs, and VM histories for
    /// correlation-based selection.
    public var history: HistoryNeeds { detector?.history ?? .none }
    /// Whether the selection reads VM utilisation histories (maximum correlation).
    public var selectionNeedsVMHistory: Bool { selection.map { Self.historySelections.contains($0.name) } ?? false }
    static let historySelections: Set<String> = ["mc"]

    /// The CloudSim policies and vmplace's own, as named in Results/simulation.md.
    public static let examples = [
        "npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2", "lrr-mmt-1.2",
        "thr-rs-0.8", "thr-mc-0.8", "kofn-mmt-0.8", "ewma-mmt-0.8", "ar-mmt-0.8", "holt-mmt-0.8",
        "imbalance-mmt-0.3", "thr-vsr-0.8/vector-dot", "thr-reassign-0.8", "vmplace-portfolio",
    ]

    /// The fixed names (no trigger).
    public static let fixedNames = ["npa", "dvfs", "vmplace-portfolio"]

    /// The selection policies accepted as *which* (besides `reassign`).
    public static var selectionNames: [String] {
        ["mmt", "rs", "mc"] + HeuristicCatalogue.selectionPolicies.map(\.name).filter { !["mmt", "random"].contains($0) }
    }

    /// The destination policies accepted as *where*.
    public static var destinationNames: [String] { ["pabfd"] + HeuristicCatalogue.destinationPolicies.map(\.name) }

    /// The grammar of policy names with every accepted part (the text of the unknown-policy error),
    /// in lines of at most 78 characters.
    public static var grammar: String {
        let thresholds = DetectorRegistry.entries.filter { $0.parameter == .threshold }.map(\.name)
        let factors = DetectorRegistry.entries.filter { $0.parameter == .factor }.map(\.name)
        return """
        npa | dvfs | vmplace-portfolio | <trigger>-<which>-<parameter>[/<where>]
        \(list("trigger, parameter a threshold in (0, 1]: ", thresholds))
        \(list("trigger, parameter a factor ≥ 0: ", factors))
        \(list("which: ", selectionNames + ["reassign"]))
        \(list("where (default pabfd; none with reassign): ", destinationNames))
          e.g. thr-mmt-0.8, lr-mmt-1.2, kofn-rs-0.9, thr-reassign-0.8,
               thr-weighted-sum-0.8/vector-dot
        """
    }

    /// "  label a, b, c" wrapped at 78 characters, continuation lines indented by four.
    static func list(_ label: String, _ names: [String]) -> String {
        var lines: [String] = []
        var line = "  " + label
        for (i, name) in names.enumerated() {
            let item = name + (i + 1 < names.count ? "," : "")
            if line.count + item.count + 1 > 78 {
                lines.append(line)
                line = "    " + item
            } else {
                line += (line.hasSuffix(" ") ? "" : " ") + item
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The selection policy called `name`: `mmt`, `rs` (seeded random), `mc` (maximum
    /// correlation, MMT fallback), or any selection of the Heuristics catalogue.
    public static func selection(named name: String) -> (any VMSelectionPolicy)? {
        switch name {
        case "mmt": return MinimumMigrationTimeSelection()
        case "rs", "random": return RandomSelection()
        case "mc": return MaximumCorrelationSelection(fallback: MinimumMigrationTimeSelection())
        default: return HeuristicCatalogue.selectionPolicy(named: name)
        }
    }

    /// Parses a policy name (see ``grammar``); trigger settings beyond the name's parameter come
    /// from `settings`.
    public static func named(_ name: String, settings: TriggerSettings = TriggerSettings()) throws -> SimulationPolicy {
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
        if let problem = settings.problem { throw SimulationError.badParameter(policy: name, message: problem) }
        let (body, whereName) = splitWhere(lower)
        // Empty parts are kept, so "iqr-mmt--1" is refused rather than read as "iqr-mmt-1".
        let parts = body.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let trigger = DetectorRegistry.entry(named: parts[0]) else {
            throw SimulationError.unknownPolicy(name)
        }
        let whichName = parts[1..<(parts.count - 1)].joined(separator: "-")
        guard let parameter = Double(parts[parts.count - 1]), parameter.isFinite, parameter >= 0,
              !parts[parts.count - 1].contains(where: { $0 == "x" || $0 == "p" }) else {
            throw SimulationError.badParameter(policy: name, message: "the parameter '\(parts[parts.count - 1])' is not a number ≥ 0")
        }
        // Utilisation thresholds are fractions of a host: outside (0, 1] every host, or none, is a hot spot.
        if trigger.parameter == .threshold, !(parameter > 0 && parameter <= 1) {
            throw SimulationError.badParameter(policy: name, message: "the threshold must be a fraction in (0, 1], got \(parts[parts.count - 1])")
        }
        let detector = trigger.make(parameter, settings)
        if whichName == "reassign" {
            guard whereName == nil else {
                throw SimulationError.badParameter(policy: name, message: "reassign chooses its own destinations: no /<where>")
            }
            return SimulationPolicy(name: lower, kind: .reassign, detector: detector)
        }
        guard let selection = selection(named: whichName) else { throw SimulationError.unknownPolicy(name) }
        var destination: (any DestinationPolicy)?
        if let whereName, whereName != "pabfd" {
            guard let found = HeuristicCatalogue.destinationPolicy(named: whereName) else { throw SimulationError.unknownPolicy(name) }
            destination = found
        }
        return SimulationPolicy(name: lower, kind: .dynamic, detector: detector, selection: selection, destination: destination)
    }

    static func splitWhere(_ name: String) -> (body: String, where: String?) {
        guard let slash = name.firstIndex(of: "/") else { return (name, nil) }
        return (String(name[..<slash]), String(name[name.index(after: slash)...]))
    }
}
