import ExactSolver
import Formulations
import Foundation
import PlacementModel
import XCTest

/// Shared helpers of the Formulations tests.
enum Tiny {
    static func host(_ id: String, _ capacity: [Double], cost: Double = 1, state: HostState = .on, threshold: [Double]? = nil) -> PlacementModel.Host {
        PlacementModel.Host(id: id, capacity: ResourceVector(capacity), openCost: cost, state: state, overloadThreshold: threshold)
    }

    static func vm(_ id: String, _ demand: [Double], current: Int? = nil, cost: Double? = nil, pinned: Bool = false,
                   allowed: [Int]? = nil, forbidden: [Int] = []) -> VirtualMachine {
        VirtualMachine(id: id, demand: ResourceVector(demand), currentHost: current, allowedHosts: allowed,
                       forbiddenHosts: forbidden, pinned: pinned, migrationCost: cost)
    }

    /// Minimum of `Instance.objective` over every feasible placement (m^n enumeration) with at
    /// most `budget` voluntary migrations (``ForcedMigrations``), or nil.
    static func bruteForce(_ instance: Instance, goal: Goal, budget: Int? = nil) -> (value: Double, placement: Placement)? {
        let forced = instance.forcedMigrations
        let n = instance.vms.count, m = instance.hosts.count
        var best: (Double, Placement)?
        var assignment = Array(repeating: 0, count: n)
        let options = PlacementChecker.Options(enforceOverloadThresholds: goal == .hotspot)
        while true {
            let placement = Placement(hostOfVM: assignment.map { Optional($0) })
            if PlacementChecker.check(instance, placement, options: options).isEmpty,
               budget.map({ forced.count(instance, placement).voluntary <= $0 }) ?? true {
                let value = instance.objective(of: placement, goal: goal)
                if best == nil || value < best!.0 - 1e-12 { best = (value, placement) }
            }
            var i = 0
            while i < n {
                assignment[i] += 1
                if assignment[i] < m { break }
                assignment[i] = 0
                i += 1
            }
            if i == n { break }
        }
        return best
    }

    static func solve(_ instance: Instance, goal: Goal, method: ExactMethod = ExactMethod(),
                      options: SolveOptions = SolveOptions(timeLimit: 20)) throws -> SolveResult {
        try method.solve(instance, goal: goal, options: options)
    }

    /// `../shared/data` from the package root, or nil.
    static func sharedData() -> String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
        return FileManager.default.fileExists(atPath: path + "/vbp") ? path : nil
    }

    /// VPSolver .vbp reader (tests only).
    static func readVBP(_ path: String) throws -> Instance {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let values = text.split(whereSeparator: { $0.isWhitespace }).compactMap { Double($0) }
        var position = 0
        func next() -> Double { defer { position += 1 }; return values[position] }
        let d = Int(next())
        let capacity = (0..<d).map { _ in next() }
        let types = Int(next())
        var vms: [VirtualMachine] = []
        for t in 0..<types {
            let weights = (0..<d).map { _ in next() }
            let count = Int(next())
            for c in 0..<count { vms.append(vm("t\(t)_\(c)", weights)) }
        }
        let hosts = (0..<vms.count).map { host("h\($0)", capacity) }
        return Instance(name: URL(fileURLWithPath: path).lastPathComponent, dimensions: (0..<d).map { "d\($0)" }, hosts: hosts, vms: vms)
    }
}
