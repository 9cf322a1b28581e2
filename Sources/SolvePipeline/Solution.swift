import InstanceFormats
import Migration
import PlacementModel

/// A solution as `vmplace solve` writes it (format `vmplace-solution`, version 1; JSON Schema in
/// `Instances/solution.schema.json`, every field in `Instances/README.md`). Built only by the
/// pipeline from a verified outcome: every figure in it is recomputed from the placement.
/// Codable, so programs can read solution files back; ``json`` renders the canonical bytes
/// (keys in this order, numbers as `JSONOutput` writes them).
public struct Solution: Sendable, Hashable, Codable {
    public var format = "vmplace-solution"
    public var version = 1
    public var instance: String
    public var goal: Goal
    public var method: String
    /// What was found: optimal, feasible, infeasible, timeLimit (nothing found in time), error.
    public var status: SolutionStatus
    /// Why the solve ended, apart from what it found.
    public var termination: Termination
    public var objective: Double?
    /// A proven lower bound on the objective, or nil.
    public var bound: Double?
    /// (objective − bound) / |objective| (0 when both are 0), or nil without a bound.
    public var gap: Double?
    public var hostsUsed: Int?
    public var hostCost: Double?
    public var migrations: Int?
    public var forcedMigrations: Int?
    public var migrationCost: Double?
    public var maximumUtilisation: Double?
    /// VM id → host id (nil = unplaced), in instance order; nil without a placement.
    public var placement: PlacementMap?
    public var unplaced: [Unplaced]
    /// The capacity-safe migration plan when the placement differs from the current one.
    public var plan: Plan?
    /// Load and utilisation of every used host, in instance order.
    public var hosts: [HostUse]
    public var checker: CheckerVerdict
    public var notes: [String]

    /// One VM's host.
    public struct Assignment: Sendable, Hashable, Codable {
        public var vm: String
        public var host: String?
    }

    /// The placement as the file has it: an object VM id → host id or null. Encoded in the
    /// order of `assignments`; decoded in the order the decoder lists the keys (JSON objects
    /// carry no order: look VMs up by id).
    public struct PlacementMap: Sendable, Hashable, Codable {
        public var assignments: [Assignment]

        public init(_ assignments: [Assignment]) { self.assignments = assignments }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            assignments = try container.allKeys.map { key in
                Assignment(vm: key.stringValue, host: try container.decodeIfPresent(String.self, forKey: key))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for assignment in assignments {
                if let host = assignment.host {
                    try container.encode(host, forKey: Key(stringValue: assignment.vm))
                } else {
                    try container.encodeNil(forKey: Key(stringValue: assignment.vm))
                }
            }
        }
    }

    public struct Unplaced: Sendable, Hashable, Codable {
        public var vm: String
        public var reason: String
    }

    /// The plan: its totals (`PlanReport`), its waves and the moves it could not schedule.
    public struct Plan: Sendable, Hashable, Codable {
        public var reachesTarget: Bool
        public var moves: Int
        public var waveCount: Int
        public var temporaryMoves: Int
        public var makespanSeconds: Double
        public var transferredMiB: Double
        public var totalDowntimeSeconds: Double
        public var totalCost: Double
        public var diskCopyMoves: Int
        public var ipReconfigurationMoves: Int
        public var moveDetails: [MoveDetail]
        public var waves: [[WaveMove]]
        public var blocked: [Blocked]
    }

    public struct MoveDetail: Sendable, Hashable, Codable {
        public var wave: Int
        public var vm: String
        public var from: String
        public var to: String
        public var temporary: Bool
        public var copiesDisk: Bool
        public var needsIPReconfiguration: Bool
        public var cost: Double
    }

    public struct WaveMove: Sendable, Hashable, Codable {
        public var vm: String
        public var from: String
        public var to: String
        public var seconds: Double?
        public var downtimeSeconds: Double?
        public var transferredMiB: Double?
    }

    public struct Blocked: Sendable, Hashable, Codable {
        public var vm: String
        public var from: String
        public var to: String
        public var reason: String
    }

