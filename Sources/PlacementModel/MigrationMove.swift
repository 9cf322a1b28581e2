/// One live migration in a plan.
public struct MigrationMove: Sendable, Hashable {
    public var vm: Int
    public var from: Int
    public var to: Int
    /// Estimated cost of the move, when the planner computed it.
    public var estimate: LiveMigrationEstimate?
    public init(vm: Int, from: Int, to: Int, estimate: LiveMigrationEstimate? = nil) {
        self.vm = vm
        self.from = from
        self.to = to
        self.estimate = estimate
    }
}
