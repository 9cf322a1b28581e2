import ArgumentParser
import ExactSolver
import Foundation
import Harness
import InstanceFormats
import PlacementModel
import SolvePipeline

/// `vmplace generate`: seeded instance classes as JSON files.
public struct Generate: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Generate seeded instances: class1…class9 (Panigrahy et al.), cloud, planted, migration.",
        discussion: """
        The same class, parameters and seed give the same bytes. Files: OUT/<name>.json, named <class>_<n>_<d>_<k>. Classes are documented in Results/README.md (section Generators).

        Example:
          vmplace generate --class planted --count 6 --seed 1 --out /tmp/planted
        """)

    @Option(name: .customLong("class"), help: "class1…class9, cloud, planted, or a running cluster: migration, migcheap, migtraffic, migsharing, migrules.")
    public var generatorClass: String

    @Option(help: "Number of instances.")
    public var count: Int = 10

    @Option(help: "VMs per instance (migration: approximate).")
    public var n: Int = 30

    @Option(help: "Dimensions (class1…9 and planted; cloud has 2, migration 3).")
    public var d: Int = 2

    @Option(help: "Seed.")
    public var seed: UInt64 = 1

    @Option(help: "Output folder.")
    public var out: String

    public init() {}

    /// Usage errors (exit 2) before any work. --n is capped at the instance limit
    /// (``InstanceJSON/maximumEntities``) and --count at 100000, so a typo cannot exhaust memory.
    public func validate() throws {
        do { _ = try InstanceGenerator.Kind(parsing: generatorClass) } catch {
            throw ValidationError(error.diagnostics.map(\.message).joined(separator: "; "))
        }
        guard (0...100_000).contains(count), (1...InstanceJSON.maximumEntities).contains(n), (1...64).contains(d) else {
            throw ValidationError("need 0 ≤ --count ≤ 100000, 1 ≤ --n ≤ \(InstanceJSON.maximumEntities) and 1 ≤ --d ≤ 64")
        }
    }

    public func run() throws {
        let kind = try InstanceGenerator.Kind(parsing: generatorClass)
        guard count >= 0, n >= 1, d >= 1, d <= 64 else { throw ValidationError("need --count ≥ 0, --n ≥ 1 and 1 ≤ --d ≤ 64") }
        let instances = InstanceGenerator.instances(kind: kind, count: count, vmCount: n, dimensions: d, seed: seed)
        let paths = try InstanceGenerator.write(instances, to: out)
        print("wrote \(paths.count) \(kind) instance(s) to \(out)")
    }
}
