import Benchmark
import Foundation
import Harness
import Heuristics
import PlacementModel
import Simulation
import SolvePipeline

// The speed goals of vmplace as benchmarks with thresholds (wall clock, p90). Each body solves
// through the library exactly as the product does; instances are generated from fixed seeds
// (the PlanetLab replay reads ../shared/data when it is there and is skipped otherwise).

/// 100 000 VMs × 5 dimensions, every demand distinct (uniform integers in [1, 400], hosts of
/// 1 000): the FFD speed goal of Results/heuristics/speed.md.
func distinctDemands(vms: Int = 100_000, dimensions d: Int = 5, seed: UInt64 = 20_260_101) -> Instance {
    var random = SplitMix64(seed: seed)
    let vmList = (0..<vms).map { v in
        VirtualMachine(id: "v\(v)", demand: ResourceVector((0..<d).map { _ in Double(1 + random.next() % 400) }))
    }
    let hosts = (0..<vms).map { Host(id: "h\($0)", capacity: ResourceVector(Array(repeating: 1000, count: d))) }
    return Instance(name: "distinct-\(vms)", dimensions: (0..<d).map { "d\($0)" }, hosts: hosts, vms: vmList)
}

/// Panigrahy-like instances of one class (the generator of `vmplace generate --class panigrahy`).
func panigrahy(classNumber: Int, vms: Int, dimensions: Int, count: Int) -> [Instance] {
    (0..<count).map { PanigrahyClasses.make(classNumber: classNumber, vmCount: vms, dimensions: dimensions, index: $0, seed: 1) }
}

/// The PlanetLab traces beside the repository, if present.
func planetLabFolder() -> String? {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/traces/planetlab").standardized.path
    return FileManager.default.fileExists(atPath: path + "/20110303") ? path : nil
}

func solve(_ instance: Instance, _ name: String, goal: Goal = .place, timeLimit: Double? = nil) -> SolveOutcome {
    let method = try! MethodRegistry.resolve(name, goal: goal)
    let outcome = SolveSession(instance: instance, goal: goal, method: method, options: SolveOptions(timeLimit: timeLimit),
                               planMigrations: .never).run()
    precondition(outcome.verification.passed, "\(name) on \(instance.name): \(outcome.verification.problems)")
    return outcome
}

let milliseconds = 1_000_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 10)

    let ffdInstance = distinctDemands()
    Benchmark("ffd-100000-vms-5-dimensions",
              configuration: .init(thresholds: [.wallClock: .init(absolute: [.p90: 200 * milliseconds])])) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(solve(ffdInstance, "ffd")) }
    }

    let portfolioInstances = (1...9).flatMap { panigrahy(classNumber: $0, vms: 500, dimensions: 3, count: 1) }
    Benchmark("portfolio-panigrahy-500-classes-1-9",
              configuration: .init(thresholds: [.wallClock: .init(absolute: [.p90: 9 * 120 * milliseconds])])) { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in portfolioInstances { blackHole(solve(instance, "portfolio")) }
        }
    }

    let exactInstances = (1...9).flatMap { panigrahy(classNumber: $0, vms: 40, dimensions: 3, count: 1) }
    Benchmark("exact-panigrahy-40-classes-1-9",
              configuration: .init(maxIterations: 3,
                                   thresholds: [.wallClock: .init(absolute: [.p90: 9 * 10_000 * milliseconds])])) { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in exactInstances { blackHole(solve(instance, "exact", timeLimit: 10)) }
        }
    }

    if let folder = planetLabFolder() {
        Benchmark("replay-planetlab-20110303-thr-mmt-0.8",
                  configuration: .init(maxIterations: 5, thresholds: [.cpuTotal: .init(absolute: [.p90: 1_000 * milliseconds])])) { benchmark in
            let configuration = try SimulationConfiguration.cloudSimPlanetLab(tracesDirectory: folder, day: "20110303", policy: "thr-mmt-0.8")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try SimulationRunner.run(configuration)) }
        }
    }
}
