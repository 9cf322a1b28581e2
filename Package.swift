// swift-tools-version: 6.1
// vmplace — where virtual machines should run and which ones to live-migrate.
// Licensed GPL-3.0-or-later (it links GLPK). See LICENSE.
import PackageDescription

let package = Package(
    name: "vmplace",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PlacementModel", targets: ["PlacementModel"]),
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
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel"]),
        // Scoring harness: suites × methods → Results/ (gaps, bounds, resumable runs); generators.
        .target(name: "Harness", dependencies: ["PlacementModel", "InstanceFormats", "Heuristics"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "VMPlaceCommands", "PlacementModel", "InstanceFormats", "Heuristics", "TestSupport"]),
        // Command structs (minimal target on branch harness; the lead's CLI target supersedes it).
        .target(
            name: "VMPlaceCommands",
            dependencies: [
                "Harness", "InstanceFormats", "PlacementModel", "Heuristics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
