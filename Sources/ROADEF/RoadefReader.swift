/// Reads ROADEF/EURO 2012 model, assignment and solution files (whitespace-separated integers, in
/// the order of the official `solution_checker.cc`). Every count and index is checked as it is
/// read; an error names the file, the line, the field (e.g. "machine 12: move cost to machine 7")
/// and what was expected. Counts are bounded before anything is allocated, so a corrupt count
/// cannot exhaust memory.
/// - Complexity: O(file size) time; memory O(model) plus a 1 MiB read buffer.
public enum RoadefReader {
    /// Largest counts accepted (set B/X are 50 000 processes and 5 000 machines).
    public static let maximumResources = 1_000
    public static let maximumMachines = 10_000
    public static let maximumProcesses = 10_000_000
    public static let maximumBalanceCosts = 100_000

    /// Reads a model file.
    public static func readModel(path: String) throws(RoadefInputError) -> RoadefModel {
        var fields = FieldReader(scanner: try IntegerScanner(path: path))
        return try fields.model()
    }

    /// Reads an assignment or solution file: one machine index per process of `model`.
    public static func readAssignment(path: String, model: RoadefModel) throws(RoadefInputError) -> [Int32] {
        var fields = FieldReader(scanner: try IntegerScanner(path: path))
        return try fields.assignment(processCount: model.processCount, machineCount: model.machineCount)
    }
}

/// The field-by-field reading of one file, with the context of every number.
private struct FieldReader {
    let scanner: IntegerScanner

    func error(_ message: String) -> RoadefInputError {
        RoadefInputError(file: scanner.path, line: scanner.line, message: message)
    }

    /// The next integer, which must lie in `range`; `what` names it in an error.
    @inline(__always)
    mutating func integer(_ range: ClosedRange<Int64>, _ what: @autoclosure () -> String) throws(RoadefInputError) -> Int64 {
        switch scanner.next() {
        case .success(let value):
            if range.contains(value) { return value }
            throw error("\(what()): \(value) is out of range, expected \(describe(range))")
        case .failure(.endOfFile):
            throw error("\(what()): the file ends here, expected an integer")
        case .failure(.notAnInteger(let found)):
            throw error("\(what()): found '\(found)', expected an integer")
        case .failure(.outOfRange):
            throw error("\(what()): integer too large, expected \(describe(range))")
        }
    }

    mutating func count(_ maximum: Int, _ what: @autoclosure () -> String) throws(RoadefInputError) -> Int {
        Int(try integer(0...Int64(maximum), what()))
    }

    mutating func index(below count: Int, _ what: @autoclosure () -> String) throws(RoadefInputError) -> Int32 {
        if count == 0 { throw error("\(what()): there are none to refer to") }
        return Int32(try integer(0...Int64(count - 1), what()))
    }

    func describe(_ range: ClosedRange<Int64>) -> String {
        if range.upperBound == Int64.max { return "an integer ≥ \(range.lowerBound)" }
        return "an integer in \(range.lowerBound)…\(range.upperBound)"
    }

    mutating func expectEnd(_ what: String) throws(RoadefInputError) {
        if !scanner.isAtEnd() {
            let extra = scanner.next()
            let found: String
            switch extra {
            case .success(let value): found = String(value)
            case .failure(.notAnInteger(let word)): found = word
            default: found = "more data"
            }
            throw error("unexpected '\(found)' after \(what), expected the end of the file")
        }
    }

    static let nonNegative: ClosedRange<Int64> = 0...Int64.max
    /// Costs and capacities stay below 2^40 so that sums over 50 000 processes fit in Int64.
    static let quantity: ClosedRange<Int64> = 0...(Int64(1) << 40)

