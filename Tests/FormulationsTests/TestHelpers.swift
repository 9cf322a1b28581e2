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

    static func solve(_ instance: Instance, goal: Goal, method: ExactMethod = ExactMethod(),
                      options: SolveOptions = SolveOptions(timeLimit: 20)) throws -> SolveResult {
        try method.solve(instance, goal: goal, options: options)
    }
}
