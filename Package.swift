// swift-tools-version: 6.1
// vmplace — where virtual machines should run and which ones to live-migrate.
// Licensed GPL-3.0-or-later (it links GLPK). See LICENSE.
import PackageDescription

let package = Package(
    name: "vmplace",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PlacementModel", targets: ["PlacementModel"]),
        .library(name: "Migration", targets: ["Migration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Value types, validation, objective and the independent checker. No dependencies.
        .target(name: "PlacementModel"),
        // Packing state shared by heuristics; the survey's which/where catalogue and goals.
        .target(name: "Heuristics", dependencies: ["PlacementModel"]),
        // Solver-neutral MIP as plain data, MIPSolver protocol, results.
        .target(name: "LinearProgramming"),
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel"]),
        // Live-migration cost (gang, WAN) and capacity-safe migration plans.
        .target(name: "Migration", dependencies: ["PlacementModel"]),
        .testTarget(name: "MigrationTests", dependencies: ["Migration", "PlacementModel", "Heuristics", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
