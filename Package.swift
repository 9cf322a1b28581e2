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
        .library(name: "Heuristics", targets: ["Heuristics"]),
        .library(name: "InstanceFormats", targets: ["InstanceFormats"]),
        .library(name: "ExactSolver", targets: ["ExactSolver"]),
        .library(name: "Harness", targets: ["Harness"]),
        .library(name: "SolvePipeline", targets: ["SolvePipeline"]),
        .executable(name: "heuristics-bench", targets: ["HeuristicsBench"]),
        .executable(name: "parse-bench", targets: ["parse-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // DocC: `swift package generate-documentation` (CI builds the catalogue with warnings as errors).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // SQLite through GRDB: the capacity-planning history (made for the job: migrations, records, SQL).
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Value types, validation, objective and the independent checker. No dependencies.
        .target(name: "PlacementModel"),
        // The operating-system layer: atomic, EINTR-safe file writes with the folder flushed
        // (swift-system), the cores this process may use, its CPU time and peak memory.
        .target(name: "Platform", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        // Packing state shared by heuristics; the survey's which/where catalogue and goals.
        // Optimised in debug builds too: the property and conformance suites run the heuristics and
        // the reassignment engine on thousands of instances, 10–30× slower unoptimised.
        .target(name: "Heuristics", dependencies: ["PlacementModel", "Platform"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // JSON instance/solution format (positions in every error), VPSolver .vbp, input files.
        .target(name: "InstanceFormats", dependencies: ["PlacementModel", "Platform"]),
        // Solver-neutral MIP as plain data, MIPSolver protocol, results.
        .target(name: "LinearProgramming"),
        // GLPK: the system library, a C shim that turns GLPK errors into return codes,
        // and the only Swift module that calls GLPK.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "GLPKShim", dependencies: ["CGLPK"], path: "Sources/GLPKShim"),
        .target(
            name: "GLPKSolver", dependencies: ["LinearProgramming", "CGLPK", "GLPKShim"],
            exclude: ["README.md"]),
        // CBC (COIN-OR): the system library, a C++ shim that catches every C++ exception behind a
        // plain C header, and the only Swift module that calls CBC.
        .systemLibrary(name: "CCBC", path: "Sources/CCBC", providers: [.apt(["coinor-libcbc-dev"])]),
        .target(
            name: "CBCShim", dependencies: ["CCBC"], path: "Sources/CBCShim",
            linkerSettings: ["CbcSolver", "Cbc", "Cgl", "OsiClp", "ClpSolver", "Clp", "Osi", "CoinUtils"].map { .linkedLibrary($0) }),
        .target(name: "CBCSolver", dependencies: ["LinearProgramming", "CBCShim"], exclude: ["README.md"]),
        // The command-line tool: commands in a library (testable), a thin executable.
        .target(
            name: "VMPlaceCommands",
            dependencies: [
                "PlacementModel", "InstanceFormats", "Heuristics", "Migration", "Harness", "Simulation", "Formulations", "ExactSolver", "LinearProgramming", "GLPKSolver", "SolvePipeline", "CapacityPlanning", "ROADEF", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "vmplace", dependencies: ["VMPlaceCommands"]),
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel", "Heuristics"]),
        // Live-migration cost (gang, WAN) and capacity-safe migration plans.
        .target(name: "Migration", dependencies: ["PlacementModel"]),
        .testTarget(name: "MigrationTests", dependencies: ["Migration", "PlacementModel", "Heuristics", "TestSupport"]),

        .testTarget(name: "PlacementModelTests", dependencies: ["PlacementModel", "TestSupport"]),
        // Parser benchmark: a 10⁶-VM instance, one line and indented (Results/parsing/).
        .executableTarget(name: "parse-bench", dependencies: ["InstanceFormats", "PlacementModel", "Platform"]),
        .testTarget(
            name: "InstanceFormatsTests", dependencies: ["InstanceFormats", "PlacementModel", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming", "TestSupport"]),
        // The MIPSolver conformance suite, run over every backend of MIPSolverRegistry.
        .testTarget(name: "MIPSolverConformanceTests", dependencies: ["ExactSolver", "LinearProgramming", "GLPKSolver", "CBCSolver", "TestSupport"]),
        .testTarget(name: "VMPlaceCommandsTests", dependencies: ["VMPlaceCommands", "TestSupport"]),
        // Scoring harness: suites × methods → Results/ (gaps, bounds, resumable runs); generators.
        .target(name: "Harness", dependencies: ["PlacementModel", "InstanceFormats", "Heuristics", "SolvePipeline", "Platform"]),
        // The one solve pipeline (validate once, resolve the method once, solve, recompute, verify,
        // plan, typed Solution) and the method registry, for every command and benchmark.
        .target(name: "SolvePipeline", dependencies: ["PlacementModel", "InstanceFormats", "Heuristics", "Migration", "ExactSolver"]),
        .testTarget(name: "SolvePipelineTests", dependencies: ["SolvePipeline", "ExactSolver", "PlacementModel", "InstanceFormats", "Heuristics", "TestSupport"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "SolvePipeline", "VMPlaceCommands", "PlacementModel", "InstanceFormats", "Heuristics", "TestSupport"]),
        // Trace replay: the when/which/where resource-manager loop, energy and SLA metrics.
        .target(name: "Simulation", dependencies: ["PlacementModel", "Heuristics", "Migration", "InstanceFormats", "Platform"]),
        .executableTarget(name: "simulation-bench", dependencies: ["Simulation", "PlacementModel", "Platform", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Heuristics", "PlacementModel", "TestSupport"]),
        .testTarget(name: "HeuristicsTests", dependencies: ["Heuristics", "PlacementModel", "TestSupport"]),
        // Exact models: solver-neutral formulations, the GLPK-backed exact method, bench.
        .target(name: "Formulations", dependencies: ["PlacementModel", "LinearProgramming", "Heuristics"]),
        .target(name: "ExactSolver", dependencies: ["Formulations", "GLPKSolver", "CBCSolver", "PlacementModel", "LinearProgramming", "Heuristics", "InstanceFormats"]),
        .executableTarget(name: "exact-bench", dependencies: ["ExactSolver", "Heuristics", "Formulations", "InstanceFormats", "PlacementModel", "LinearProgramming", "GLPKSolver", "Harness"]),
        .testTarget(name: "FormulationsTests", dependencies: ["Formulations", "InstanceFormats", "ExactSolver", "GLPKSolver", "LinearProgramming", "PlacementModel", "Heuristics", "TestSupport"]),
        // Nightly capacity planning: forecasts, hosts needed with a bound, N+k, hot spots, what-ifs,
        // reports and a history (SQLite through GRDB).
        .target(name: "CapacityPlanning", dependencies: [
            "PlacementModel", "Heuristics", "Migration", "Simulation", "InstanceFormats", "Formulations", "ExactSolver", "SolvePipeline", "Platform",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "CapacityPlanningTests", dependencies: ["CapacityPlanning", "PlacementModel", "TestSupport"]),
        .executableTarget(name: "capacity-bench", dependencies: ["CapacityPlanning", "PlacementModel"]),
        // ROADEF/EURO 2012 machine reassignment: reader, official objective, solver, mapping.
        // Exclusivity checks off: the search state is a class owned by one worker, and
        // `perf record` on a2_2 put 35 % of the run in swift_beginAccess for its arrays.
        .target(name: "ROADEF", dependencies: ["PlacementModel", "LinearProgramming", "GLPKSolver"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .testTarget(name: "ROADEFTests", dependencies: ["ROADEF", "PlacementModel", "TestSupport"]),
        // Heuristics benchmark: FFD speed at scale, every method on the public VBP suites.
        .executableTarget(name: "HeuristicsBench", dependencies: ["Heuristics", "PlacementModel", "InstanceFormats", "Harness"], path: "Sources/HeuristicsBench"),
        // Reassignment engine at scale: moves per second, every goal's portfolio against `current`.
        .executableTarget(name: "reassign-bench", dependencies: ["Heuristics", "PlacementModel", "InstanceFormats", "Harness"]),
    ],
    swiftLanguageModes: [.v6]
)
