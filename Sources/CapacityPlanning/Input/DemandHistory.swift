/// Every VM's history on one grid: step 0 starts at midnight UTC of `startDate`.
public struct DemandHistory: Sendable, Hashable {
    /// Dimension names, as in the inventory.
    public var dimensions: [String]
    /// Seconds between steps.
    public var intervalSeconds: Double
    /// The day step 0 belongs to.
    public var startDate: PlanningDate
    public var vms: [VMHistory]

    public init(dimensions: [String], intervalSeconds: Double, startDate: PlanningDate, vms: [VMHistory]) {
        self.dimensions = dimensions
        self.intervalSeconds = intervalSeconds
        self.startDate = startDate
        self.vms = vms
    }

    /// Steps in one day (288 for 5-minute samples).
    public var stepsPerDay: Int { max(1, Int((86_400 / intervalSeconds).rounded())) }
    /// Steps of history (the shortest VM's).
    public var stepCount: Int { vms.map { $0.series.first?.count ?? 0 }.min() ?? 0 }

    /// The history cut to its first `steps` steps.
    public func prefix(_ steps: Int) -> DemandHistory {
        var copy = self
        copy.vms = vms.map { vm in
            var v = vm
            v.series = vm.series.map { Array($0.prefix(steps)) }
            return v
        }
        return copy
    }

    /// Steps `range` of every series (e.g. the held-out days of a backtest).
    public func slice(_ range: Range<Int>) -> [[[Double]]] {
        vms.map { vm in vm.series.map { Array($0[range]) } }
    }
}
