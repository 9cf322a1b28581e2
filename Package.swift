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
        // Solver-neutral MIP as plain data, MIPSolver protocol, results.
        .target(name: "LinearProgramming"),
        // Seeded generators and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PlacementModel"]),
        // GLPK backend (from branch glpk).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "GLPKShim", dependencies: ["CGLPK"], path: "Sources/GLPKShim"),
        .target(name: "GLPKSolver", dependencies: ["LinearProgramming", "CGLPK", "GLPKShim"]),
        // Exact models (branch exact): solver-neutral formulations, the GLPK-backed exact method, bench.
        .target(name: "Formulations", dependencies: ["PlacementModel", "LinearProgramming", "Heuristics"]),
        .target(name: "ExactSolver", dependencies: ["Formulations", "GLPKSolver", "PlacementModel", "LinearProgramming", "Heuristics"]),
        .executableTarget(name: "exact-bench", dependencies: ["ExactSolver", "Formulations", "PlacementModel", "LinearProgramming", "GLPKSolver"]),
        .testTarget(name: "FormulationsTests", dependencies: ["Formulations", "ExactSolver", "GLPKSolver", "LinearProgramming", "PlacementModel", "Heuristics", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
