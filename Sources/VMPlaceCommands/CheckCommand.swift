import ArgumentParser
import InstanceFormats
import PlacementModel

/// `vmplace check INSTANCE SOLUTION`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Independently verify a solution (placement and migration plan) against an instance.",
        discussion: """
        Checks capacity in every dimension of every host (memory sharing included), pinning,
        allowed/forbidden hosts, maintenance, anti-affinity and affinity, unplaced VMs, and — when
        the solution has a plan — every wave of the plan (a moving VM holds capacity on both hosts).
        Prints every violation; exit code 3 when there is one.

        Example:
          vmplace solve Instances/examples/small-cluster.json --method ffd --output s.json
          vmplace check Instances/examples/small-cluster.json s.json
        """)

    @Argument(help: "Instance file (.json or .vbp).")
    var instance: String

    @Argument(help: "Solution file (vmplace solution JSON, or an object VM id → host id).")
    var solution: String

    @Flag(help: "Also require every host to be under its overload threshold (hotspot goal).")
    var thresholds = false

    @Flag(help: "Allow VMs without a host.")
    var allowUnplaced = false

    func run() throws {
        let model = try loadInstance(instance)
        let placement: Placement
        let plan: MigrationPlan?
        do {
            placement = try SolutionJSON.readPlacement(path: solution, instance: model)
            plan = try SolutionJSON.readPlan(path: solution, instance: model)
        } catch {
            throw InvalidInputError(message: error.description)
        }
        var violations = PlacementChecker.check(model, placement, options: .init(allowUnplaced: allowUnplaced, enforceOverloadThresholds: thresholds))
        if let plan {
            violations += PlacementChecker.checkPlan(model, plan, from: model.currentPlacement, to: placement)
        }
        if violations.isEmpty {
            printOutput("ok: \(placement.hostOfVM.compactMap { $0 }.count) VMs on \(placement.usedHosts.count) hosts\(plan.map { ", plan of \($0.moves.count) moves in \($0.waves.count) waves" } ?? ""); no violation\n")
        } else {
            for violation in violations { printOutput("violation: \(violation)\n") }
            printError("\(violations.count) violation\(violations.count == 1 ? "" : "s")")
            throw ToolExit(code: 3)
        }
    }
}
