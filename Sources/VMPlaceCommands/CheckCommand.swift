import ArgumentParser
import InstanceFormats
import PlacementModel
import SolvePipeline

/// `vmplace check INSTANCE SOLUTION`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Independently verify a solution (placement and migration plan) against an instance.",
        discussion: """
        Checks capacity in every dimension of every host (memory sharing included), pinning,
        allowed/forbidden hosts, maintenance, anti-affinity and affinity, unplaced VMs, and — when
        the solution has a plan — every wave of the plan (a moving VM holds capacity on both hosts).
        The values the solution reports about itself are recomputed and compared too: objective,
        hosts used, migrations, and status / bound consistency (a bound is at most the objective;
        optimal only with a bound equal to it). The goal is the solution's own (`goal`), else
        --goal. Prints every violation and false claim; exit code 3 when there is one.

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

    @Option(help: "Goal the objective is computed for, when the solution does not name one.")
    var goal: Goal = .consolidate

    func run() throws {
        let model = try loadInstance(instance)
        let placement: Placement
        let plan: MigrationPlan?
        let reported: SolutionJSON.ReportedValues
        do {
            placement = try SolutionJSON.readPlacement(path: solution, instance: model)
            plan = try SolutionJSON.readPlan(path: solution, instance: model)
            reported = try SolutionJSON.decodeReportedValues(try TextFile.read(path: solution), file: solution)
        } catch {
            throw InvalidInputError(message: error.description)
        }
        let claims = SolutionClaims(status: reported.status ?? .feasible, objective: reported.objective, bound: reported.bound,
                                    hostsUsed: reported.hostsUsed, migrations: reported.migrations)
        var verification = Verification.verify(model, goal: reported.goal ?? goal, placement: placement,
                                               listsUnplaced: allowUnplaced, plan: plan, claims: claims)
        if thresholds, claims.status == .infeasible || (reported.goal ?? goal) != .hotspot {
            verification.violations += PlacementChecker.check(model, placement, options: .init(allowUnplaced: true, enforceOverloadThresholds: true))
                .filter { $0.kind == .overloadThreshold }
        }
        if verification.passed {
            printOutput("ok: \(placement.hostOfVM.compactMap { $0 }.count) VMs on \(placement.usedHosts.count) hosts\(plan.map { ", plan of \($0.moves.count) moves in \($0.waves.count) waves" } ?? ""); no violation\n")
        } else {
            for violation in verification.violations { printOutput("violation: \(violation)\n") }
            for claim in verification.falseClaims { printOutput("false claim: \(claim)\n") }
            let count = verification.problems.count
            printError("\(count) problem\(count == 1 ? "" : "s")")
            throw ToolExit(code: 3)
        }
    }
}
