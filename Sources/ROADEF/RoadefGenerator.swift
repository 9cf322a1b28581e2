import PlacementModel

/// Writes seeded synthetic ROADEF models of a chosen size (e.g. set B's largest: 50 000
/// processes, 5 000 machines, a 25 M-entry machine move cost matrix) to measure the reader, and
/// a feasible initial assignment for them. Processes are spread round-robin so that the initial
/// assignment respects capacity (requirements are sized from it), conflicts and spread.
/// - Complexity: O(M² + P·R) time; the text is produced in chunks handed to `write`.
public enum RoadefGenerator {
    public struct Size: Sendable {
        public var processes: Int, machines: Int, resources: Int, services: Int
        public var neighborhoods: Int, locations: Int, balanceCosts: Int
        public init(processes: Int, machines: Int, resources: Int, services: Int, neighborhoods: Int, locations: Int, balanceCosts: Int) {
            self.processes = processes
            self.machines = machines
            self.resources = resources
            self.services = services
            self.neighborhoods = neighborhoods
            self.locations = locations
            self.balanceCosts = balanceCosts
        }
        /// The size of set B's largest instances (b_10-like).
        public static let setB = Size(processes: 50_000, machines: 5_000, resources: 6, services: 5_000,
                                      neighborhoods: 50, locations: 25, balanceCosts: 1)
    }

    /// Streams the model text through `write` in pieces of about 1 MiB.
    public static func writeModel(_ size: Size, seed: UInt64, write: (String) throws -> Void) rethrows {
        var random = SplitMix64(seed: seed)
        var text = ""
        text.reserveCapacity(1 << 21)
        func flush(_ force: Bool = false) throws {
            if force || text.utf8.count > 1 << 20 { try write(text); text.removeAll(keepingCapacity: true) }
        }
        text += "\(size.resources)\n"
        for r in 0..<size.resources { text += "\(r == 0 ? 1 : 0) \(r < 2 ? 10 : 1)\n" }
        text += "\(size.machines)\n"
        let perMachine = (size.processes + size.machines - 1) / size.machines
        for m in 0..<size.machines {
            text += "\(m % size.neighborhoods) \(m % size.locations)"
            for _ in 0..<size.resources { text += " \(2 * 100 * perMachine)" }
            for _ in 0..<size.resources { text += " \(100 * perMachine)" }
            for to in 0..<size.machines { text += to == m ? " 0" : " \(random.next() % 3)" }
            text += "\n"
            try flush()
        }
        text += "\(size.services)\n"
        for s in 0..<size.services { text += s > 0 && s % 10 == 0 ? "1 1 \(s - 1)\n" : "1 0\n" }
        text += "\(size.processes)\n"
        let perService = (size.processes + size.services - 1) / size.services
        for p in 0..<size.processes {
            text += "\(min(p / perService, size.services - 1))"
            for _ in 0..<size.resources { text += " \(1 + random.next() % 100)" }
            text += " \(1 + random.next() % 10)\n"
            try flush()
        }
        text += "\(size.balanceCosts)\n"
        for b in 0..<size.balanceCosts { text += "\(b % size.resources) \((b + 1) % size.resources) 1\n10\n" }
        text += "1 10 100\n"
        try flush(true)
    }

    /// An assignment of the generated model: process p on machine p mod M, within capacity and
    /// free of conflicts (a service's processes are consecutive, so on distinct machines). Dependencies are not arranged, so
    /// it is for measuring reading and scoring, not a feasible start for the solver.
    public static func assignment(_ size: Size) -> String {
        var text = ""
        for p in 0..<size.processes { text += "\(p % size.machines)\(p % 40 == 39 ? "\n" : " ")" }
        return text + "\n"
    }
}
