/// An ordered plan from a current to a target placement. Moves of one wave run in parallel; a
/// moving VM holds capacity on both its source and its destination until its wave ends. A VM
/// may move more than once (through a spare host to break a cycle).
public struct MigrationPlan: Sendable, Hashable {
    public var waves: [[MigrationMove]]
    /// VMs whose move could not be scheduled safely, with the reason (empty when the plan reaches
    /// the target).
    public var blocked: [BlockedMove]
    public init(waves: [[MigrationMove]] = [], blocked: [BlockedMove] = []) {
        self.waves = waves
        self.blocked = blocked
    }

    /// A move that could not be made safe.
    public struct BlockedMove: Sendable, Hashable {
        public var vm: Int
        public var from: Int
        public var to: Int
        public var reason: String
        public init(vm: Int, from: Int, to: Int, reason: String) {
            self.vm = vm
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    public var moves: [MigrationMove] { waves.flatMap { $0 } }
    public var reachesTarget: Bool { blocked.isEmpty }
}