    mutating func model() throws(RoadefInputError) -> RoadefModel {
        let resourceCount = try count(RoadefReader.maximumResources, "number of resources")
        var transient = [Bool](), loadCostWeight = [Int64]()
        for r in 0..<resourceCount {
            transient.append(try integer(0...1, "resource \(r): transient flag") == 1)
            loadCostWeight.append(try integer(Self.quantity, "resource \(r): load cost weight"))
        }
        let machines = try machineSection(resourceCount: resourceCount)
        let serviceCount = try count(RoadefReader.maximumProcesses, "number of services")
        var spreadMin = [Int32](), dependencies = [[Int32]]()
        spreadMin.reserveCapacity(serviceCount)
        dependencies.reserveCapacity(serviceCount)
        for s in 0..<serviceCount {
            spreadMin.append(Int32(try integer(0...Int64(machines.count), "service \(s): spreadMin")))
            let dependencyCount = try count(serviceCount, "service \(s): number of dependencies")
            var list = [Int32]()
            for d in 0..<dependencyCount {
                list.append(try index(below: serviceCount, "service \(s): dependency \(d) (a service index)"))
            }
            dependencies.append(list)
        }
        let processes = try processSection(resourceCount: resourceCount, serviceCount: serviceCount)
        let balanceCount = try count(RoadefReader.maximumBalanceCosts, "number of balance costs")
        var balanceCosts = [RoadefModel.BalanceCost]()
        for b in 0..<balanceCount {
            let first = Int(try index(below: resourceCount, "balance cost \(b): resource 1"))
            let second = Int(try index(below: resourceCount, "balance cost \(b): resource 2"))
            let target = try integer(0...1_000_000, "balance cost \(b): target")
            let weight = try integer(Self.quantity, "balance cost \(b): weight")
            balanceCosts.append(.init(first: first, second: second, target: target, weight: weight))
        }
        let weightProcessMove = try integer(Self.quantity, "weight of the process move cost")
        let weightServiceMove = try integer(Self.quantity, "weight of the service move cost")
        let weightMachineMove = try integer(Self.quantity, "weight of the machine move cost")
        try expectEnd("the three move-cost weights")
        return RoadefModel(
            resourceCount: resourceCount, transient: transient, loadCostWeight: loadCostWeight,
            machineCount: machines.count, neighborhood: machines.neighborhood, location: machines.location,
            capacity: machines.capacity, safetyCapacity: machines.safety, machineMoveCost: machines.moveCost,
            serviceCount: serviceCount, spreadMin: spreadMin, dependencies: dependencies,
            processCount: processes.service.count, service: processes.service, requirement: processes.requirement,
            processMoveCost: processes.moveCost, balanceCosts: balanceCosts, weightProcessMove: weightProcessMove,
            weightServiceMove: weightServiceMove, weightMachineMove: weightMachineMove)
    }

    struct Machines {
        var count = 0
        var neighborhood = [Int32](), location = [Int32]()
        var capacity = [Int64](), safety = [Int64](), moveCost = [Int32]()
    }

    mutating func machineSection(resourceCount: Int) throws(RoadefInputError) -> Machines {
        var machines = Machines()
        let count = try count(RoadefReader.maximumMachines, "number of machines")
        machines.count = count
        machines.capacity.reserveCapacity(count * resourceCount)
        machines.safety.reserveCapacity(count * resourceCount)
        machines.moveCost = [Int32](repeating: 0, count: count * count)
        for m in 0..<count {
            machines.neighborhood.append(Int32(try integer(0...Int64(count - 1), "machine \(m): neighborhood")))
            machines.location.append(Int32(try integer(0...Int64(count - 1), "machine \(m): location")))
            for r in 0..<resourceCount {
                machines.capacity.append(try integer(Self.quantity, "machine \(m): capacity of resource \(r)"))
            }
            for r in 0..<resourceCount {
                let safety = try integer(Self.quantity, "machine \(m): safety capacity of resource \(r)")
                let capacity = machines.capacity[m * resourceCount + r]
                if safety > capacity {
                    throw error("machine \(m): safety capacity of resource \(r) is \(safety), expected at most the capacity \(capacity)")
                }
                machines.safety.append(safety)
            }
            try machines.moveCost.withUnsafeMutableBufferPointer { (row: inout UnsafeMutableBufferPointer<Int32>) throws(RoadefInputError) in
                for to in 0..<count {
                    let cost = try integer(0...Int64(Int32.max), "machine \(m): move cost to machine \(to)")
                    if to == m && cost != 0 { throw error("machine \(m): move cost to itself is \(cost), expected 0") }
                    row[m &* count &+ to] = Int32(truncatingIfNeeded: cost)
                }
            }
        }
        return machines
    }

    struct Processes {
        var service = [Int32](), requirement = [Int64](), moveCost = [Int64]()
    }

    mutating func processSection(resourceCount: Int, serviceCount: Int) throws(RoadefInputError) -> Processes {
        var processes = Processes()
        let count = try count(RoadefReader.maximumProcesses, "number of processes")
        processes.service.reserveCapacity(count)
        processes.requirement.reserveCapacity(count * resourceCount)
        processes.moveCost.reserveCapacity(count)
        for p in 0..<count {
            processes.service.append(try index(below: serviceCount, "process \(p): service"))
            for r in 0..<resourceCount {
                processes.requirement.append(try integer(Self.quantity, "process \(p): requirement of resource \(r)"))
            }
            processes.moveCost.append(try integer(Self.quantity, "process \(p): process move cost"))
        }
        return processes
    }

    mutating func assignment(processCount: Int, machineCount: Int) throws(RoadefInputError) -> [Int32] {
        var machines = [Int32]()
        machines.reserveCapacity(processCount)
        for p in 0..<processCount {
            machines.append(try index(below: machineCount, "process \(p): machine (the model has \(processCount) processes)"))
        }
        try expectEnd("the machines of all \(processCount) processes")
        return machines
    }
}
