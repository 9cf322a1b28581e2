import Foundation
import GRDB

/// One night in the history.
public struct NightRecord: Sendable, Hashable {
    public var date: String
    public var vms: Int
    public var hostsNeeded: Int
    public var lowerBound: Int
    public var hostsNeededPeakSizing: Int
    public var hostsWithFailover: Int
    public var hotSpots: Int
    /// Mean backtest MASE of the first dimension (CPU), nil without a backtest.
    public var forecastMASE: Double?

    public init(date: String, vms: Int, hostsNeeded: Int, lowerBound: Int, hostsNeededPeakSizing: Int, hostsWithFailover: Int,
                hotSpots: Int, forecastMASE: Double?) {
        self.date = date
        self.vms = vms
        self.hostsNeeded = hostsNeeded
        self.lowerBound = lowerBound
        self.hostsNeededPeakSizing = hostsNeededPeakSizing
        self.hostsWithFailover = hostsWithFailover
        self.hotSpots = hotSpots
        self.forecastMASE = forecastMASE
    }
}
