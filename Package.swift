// swift-tools-version: 6.1
// vmplace — where virtual machines should run and which ones to live-migrate.
// Licensed GPL-3.0-or-later (it links GLPK). See LICENSE.
import PackageDescription

let package = Package(
    name: "vmplace",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PlacementModel", targets: ["PlacementModel"]),
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
        // Solver-neutral MIP as plain data, MIPSolver protocol, results.
        .target(name: "LinearProgramming"),
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel"]),
        // Heuristics benchmark: FFD speed at scale, every method on the public VBP suites.
        .executableTarget(name: "HeuristicsBench", dependencies: ["Heuristics", "PlacementModel"], path: "Sources/HeuristicsBench"),
        .testTarget(name: "HeuristicsTests", dependencies: ["Heuristics", "PlacementModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
