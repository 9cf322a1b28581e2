// swift-tools-version: 6.1
// vmplace benchmarks (ordo-one package-benchmark), a package of their own so that `make test`
// never builds the benchmark tool chain. Run from this folder:
//   swift package benchmark                    # every benchmark, with its thresholds
//   swift package benchmark --filter ffd       # one of them
// Results and the commands that produced them: ../Results/benchmarks.md.
import PackageDescription

let package = Package(
    name: "vmplace-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "vmplace", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "VMPlaceBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Heuristics", package: "vmplace"),
                .product(name: "SolvePipeline", package: "vmplace"),
                .product(name: "Harness", package: "vmplace"),
                .product(name: "PlacementModel", package: "vmplace"),
                .product(name: "Simulation", package: "vmplace"),
            ],
            path: "Benchmarks/VMPlaceBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
    ]
)
