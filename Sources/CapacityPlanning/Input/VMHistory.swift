/// The utilisation history of one VM, one series per inventory dimension, on a regular time grid.
public struct VMHistory: Sendable, Hashable {
    /// VM id (the trace file name without `.csv`, or the plain-CSV column header).
    public var id: String
    /// `series[k][t]`: demand in dimension k at step t, in the units of the inventory's capacities.
    public var series: [[Double]]
    /// Provisioned capacity per dimension when the trace or the inventory states it.
    public var provisioned: [Double?]
    /// The trace file the history came from (for messages).
    public var source: String

    public init(id: String, series: [[Double]], provisioned: [Double?], source: String) {
        self.id = id
        self.series = series
        self.provisioned = provisioned
        self.source = source
    }
}