    public struct HostUse: Sendable, Hashable, Codable {
        public var id: String
        public var vms: Int
        public var load: [Double]
        public var utilisation: [Double]
    }

    public struct CheckerVerdict: Sendable, Hashable, Codable {
        public var passed: Bool
        public var violations: [String]
    }
}

extension Solution {
    /// The solution of `result` (its objective already recomputed) with its verification, plan and
    /// migration-budget use (its forced count; computed here when not given).
    public init(instance: Instance, result: SolveResult, verification: Verification, plan: MigrationPlan?,
                planReport: PlanReport?, budget: MigrationBudgetUse? = nil) {
        self.instance = instance.name
        goal = result.goal
        method = result.method
        status = result.status
        termination = result.termination
        objective = result.objective
        bound = result.bound
        if let objective = result.objective, let bound = result.bound {
            gap = abs(objective) > 1e-12 ? max(0, (objective - bound) / abs(objective)) : (objective == bound ? 0 : 1)
        }
        unplaced = result.unplaced.map { Unplaced(vm: instance.vms[$0.vm].id, reason: $0.reason) }
        checker = CheckerVerdict(passed: verification.passed, violations: verification.problems)
        notes = result.notes
        hosts = []
        if let placement = result.placement { describe(placement, of: instance, budget: budget) }
        if let plan, let planReport { self.plan = Plan(plan, report: planReport, instance: instance) }
    }

    private mutating func describe(_ placement: Placement, of instance: Instance, budget: MigrationBudgetUse?) {
        hostsUsed = placement.usedHosts.count
        hostCost = instance.hostCost(placement)
        migrations = instance.migrationCount(placement)
        forcedMigrations = budget?.forced ?? instance.forcedMigrations.count(instance, placement).forced
        migrationCost = instance.totalMigrationCost(placement)
        maximumUtilisation = instance.maximumUtilisation(placement)
        self.placement = PlacementMap(instance.vms.indices.map { v in
            Assignment(vm: instance.vms[v].id, host: placement[v].map { instance.hosts[$0].id })
        })
        let loads = instance.hostLoads(placement)
        let byHost = placement.vmsByHost(hostCount: instance.hosts.count)
        hosts = instance.hosts.indices.filter { !byHost[$0].isEmpty }.map { h in
            HostUse(id: instance.hosts[h].id, vms: byHost[h].count, load: loads[h].values,
                    utilisation: loads[h].normalized(by: instance.hosts[h].capacity))
        }
    }
}

extension Solution.Plan {
    init(_ plan: MigrationPlan, report: PlanReport, instance: Instance) {
        reachesTarget = report.reachesTarget
        moves = report.moveCount
        waveCount = report.waveCount
        temporaryMoves = report.temporaryMoves
        makespanSeconds = report.makespanSeconds
        transferredMiB = report.transferredMiB
        totalDowntimeSeconds = report.totalDowntimeSeconds
        totalCost = report.totalCost
        diskCopyMoves = report.diskCopyMoves
        ipReconfigurationMoves = report.ipReconfigurationMoves
        moveDetails = report.moves.map {
            Solution.MoveDetail(wave: $0.wave, vm: $0.vm, from: $0.from, to: $0.to, temporary: $0.temporary,
                                copiesDisk: $0.copiesDisk, needsIPReconfiguration: $0.needsIPReconfiguration, cost: $0.cost)
        }
        waves = plan.waves.map { wave in
            wave.map { move in
                Solution.WaveMove(vm: instance.vms[move.vm].id, from: instance.hosts[move.from].id,
                                  to: instance.hosts[move.to].id, seconds: move.estimate?.totalSeconds,
                                  downtimeSeconds: move.estimate?.downtimeSeconds,
                                  transferredMiB: move.estimate?.transferredMiB)
            }
        }
        blocked = plan.blocked.map {
            Solution.Blocked(vm: instance.vms[$0.vm].id, from: instance.hosts[$0.from].id, to: instance.hosts[$0.to].id,
                             reason: $0.reason)
        }
    }
}

