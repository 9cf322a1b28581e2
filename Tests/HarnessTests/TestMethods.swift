import Foundation
import Heuristics
import PlacementModel
@testable import Harness

/// Test-only methods that misbehave on purpose.

/// Puts every VM on host 0 and claims feasibility: the checker must reject it (capacity).
struct OverloadingMethod: PlacementMethod {
    var name: String { "overload-all" }
    var summary: String { "test: everything on the first host" }
    var citation: String { "test" }
    var goals: Set<Goal> { [.place, .consolidate] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        let placement = Placement(hostOfVM: Array(repeating: 0, count: instance.vms.count))
        return SolveResult(status: .feasible, placement: placement, objective: 1, method: name, goal: goal)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String { "deliberate failure" }
}

/// Always throws.
struct ThrowingMethod: PlacementMethod {
    var name: String { "throws" }
    var summary: String { "test: always throws" }
    var citation: String { "test" }
    var goals: Set<Goal> { [.place, .consolidate] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult { throw TestFailure() }
}

/// Runs FFD but reports a wrong objective: the verdict must say so.
struct LyingMethod: PlacementMethod {
    var name: String { "lying" }
    var summary: String { "test: FFD with a wrong objective" }
    var citation: String { "test" }
    var goals: Set<Goal> { [.place] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        var result = try FirstFitDecreasing().solve(instance, goal: goal, options: options)
        result.objective = (result.objective ?? 0) - 1
        return result
    }
}

/// A stand-in for the exact method: FFD's placement, claimed optimal, with a given bound rule.
struct FakeExactMethod: PlacementMethod {
    var bound: @Sendable (Instance) -> Double?
    var claimOptimal: Bool
    var name: String { "exact" }
    var summary: String { "test: FFD posing as exact" }
    var citation: String { "test" }
    var goals: Set<Goal> { [.place, .consolidate] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        var result = try FirstFitDecreasing().solve(instance, goal: goal, options: options)
        result.status = claimOptimal ? .optimal : .feasible
        result.bound = bound(instance)
        result.method = name
        return result
    }
}

/// Only handles balancing (so it is skipped for place).
struct BalanceOnlyMethod: PlacementMethod {
    var name: String { "balance-only" }
    var summary: String { "test" }
    var citation: String { "test" }
    var goals: Set<Goal> { [.balance] }
    func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult { throw TestFailure() }
}

/// A fresh temporary folder for one test.
func temporaryFolder(_ label: String = #function) throws -> String {
    let cleaned = label.filter { $0.isLetter || $0.isNumber }
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("harness-\(cleaned)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Rows without the time column, canonical order.
func timeless(_ rows: [ScoreRow]) -> [ScoreRow] {
    ResultsFile.canonical(rows).map(\.withoutTime)
}
