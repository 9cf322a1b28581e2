/// What a solve aims at (the survey's goals, plus initial placement).
public enum Goal: String, Sendable, CaseIterable, Codable {
    /// Initial placement: pure vector bin packing, minimise the cost of hosts used.
    case place
    /// Server consolidation: fewest (cheapest) hosts, few migrations.
    case consolidate
    /// Load balancing: lowest maximum utilisation, few migrations.
    case balance
    /// Hotspot mitigation: every host under its overload threshold at least migration cost.
    case hotspot
}