extension Solution {
    /// The canonical JSON text (keys in declaration order, two-space indentation, numbers as
    /// `JSONOutput.format` writes them): the same solution always gives the same bytes.
    public var json: String { jsonValue.rendered() }

    var jsonValue: JSONOutput {
        let number = { (value: Int?) in JSONOutput.optionalNumber(value.map(Double.init)) }
        var top: [(String, JSONOutput)] = [
            ("format", .string(format)), ("version", .number(Double(version))), ("instance", .string(instance)),
            ("goal", .string(goal.rawValue)), ("method", .string(method)), ("status", .string(status.rawValue)),
            ("termination", .string(termination.rawValue)), ("objective", .optionalNumber(objective)),
            ("bound", .optionalNumber(bound)), ("gap", .optionalNumber(gap)), ("hostsUsed", number(hostsUsed)),
            ("hostCost", .optionalNumber(hostCost)), ("migrations", number(migrations)),
            ("forcedMigrations", number(forcedMigrations)), ("migrationCost", .optionalNumber(migrationCost)),
            ("maximumUtilisation", .optionalNumber(maximumUtilisation)),
        ]
        top.append(("placement", placement.map { map in
            .object(map.assignments.map { ($0.vm, .optionalString($0.host)) })
        } ?? .null))
        top.append(("unplaced", .array(unplaced.map { .object([("vm", .string($0.vm)), ("reason", .string($0.reason))]) })))
        top.append(("plan", plan.map(\.jsonValue) ?? .null))
        top.append(("hosts", .array(hosts.map { host in
            .object([("id", .string(host.id)), ("vms", .number(Double(host.vms))), ("load", .numbers(host.load)),
                     ("utilisation", .numbers(host.utilisation))])
        })))
        top.append(("checker", .object([("passed", .bool(checker.passed)),
                                        ("violations", .array(checker.violations.map { .string($0) }))])))
        top.append(("notes", .array(notes.map { .string($0) })))
        return .object(top)
    }
}

extension Solution.Plan {
    var jsonValue: JSONOutput {
        let count = { (value: Int) in JSONOutput.number(Double(value)) }
        let details: [JSONOutput] = moveDetails.map { move in
            .object([("wave", count(move.wave)), ("vm", .string(move.vm)), ("from", .string(move.from)),
                     ("to", .string(move.to)), ("temporary", .bool(move.temporary)), ("copiesDisk", .bool(move.copiesDisk)),
                     ("needsIPReconfiguration", .bool(move.needsIPReconfiguration)), ("cost", .number(move.cost))])
        }
        let waveList: [JSONOutput] = waves.map { wave in
            .array(wave.map { move in
                var fields: [(String, JSONOutput)] = [("vm", .string(move.vm)), ("from", .string(move.from)),
                                                      ("to", .string(move.to))]
                if let seconds = move.seconds { fields.append(("seconds", .number(seconds))) }
                if let downtime = move.downtimeSeconds { fields.append(("downtimeSeconds", .number(downtime))) }
                if let transferred = move.transferredMiB { fields.append(("transferredMiB", .number(transferred))) }
                return .object(fields)
            })
        }
        return .object([
            ("reachesTarget", .bool(reachesTarget)), ("moves", count(moves)), ("waveCount", count(waveCount)),
            ("temporaryMoves", count(temporaryMoves)), ("makespanSeconds", .number(makespanSeconds)),
            ("transferredMiB", .number(transferredMiB)), ("totalDowntimeSeconds", .number(totalDowntimeSeconds)),
            ("totalCost", .number(totalCost)), ("diskCopyMoves", count(diskCopyMoves)),
            ("ipReconfigurationMoves", count(ipReconfigurationMoves)), ("moveDetails", .array(details)),
            ("waves", .array(waveList)),
            ("blocked", .array(blocked.map {
                .object([("vm", .string($0.vm)), ("from", .string($0.from)), ("to", .string($0.to)), ("reason", .string($0.reason))])
            })),
        ])
    }
}
