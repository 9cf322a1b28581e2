// swift-tools-version: 6.1
// vmplace — where virtual machines should run and which ones to live-migrate.
// Licensed GPL-3.0-or-later (it links GLPK). See LICENSE.
import PackageDescription

let package = Package(
    name: "vmplace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vmplace", targets: ["vmplace"]),
        .library(name: "PlacementModel", targets: ["PlacementModel"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
        .library(name: "Migration", targets: ["Migration"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .executable(name: "heuristics-bench", targets: ["HeuristicsBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Value types, validation, objective and the independent checker. No dependencies.
        .target(name: "PlacementModel"),
        // Packing state shared by heuristics; the survey's which/where catalogue and goals.
        .target(name: "Heuristics", dependencies: ["PlacementModel"]),
        // JSON instance/solution format (positions in every error), VPSolver .vbp, atomic writes.
        .target(name: "InstanceFormats", dependencies: ["PlacementModel"]),
        // Solver-neutral MIP as plain data, MIPSolver protocol, results.
        .target(name: "LinearProgramming"),
        // GLPK: the system library, a C shim that turns GLPK errors into return codes,
        // and the only Swift module that calls GLPK.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "GLPKShim", dependencies: ["CGLPK"], path: "Sources/GLPKShim"),
        .target(
            name: "GLPKSolver", dependencies: ["LinearProgramming", "CGLPK", "GLPKShim"],
            exclude: ["README.md"]),
        // The command-line tool: commands in a library (testable), a thin executable.
        .target(
            name: "VMPlaceCommands",
            dependencies: [
                "PlacementModel", "InstanceFormats", "Heuristics", "Migration", "Harness", "Simulation", "Formulations", "ExactSolver", "LinearProgramming", "GLPKSolver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "vmplace", dependencies: ["VMPlaceCommands"]),
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel"]),
        // Live-migration cost (gang, WAN) and capacity-safe migration plans.
        .target(name: "Migration", dependencies: ["PlacementModel"]),
        .testTarget(name: "MigrationTests", dependencies: ["Migration", "PlacementModel", "Heuristics", "TestSupport"]),

        .testTarget(name: "PlacementModelTests", dependencies: ["PlacementModel", "TestSupport"]),
        .testTarget(
            name: "InstanceFormatsTests", dependencies: ["InstanceFormats", "PlacementModel", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming"]),
        .testTarget(name: "VMPlaceCommandsTests", dependencies: ["VMPlaceCommands", "TestSupport"]),
        // Scoring harness: suites × methods → Results/ (gaps, bounds, resumable runs); generators.
        .target(name: "Harness", dependencies: ["PlacementModel", "InstanceFormats", "Heuristics"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "VMPlaceCommands", "PlacementModel", "InstanceFormats", "Heuristics", "TestSupport"]),
        // Trace replay: the when/which/where resource-manager loop, energy and SLA metrics.
        .target(name: "Simulation", dependencies: ["PlacementModel", "Heuristics"]),
        .executableTarget(name: "simulation-bench", dependencies: ["Simulation"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Heuristics", "PlacementModel", "TestSupport"]),
        .testTarget(name: "HeuristicsTests", dependencies: ["Heuristics", "PlacementModel", "TestSupport"]),
        // Exact models: solver-neutral formulations, the GLPK-backed exact method, bench.
        .target(name: "Formulations", dependencies: ["PlacementModel", "LinearProgramming", "Heuristics"]),
        .target(name: "ExactSolver", dependencies: ["Formulations", "GLPKSolver", "PlacementModel", "LinearProgramming", "Heuristics"]),
        .executableTarget(name: "exact-bench", dependencies: ["ExactSolver", "Formulations", "InstanceFormats", "PlacementModel", "LinearProgramming", "GLPKSolver", "Harness"]),
        .testTarget(name: "FormulationsTests", dependencies: ["Formulations", "ExactSolver", "GLPKSolver", "LinearProgramming", "PlacementModel", "Heuristics", "TestSupport"]),
        // Heuristics benchmark: FFD speed at scale, every method on the public VBP suites.
        .executableTarget(name: "HeuristicsBench", dependencies: ["Heuristics", "PlacementModel", "InstanceFormats", "Harness"], path: "Sources/HeuristicsBench"),
        // Reassignment engine at scale: moves per second, every goal's portfolio against `current`.
        .executableTarget(name: "reassign-bench", dependencies: ["Heuristics", "PlacementModel", "InstanceFormats", "Harness"]),
    ],
    swiftLanguageModes: [.v6]
)
