import PlacementModel
import TestSupport
import XCTest
@testable import Heuristics

/// First fit decreasing must pick exactly the host a naive O(n·m) scan picks: the lowest-index
/// host where the VM fits, VMs in decreasing size order (ties by index). Guards the pruning of
/// the residual tree and the search start hints against any change of semantics.
final class FirstFitReferenceTests: XCTestCase {
    static func reference(_ instance: Instance, measure: SizeMeasure) -> Placement {
        let d = instance.dimensionCount
        let scale = instance.largestCapacity
        let weights = measure == .weightedSum ? instance.averageNormalisedDemand : nil
        let key = instance.vms.indices.map { instance.size(of: $0, measure: measure, weights: weights, scale: scale) }
        let order = instance.vms.indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
        var load = [[Double]](repeating: Array(repeating: 0, count: d), count: instance.hosts.count)
        var hostOf = [Int?](repeating: nil, count: instance.vms.count)
        for v in order {
            let demand = instance.vms[v].demand.values
            for (h, host) in instance.hosts.enumerated() where host.state != .maintenance {
                let fits = (0..<d).allSatisfy { k in
                    let limit = host.capacity.values[k]
                    return load[h][k] + demand[k] <= limit + 1e-9 * max(1, abs(limit))
                }
                if fits {
                    for k in 0..<d { load[h][k] += demand[k] }
                    hostOf[v] = h
                    break
                }
            }
        }
        return Placement(hostOfVM: hostOf)
    }

    /// Random instances: 1–5 dimensions, continuous or typed demands, hosts of mixed capacities
    /// (some in maintenance), fewer hosts than needed so that some VMs stay unplaced.
    static func randomInstance(_ seed: UInt64) -> Instance {
        var random = SeededGenerator(seed: seed &* 104_729 &+ 7)
        let d = Int.random(in: 1...5, using: &random)
        let n = Int.random(in: 20...250, using: &random)
        let m = Int.random(in: n / 4...n, using: &random)
        let typed = seed % 3 == 0
        let types = (0..<8).map { _ in (0..<d).map { _ in Double(Int.random(in: 1...60, using: &random)) } }
        let vms = (0..<n).map { v in
            VirtualMachine(id: "v\(v)", demand: ResourceVector(typed ? types[Int.random(in: 0..<types.count, using: &random)]
                                                                     : (0..<d).map { _ in Double.random(in: 0...60, using: &random) }))
        }
        var hosts = (0..<m).map { h in Host(id: "h\(h)", capacity: ResourceVector((0..<d).map { _ in Double(Int.random(in: 60...120, using: &random)) })) }
        if seed % 4 == 1 { hosts[m / 2].state = .maintenance }
        return Instance(name: "ff-\(seed)", dimensions: (0..<d).map { "d\($0)" }, hosts: hosts, vms: vms)
    }

    func testFirstFitMatchesNaiveScan() throws {
        for seed in UInt64(1)...60 {
            var instance = Self.randomInstance(seed)
            let measure = SizeMeasure.allCases[Int(seed) % SizeMeasure.allCases.count]
            let expected = Self.reference(instance, measure: measure)
            let fast = try XCTUnwrap(FitDecreasing(measure: measure, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            XCTAssertEqual(fast.hostOfVM, expected.hostOfVM, "seed \(seed), \(measure)")
            // A one-VM anti-affinity rule restricts nothing but takes the general (rules) path.
            instance.antiAffinity = [PlacementRule(name: "vacuous", vms: [0])]
            let general = try XCTUnwrap(FitDecreasing(measure: measure, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            XCTAssertEqual(general.hostOfVM, expected.hostOfVM, "seed \(seed), \(measure), rules path")
        }
    }

    /// Enough VMs with distinct demands that first fit groups the used hosts in blocks (sealing
    /// and merging several times): still exactly the naive scan's choices.
    func testFirstFitAtScaleMatchesNaiveScan() throws {
        var random = SeededGenerator(seed: 2026)
        let d = 5, n = 2_500
        let vms = (0..<n).map { v in
            VirtualMachine(id: "v\(v)", demand: ResourceVector((0..<d).map { _ in Double(Int.random(in: 1...400, using: &random)) }))
        }
        let hosts = (0..<n).map { h in Host(id: "h\(h)", capacity: ResourceVector(Array(repeating: 1000, count: d))) }
        let instance = Instance(name: "ff-scale", dimensions: (0..<d).map { "d\($0)" }, hosts: hosts, vms: vms)
        for measure in [SizeMeasure.sum, .l2] {
            let expected = Self.reference(instance, measure: measure)
            let fast = try XCTUnwrap(FitDecreasing(measure: measure, fit: .first).solve(instance, goal: .place, options: SolveOptions()).placement)
            XCTAssertEqual(fast.hostOfVM, expected.hostOfVM, "\(measure)")
            XCTAssertGreaterThan(Set(fast.hostOfVM.compactMap { $0 }).count, 400)
        }
    }
}
