/// Sizes each VM from a demand series over the horizon (the upper forecast, or the actual demand
/// for a backtest's oracle):
/// * time slots: one value per dimension and slot of the day (`slotMinutes`, 24 hourly slots by
///   default), the sizing statistic of the steps that fall in that slot on any day of the horizon —
///   VMs whose peaks do not coincide can then share a host;
/// * peak sizing: one value per dimension, the statistic over the whole horizon.
///
/// Time-slot ("temporal") vector packing: Verma, Dasgupta, Nayak, De, Kothari, "Server workload
/// analysis for power minimization using consolidation", USENIX ATC 2009 (correlation-aware
/// placement); Chen, Shen, "Effective VM sizing in virtualized data centers", IFIP/IEEE IM 2011.
///
/// - Complexity: O(VMs · d · steps · log steps).
public struct SlotSizing: Sendable, Hashable {
    /// Slots per day.
    public var slots: Int
    /// Dimensions of the inventory.
    public var dimensions: Int
    /// `slotDemand[v][k * slots + s]`.
    public var slotDemand: [[Double]]
    /// `peakDemand[v][k]`.
    public var peakDemand: [[Double]]

    /// `series[v][k][h]` is step h of the horizon, which starts at phase `phase` of the day (`m` steps per day).
    public static func make(_ series: [[[Double]]], stepsPerDay m: Int, phase: Int, slotMinutes: Int,
                            intervalSeconds: Double, statistic: SizingStatistic) -> SlotSizing {
        let stepsPerSlot = max(1, Int((Double(slotMinutes) * 60 / intervalSeconds).rounded()))
        let slots = max(1, (m + stepsPerSlot - 1) / stepsPerSlot)
        let d = series.first?.count ?? 0
        var slotDemand: [[Double]] = []
        var peakDemand: [[Double]] = []
        slotDemand.reserveCapacity(series.count)
        var buckets = [[Double]](repeating: [], count: slots)
        for vm in series {
            var slotRow = [Double](repeating: 0, count: d * slots)
            var peakRow = [Double](repeating: 0, count: d)
            for k in 0..<d {
                for s in 0..<slots { buckets[s].removeAll(keepingCapacity: true) }
                for (h, value) in vm[k].enumerated() { buckets[((phase + h) % m) / stepsPerSlot].append(value) }
                for s in 0..<slots { slotRow[k * slots + s] = Quantile.of(buckets[s], statistic.quantile) }
                peakRow[k] = Quantile.of(vm[k], statistic.quantile)
            }
            slotDemand.append(slotRow)
            peakDemand.append(peakRow)
        }
        return SlotSizing(slots: slots, dimensions: d, slotDemand: slotDemand, peakDemand: peakDemand)
    }
}
