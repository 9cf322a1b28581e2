/// Imbalance trigger: a host is relieved when its CPU demand exceeds the data centre's mean
/// utilisation of active hosts by more than `margin` (or exceeds 1), so load flows from the
/// busiest hosts towards the others (the survey's "load imbalance" trigger; VectorDot, Singh et
/// al., SC 2008, balances the same way).
///
/// - Complexity: O(1).
public struct ImbalanceDetector: OverloadDetector {
    public var margin: Double
    public init(margin: Double) { self.margin = margin }
    public var name: String { "imbalance" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012 (imbalance); Singh et al., SC 2008" }
    public var history: HistoryNeeds { .none }
    public func isOverloaded(_ host: HostObservation) -> Bool {
        host.utilisation > 1 || host.utilisation > host.dataCentreMeanUtilisation + margin
    }
}
