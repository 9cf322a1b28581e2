import ArgumentParser
import Foundation
import InstanceFormats
import Migration
import PlacementModel
import SolvePipeline

/// `vmplace plan INSTANCE TARGET`
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Order the live migrations from the instance's current placement to a target into capacity-safe waves.",
        discussion: """
        TARGET is a solution file (its `placement`) or a JSON object VM id → host id, made by
        vmplace or elsewhere. Moves of one wave run in parallel; a moving VM holds capacity on both
        hosts until its wave ends; swaps and cycles go through a spare host; what cannot be made
        safe is reported as blocked, with the VMs it waits for. The plan is verified step by step
        by the independent checker. Prints the solution JSON with its `plan` (exit 0), or exit 4
        when some moves are blocked.

        Example:
          vmplace plan Instances/examples/small-cluster.json target.json
        """)

    @Argument(help: "Instance file (.json) with the current placement.")
    var instance: String

    @Argument(help: "Target placement (solution JSON or an object VM id → host id).")
    var target: String

    @Option(name: .shortAndLong, help: "Write the result JSON here (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let model = try loadInstance(instance)
        let placement: Placement
        do {
            placement = try SolutionJSON.readPlacement(path: target, instance: model)
        } catch {
            throw InvalidInputError(message: error.description)
        }
        let targetViolations = PlacementChecker.check(model, placement, options: .init(allowUnplaced: true))
        if !targetViolations.isEmpty {
            var message = "\(target): the target placement itself is infeasible:"
            for violation in targetViolations { message += "\n  \(violation)" }
            throw InvalidInputError(message: message)
        }
        let unplaced = model.vms.indices.filter { placement[$0] == nil }.map { UnplacedVM(vm: $0, reason: "unplaced in the target") }
        let result = SolveResult(status: .feasible, placement: placement, method: "plan", goal: .consolidate, unplaced: unplaced)
        let outcome = SolveOutcome(instance: model, result: result, seconds: 0, migrationBudget: nil, planMigrations: .always)
        guard let plan = outcome.plan, let report = outcome.planReport else {
            throw InvalidInputError(message: "\(target): " + (outcome.result.notes.last ?? "no migration plan"))
        }
        var solution = outcome.solution
        if !plan.blocked.isEmpty { solution.notes.append("\(plan.blocked.count) move(s) blocked") }
        try emit(solution.json, to: output)
        printError("\(model.name): \(report.moveCount) moves in \(report.waveCount) waves, makespan \(JSONOutput.format(report.makespanSeconds)) s, \(JSONOutput.format(report.transferredMiB)) MiB, downtime \(JSONOutput.format(report.totalDowntimeSeconds)) s" + (plan.blocked.isEmpty ? "" : ", \(plan.blocked.count) blocked"))
        for blocked in plan.blocked {
            printError("  blocked: \(model.vms[blocked.vm].id) \(model.hosts[blocked.from].id) → \(model.hosts[blocked.to].id): \(blocked.reason)")
        }
        let violations = outcome.verification.problems
        if !violations.isEmpty {
            for violation in violations { printError("BUG: \(violation)") }
            throw ToolExit(code: 3)
        }
        if !plan.blocked.isEmpty { throw ToolExit(code: 4) }
    }
}
