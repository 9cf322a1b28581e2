// reassign-bench: the reassignment engine at scale (issue 14).
//
//   swift run -c release reassign-bench [--vms N[,N…]] [--moves N] [--goals consolidate,balance,hotspot]
//       [--methods current,reassign,portfolio] [--output FILE] [--speed-only]
//
// Instances: `vmplace generate --class migrules --vms N --seed 1` (index 0): 3 dimensions, traffic,
// memory sharing, anti-affinity, affinity, pinning, allowed hosts, a host in maintenance.
// Speed: the engine from the repaired current placement with a fixed budget of --moves moves and no
// kicks; moves evaluated per second (wall clock; the machine's cores are shared — repeat it).
// Goals: each method's objective, time and whether it is ≤ `current`; the gap to the best lower
// bound vmplace certifies (`GoalLowerBounds.objective`: consolidate, the open-or-evict Lagrangian
// bound or L1 hosts × cheapest host; balance, the volume bound plus the migrations no placement
// avoids; hotspot, the cheapest cover of each hot host's excess).
import Foundation
import Harness
import Heuristics
import InstanceFormats
import PlacementModel

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let sizes = (option("--vms") ?? "5000,50000").split(separator: ",").compactMap { Int($0) }
let moves = Int(option("--moves") ?? "") ?? 2_000_000
let goals = (option("--goals") ?? "consolidate,balance,hotspot").split(separator: ",").compactMap { Goal(rawValue: String($0)) }
let methodNames = (option("--methods") ?? "current,reassign,portfolio").split(separator: ",").map(String.init)
let output = option("--output")
let speedOnly = arguments.contains("--speed-only")
let command = "swift run -c release reassign-bench " + arguments.joined(separator: " ")

/// A finished table row, on standard error at once (standard output is buffered when it is a file).
func progress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func seconds(_ block: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try block()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

var lines = ["# Reassignment engine at scale", "", "Command: `\(command)` (release build, this machine's 2 shared cores; other developers were building and testing at the same time, so times are noisy).", ""]
for n in sizes {
    let instance = MigrationScenario.make(vmCount: n, index: 0, seed: 1, variant: .rules)
    lines.append("## \(instance.name): \(instance.vms.count) VMs, \(instance.hosts.count) hosts, 3 dimensions, \(instance.traffic.count) traffic pairs, \(instance.sharedMemory.count) sharing pairs, \(instance.antiAffinity.count) anti-affinity and \(instance.affinity.count) affinity rules")
    lines.append("")
    lines.append("| goal | engine moves evaluated | seconds | moves / s |")
    lines.append("|---|---:|---:|---:|")
    for goal in goals {
        var evaluations = 0
        let time = seconds {
            evaluations = ReassignmentSearch.improve(instance, goal: goal, from: nil, limits: .init(moves: moves, kicks: 0),
                                                     migrationBudget: nil, seed: 1).evaluations
        }
        lines.append("| \(goal.rawValue) | \(evaluations) | \(String(format: "%.2f", time)) | \(String(format: "%.0f", Double(evaluations) / time)) |")
        progress(lines.last!)
    }
    lines.append("")
    guard !speedOnly else { continue }
    lines.append("| goal | method | objective | ≤ current | hosts | migrations | seconds | lower bound | gap to bound |")
    lines.append("|---|---|---:|:---:|---:|---:|---:|---:|---:|")
    for goal in goals {
        var baseline: Double? = nil
        for name in methodNames {
            guard let method = HeuristicCatalogue.method(named: name) else { continue }
            var result: SolveResult? = nil
            let time = seconds { result = try? method.solve(instance, goal: goal, options: SolveOptions(seed: 1)) }
            guard let placement = result?.placement else { lines.append("| \(goal.rawValue) | \(name) | no placement | | | | \(String(format: "%.2f", time)) | | |"); continue }
            let violations = PlacementChecker.check(instance, placement, options: .init(enforceOverloadThresholds: goal == .hotspot))
            let checked = violations.isEmpty
            var verdict = checked ? "" : " (checker FAILED)"
            if goal == .hotspot, !checked {
                let left = result?.notes.filter { $0.contains("stays above its overload threshold") } ?? []
                progress("  \(name): \(left.count) host(s) left above a threshold; first: \(left.prefix(3).joined(separator: " | "))")
                // Hot spots that no placement avoids are no failure of the method: it says so.
                let hot = Set(instance.hostsAboveOverloadThresholds(placement))
                let unavoidable = Set(UnavoidableHotSpots(instance).hosts(in: placement))
                if violations.allSatisfy({ $0.kind == .overloadThreshold }), hot.isSubset(of: unavoidable) {
                    verdict = " (checker: \(hot.count) hot spot(s) left, each holding VMs no host may take under its thresholds; every other host relieved)"
                }
            }
            let objective = instance.objective(of: placement, goal: goal)
            if name == "current", checked { baseline = objective }  // a current placement with hot spots is no baseline
            let bound = GoalLowerBounds.objective(instance, goal: goal)
            let gap = bound.map { $0 > 0 ? String(format: "%.2f %%", 100 * (objective - $0) / $0) : "—" } ?? "—"
            let atMost = baseline.map { objective <= $0 + 1e-9 * max(1, $0) ? "yes" : "NO" } ?? "—"
            lines.append("| \(goal.rawValue) | \(name)\(verdict) | \(JSONOutput.format(objective)) | \(atMost) | \(placement.usedHosts.count) | \(instance.migrationCount(placement)) | \(String(format: "%.2f", time)) | \(bound.map { JSONOutput.format($0) } ?? "—") | \(gap) |")
            progress(lines.last!)
        }
    }
    lines.append("")
}
if let output { try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: output) }
