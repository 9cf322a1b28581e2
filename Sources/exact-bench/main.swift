// exact-bench — measures the exact method on the public vector bin packing sets.
//
//   swift run -c release --scratch-path .build-exact exact-bench panigrahy [maxN] [seconds] [stride]
//   swift run -c release --scratch-path .build-exact exact-bench textbook [maxN] [seconds] [stride]
//   swift run -c release --scratch-path .build-exact exact-bench triplets [seconds] [maxN]
//   swift run -c release --scratch-path .build-exact exact-bench ablation [maxN] [seconds] [stride]
//   swift run -c release --scratch-path .build-exact exact-bench pricing PREFIX...   (e.g. class1_120_10)
//
// Options (anywhere): --solver NAME (glpk, the default, or cbc), --data DIR (default ../shared/data
// beside the package), --only INSTANCE, --min-n N, --debug.
import ExactSolver
import Formulations
import Foundation
import Harness
import Heuristics
import InstanceFormats
import LinearProgramming
import PlacementModel

/// Named options, anywhere on the command line (no environment variable steers the bench):
/// `--solver NAME` (glpk, the default, or cbc), `--data DIR` (default ../shared/data beside the
/// package), `--only INSTANCE` (panigrahy: one instance), `--min-n N` (panigrahy, triplets: skip smaller),
/// `--debug` (print each solve's statistics and notes), `--smoothing A` (Wentges weight, default
/// 0.5; 0 = plain column generation), `--no-branch-and-price`, `--pricing-bounds before|tuned|tuned-floor`
/// (the exact pricing's bounds; default tuned-floor). `--only` applies to panigrahy and triplets.
struct BenchOptions {
    var solver: any MIPSolver = MIPSolverRegistry.all[0]
    var data: String?
    var only: String?
    var minimumN = 0
    var debug = false
    /// Weight of Wentges smoothing (`--smoothing A`; 0 = plain column generation).
    var smoothing = 0.5
    /// Branch-and-price after the dives (`--no-branch-and-price` turns it off).
    var branchAndPrice = true
    /// `--pricing-bounds before|tuned|tuned-floor` (default tuned-floor): the exact pricing's bounds
    /// (before = uniform surrogate + per dimension) and whether it searches only above 1.
    var pricingBounds = VectorKnapsack.Bounds()
    var pricingFloor = true
}

/// The named options and the positional arguments left.
func parseOptions(_ arguments: [String]) throws -> (BenchOptions, [String]) {
    var options = BenchOptions()
    var rest: [String] = []
    var iterator = arguments.makeIterator()
    func value(_ name: String) throws -> String {
        guard let next = iterator.next() else { throw UsageError(message: "\(name) needs a value") }
        return next
    }
    while let argument = iterator.next() {
        switch argument {
        case "--solver": options.solver = try MIPSolverRegistry.solver(named: try value(argument))
        case "--data": options.data = try value(argument)
        case "--only": options.only = try value(argument)
        case "--min-n":
            let text = try value(argument)
            guard let n = Int(text), n >= 0 else { throw UsageError(message: "--min-n takes a whole number, got \(text)") }
            options.minimumN = n
        case "--debug": options.debug = true
        case "--no-branch-and-price": options.branchAndPrice = false
        case "--pricing-bounds":
            switch try value(argument) {
            case "before": options.pricingBounds = .uniformSurrogate; options.pricingFloor = false
            case "tuned": options.pricingBounds = VectorKnapsack.Bounds(); options.pricingFloor = false
            case "tuned-floor": options.pricingBounds = VectorKnapsack.Bounds(); options.pricingFloor = true
            case let other: throw UsageError(message: "--pricing-bounds takes before, tuned or tuned-floor, got \(other)")
            }
        case "--smoothing":
            let text = try value(argument)
            guard let weight = Double(text), weight >= 0, weight < 1 else { throw UsageError(message: "--smoothing takes a number in [0, 1), got \(text)") }
            options.smoothing = weight
        default: rest.append(argument)
        }
    }
    return (options, rest)
}

struct UsageError: Error, CustomStringConvertible { var message: String; var description: String { message } }

/// The options every run uses (set once from the arguments, before any work).
nonisolated(unsafe) var benchOptions = BenchOptions()
nonisolated var backend: any MIPSolver { benchOptions.solver }

func dataRoot() -> String {
    if let root = benchOptions.data { return root }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return package.deletingLastPathComponent().appendingPathComponent("shared/data").path
}

/// Published optima by instance name (instances whose OPT is known and integral).
func known(_ file: String) throws -> [String: Int] {
    try KnownValuesTable.read(paths: [file]).entries.compactMapValues { $0.optimum.flatMap { Int(exactly: $0) } }
}

func itemCount(_ name: String) -> Int { Int(name.split(separator: "_")[1]) ?? 0 }

func panigrahyFiles(maxN: Int, stride: Int) throws -> [(name: String, path: String)] {
    let root = dataRoot() + "/vbp/panigrahy"
    var files: [(String, String)] = []
    for c in 1...9 {
        let dir = root + "/class\(c)"
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file.hasSuffix(".vbp") {
            let name = String(file.dropLast(4))
            let n = itemCount(name)
            if n <= maxN && n >= benchOptions.minimumN { files.append((name, dir + "/" + file)) }
        }
    }
    return files.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
}

func format(_ x: Double) -> String { String(format: "%.3f", x) }

/// The exact method as the options configure it.
func exactMethod(seconds: Double) -> ExactMethod {
    var method = ExactMethod(defaultTimeLimit: seconds, solver: backend)
    method.smoothing = benchOptions.smoothing
    method.branchAndPrice = benchOptions.branchAndPrice
    method.pricingBounds = benchOptions.pricingBounds
    method.pricingFloor = benchOptions.pricingFloor
    return method
}

func runPanigrahy(maxN: Int, seconds: Double, stride: Int) throws {
    let table = try known(dataRoot() + "/vbp/known/Panigrahy_summary_known.csv")
    let only = benchOptions.only
    let files = try panigrahyFiles(maxN: maxN, stride: stride).filter { (table[$0.name] ?? -1) > 0 && (only == nil || $0.name == only) }
    print("instance\tn\tOPT\tstatus\tbins\tbound\tseconds\tproof")
    var proven = 0, total = 0, wrong = 0
    var times: [Double] = []
    var hardProven = 0, hard = 0
    var gaps: [Int: Int] = [:]
    var slowest = 0.0
    for (name, path) in files {
        let instance = try VBPFormat.read(path: path)
        let opt = table[name]!
        let l1 = BinPackingBounds.l1(sizes: instance.vms.map(\.demand.values), capacity: instance.hosts[0].capacity.values)
        let start = Date()
        let result = try exactMethod(seconds: seconds).solve(instance, goal: .place, options: SolveOptions(timeLimit: seconds))
        let elapsed = Date().timeIntervalSince(start)
        let bins = result.placement?.usedHosts.count ?? -1
        let bound = result.bound ?? 0
        let checked = result.placement.map { PlacementChecker.check(instance, $0).isEmpty } ?? false
        total += 1
        if opt > l1 { hard += 1 }
        if result.status == .optimal && checked && elapsed <= seconds {
            proven += 1
            times.append(elapsed)
            if opt > l1 { hardProven += 1 }
        }
        if (result.status == .optimal && bins != opt) || bound > Double(opt) + 1e-9 || !checked { wrong += 1 }
        if result.status != .optimal { gaps[bins - Int((bound - 1e-6).rounded(.up)), default: 0] += 1 }
        slowest = max(slowest, elapsed)
        if benchOptions.debug { print(result.statistics.sorted { $0.key < $1.key }, result.notes) }
        let proof = result.notes.last ?? ""
        print("\(name)\t\(instance.vms.count)\t\(opt)\t\(result.status.rawValue)\t\(bins)\t\(format(bound))\t\(format(elapsed))\t\(proof)")
    }
    times.sort()
    let median = times.isEmpty ? 0 : times[times.count / 2]
    print("")
    print("summary: \(proven)/\(total) proven optimal within \(seconds) s (\(String(format: "%.1f", 100 * Double(proven) / Double(max(1, total)))) %); OPT > L1: \(hardProven)/\(hard); median time to proof \(format(median)) s, max \(format(times.last ?? 0)) s; claims contradicting a published OPT: \(wrong)")
    let gapText = gaps.keys.sorted().map { "\($0): \(gaps[$0]!)" }.joined(separator: ", ")
    print("unproven, bins − ⌈bound⌉ (gap: instances): \(gapText.isEmpty ? "none" : gapText); longest wall time \(format(slowest)) s")
}

/// Plain glpsol on the textbook assignment model vs the exact method, on instances with OPT > L1.
func runTextbook(maxN: Int, seconds: Double, stride: Int) throws {
    let table = try known(dataRoot() + "/vbp/known/Panigrahy_summary_known.csv")
    let files = try panigrahyFiles(maxN: maxN, stride: 1).filter { (table[$0.name] ?? -1) > 0 }
    var selected: [(String, String, Instance)] = []
    for (name, path) in files {
        let instance = try VBPFormat.read(path: path)
        let l1 = BinPackingBounds.l1(sizes: instance.vms.map(\.demand.values), capacity: instance.hosts[0].capacity.values)
        if table[name]! > l1 { selected.append((name, path, instance)) }
    }
    selected = selected.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exact-bench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    print("instance\tn\tOPT\texact_status\texact_s\tglpsol_status\tglpsol_s\tratio")
    var ratios: [Double] = []
    var atLeast20 = 0
    for (name, _, full) in selected {
        let start = Date()
        let result = try exactMethod(seconds: seconds).solve(full, goal: .place, options: SolveOptions(timeLimit: seconds))
        let ours = Date().timeIntervalSince(start)
        // Textbook model: m = n hosts would be unfair to glpsol; give it as many hosts as FFD uses.
        let ffdBins = (try? FirstFitBins.count(full)) ?? full.vms.count
        var instance = full
        instance.hosts = Array(full.hosts.prefix(ffdBins))
        let path = directory + "/\(name).lp"
        let (mip, _) = try FormulationBuilder.build(instance, goal: .place, options: .textbook)
        try CPLEXLPWriter.text(mip).write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = ["--lp", path, "--tmlim", "\(Int(seconds))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let glpStart = Date()
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let theirs = Date().timeIntervalSince(glpStart)
        let glpOptimal = output.contains("INTEGER OPTIMAL SOLUTION FOUND")
        let glpStatus = glpOptimal ? "optimal" : (output.contains("TIME LIMIT EXCEEDED") ? "timeLimit" : "other")
        let oursProven = result.status == .optimal
        let ratio = theirs / max(ours, 1e-3)
        let ratioText = (glpOptimal ? "" : ">=") + String(format: "%.1f", ratio)
        if oursProven { ratios.append(ratio); if ratio >= 20 { atLeast20 += 1 } }
        print("\(name)\t\(full.vms.count)\t\(table[name]!)\t\(result.status.rawValue)\t\(format(ours))\t\(glpStatus)\t\(format(theirs))\t\(ratioText)")
        try? FileManager.default.removeItem(atPath: path)
    }
    ratios.sort()
    let median = ratios.isEmpty ? 0 : ratios[ratios.count / 2]
    print("")
    print("summary: \(selected.count) instances with OPT > L1; exact proved \(ratios.count); speed-up (glpsol time / exact time; glpsol time-limited counts as its limit, so '>=') median \(String(format: "%.1f", median))×, ≥ 20× on \(atLeast20)/\(ratios.count)")
}

enum FirstFitBins {
    static func count(_ instance: Instance) throws -> Int {
        let c = instance.hosts[0].capacity.values
        let d = c.count
        let order = instance.vms.indices.sorted { a, b in
            let sa = (0..<d).reduce(0.0) { $0 + instance.vms[a].demand[$1] / c[$1] }
            let sb = (0..<d).reduce(0.0) { $0 + instance.vms[b].demand[$1] / c[$1] }
            return sa != sb ? sa > sb : a < b
        }
        var loads: [[Double]] = []
        for v in order {
            if let b = loads.indices.first(where: { b in (0..<d).allSatisfy { loads[b][$0] + instance.vms[v].demand[$0] <= c[$0] } }) {
                for k in 0..<d { loads[b][k] += instance.vms[v].demand[k] }
            } else {
                loads.append(instance.vms[v].demand.values)
            }
        }
        return loads.count
    }
}

func runTriplets(seconds: Double, maxN: Int) throws {
    let root = dataRoot() + "/vbp/triplets"
    print("instance\tn\tOPT\tstatus\tbins\tbound\tseconds\tproof")
    var bySize: [Int: (proven: Int, total: Int)] = [:]
    var proofTimes: [Int: [Double]] = [:]
    var slowest: [Int: Double] = [:]
    for family in ["Falkenauer", "Caprara"] {
        let dir = root + "/" + family
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted(by: { itemCount($0) != itemCount($1) ? itemCount($0) < itemCount($1) : $0 < $1 }) where file.hasSuffix(".vbp") {
            let name = String(file.dropLast(4))
            if let only = benchOptions.only, only != name { continue }
            let n = itemCount(name)
            let minimum = benchOptions.minimumN
            guard n <= maxN, n >= minimum else { continue }
            let instance: Instance
            do {
                instance = try VBPFormat.read(path: dir + "/" + file)
            } catch {
                // Some published Caprara files hold negative weights: vmplace rejects them as input.
                print("\(family)/\(name)\t\(n)\t\(n / 3)\tinvalid input\t-\t-\t-\t\(error.description.replacingOccurrences(of: "\n", with: " "))")
                continue
            }
            let start = Date()
            let result: SolveResult
            do {
                result = try exactMethod(seconds: seconds).solve(instance, goal: .place, options: SolveOptions(timeLimit: seconds))
            } catch {
                print("\(family)/\(name)\t\(instance.vms.count)\t\(instance.vms.count / 3)\tinvalid input\t-\t-\t-\t\(error)")
                continue
            }
            let elapsed = Date().timeIntervalSince(start)
            let bins = result.placement?.usedHosts.count ?? -1
            let opt = instance.vms.count / 3
            let ok = result.status == .optimal && bins == opt && (result.placement.map { PlacementChecker.check(instance, $0).isEmpty } ?? false)
            var entry = bySize[n] ?? (0, 0)
            entry.total += 1
            if ok { entry.proven += 1; proofTimes[n, default: []].append(elapsed) }
            bySize[n] = entry
            slowest[n] = max(slowest[n] ?? 0, elapsed)
            if benchOptions.debug { print(result.statistics.sorted { $0.key < $1.key }, result.notes) }
            print("\(family)/\(name)\t\(instance.vms.count)\t\(opt)\t\(result.status.rawValue)\t\(bins)\t\(format(result.bound ?? 0))\t\(format(elapsed))\t\(result.notes.last ?? "")")
        }
    }
    print("")
    for n in bySize.keys.sorted() {
        let times = (proofTimes[n] ?? []).sorted()
        let median = times.isEmpty ? 0 : times[times.count / 2]
        print("summary n=\(n): \(bySize[n]!.proven)/\(bySize[n]!.total) proven optimal within \(seconds) s; median time to proof \(format(median)) s; longest wall time \(format(slowest[n] ?? 0)) s")
    }
}

/// One exact solve of a JSON or .vbp file: wall seconds, status and when each phase ended.
func runPhases(path: String, seconds: Double) throws {
    let instance = try InstanceFile.read(path: path).instance
    let start = Date()
    let result = try ExactMethod(solver: backend).solve(instance, goal: .place, options: SolveOptions(timeLimit: seconds))
    let wall = Date().timeIntervalSince(start)
    print("\(path)\tlimit \(seconds)\twall \(format(wall))\t\(result.status.rawValue)\tbins \(result.placement?.usedHosts.count ?? -1)")
    for (key, value) in result.statistics.sorted(by: { $0.value < $1.value }) where key.hasPrefix("phaseEnd.") {
        print("  \(key.dropFirst(9))\t\(format(value))")
    }
    let others = result.statistics.filter { !$0.key.hasPrefix("phaseEnd.") }.sorted { $0.key < $1.key }
    print("  " + others.map { "\($0.key) \(format($0.value))" }.joined(separator: ", "))
}

/// Ablation of the compact model's strengthening (column generation off), on a deterministic
/// sample of Panigrahy instances with OPT > L1.
func runAblation(maxN: Int, seconds: Double, stride: Int) throws {
    let table = try known(dataRoot() + "/vbp/known/Panigrahy_summary_known.csv")
    var selected: [Instance] = []
    for (name, path) in try panigrahyFiles(maxN: maxN, stride: 1) where (table[name] ?? -1) > 0 {
        let instance = try VBPFormat.read(path: path)
        let l1 = BinPackingBounds.l1(sizes: instance.vms.map(\.demand.values), capacity: instance.hosts[0].capacity.values)
        if table[name]! > l1 { selected.append(instance) }
    }
    selected = selected.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    let full = FormulationOptions()
    var noSymmetry = full; noSymmetry.symmetryBreaking = false
    var noCliques = full; noCliques.conflictCliques = false
    var noBoundRows = full; noBoundRows.boundRows = false
    var linking = full; linking.disaggregatedLinking = true
    let configurations: [(String, ExactMethod)] = [
        ("textbook (no strengthening, no incumbent)", ExactMethod(formulation: .textbook, useColumnGeneration: false, injectIncumbent: false, solver: backend)),
        ("full compact model", ExactMethod(useColumnGeneration: false, solver: backend)),
        ("full without incumbent injection", ExactMethod(useColumnGeneration: false, injectIncumbent: false, solver: backend)),
        ("full without symmetry breaking", ExactMethod(formulation: noSymmetry, useColumnGeneration: false, solver: backend)),
        ("full without conflict cliques", ExactMethod(formulation: noCliques, useColumnGeneration: false, solver: backend)),
        ("full without L1/L2/clique bound row", ExactMethod(formulation: noBoundRows, useColumnGeneration: false, solver: backend)),
        ("full plus disaggregated x <= y", ExactMethod(formulation: linking, useColumnGeneration: false, solver: backend)),
        ("pipeline (bounds + column generation + diving + pattern MIP + compact)", ExactMethod(solver: backend)),
    ]
    print("configuration\tproven\tof\ttotal_seconds (unproven count as the limit)")
    for (label, method) in configurations {
        var proven = 0
        var total = 0.0
        for instance in selected {
            let start = Date()
            let result = try method.solve(instance, goal: .place, options: SolveOptions(timeLimit: seconds))
            let elapsed = Date().timeIntervalSince(start)
            if result.status == .optimal { proven += 1; total += elapsed } else { total += seconds }
        }
        print("\(label)\t\(proven)\t\(selected.count)\t\(format(total))")
    }
}

/// Exact pricing time, per call, on pricing problems of real column generation runs: for every
/// Panigrahy file whose name starts with one of `prefixes` (e.g. class1_120_10), the duals of the
/// master LP after 20, 80 and 320 iterations of plain column generation (deterministic: its exact
/// pricing capped at 20 000 nodes; a run that stalls earlier gives its last duals), then the exact
/// pricing at those duals (60 s cap) with each set of bounds: the full maximum ("max"), and the
/// call column generation makes when greedy finds nothing ("cg": stop 10 000 nodes after a column
/// worth more than 1; with the floor, nothing worth at most 1 is searched for).
func runPricing(prefixes: [String]) throws {
    let tunedOnly = VectorKnapsack.Bounds(tunedSurrogate: true, cardinality: false, perDimension: false)
    let configurations: [(label: String, bounds: VectorKnapsack.Bounds, call: Bool, floor: Bool)] = [
        ("max, before (uniform surrogate + per dimension)", .uniformSurrogate, false, false),
        ("max, uniform surrogate only", VectorKnapsack.Bounds(tunedSurrogate: false, cardinality: false, perDimension: false), false, false),
        ("max, tuned surrogate only", tunedOnly, false, false),
        ("max, tuned surrogate + cardinality", VectorKnapsack.Bounds(tunedSurrogate: true, cardinality: true, perDimension: false), false, false),
        ("max, tuned surrogate + cardinality + per dimension", VectorKnapsack.Bounds(tunedSurrogate: true, cardinality: true, perDimension: true), false, false),
        ("cg, before (uniform surrogate + per dimension, no floor)", .uniformSurrogate, true, false),
        ("cg, now (tuned surrogate only, floor 1)", tunedOnly, true, true),
    ]
    print("instance\titerations\tconfiguration\tseconds\tnodes\tvalue\tcomplete")
    var totals = Array(repeating: (seconds: 0.0, nodes: 0, complete: 0, calls: 0), count: configurations.count)
    for (name, path) in try panigrahyFiles(maxN: 1000, stride: 1) where prefixes.contains(where: { name.hasPrefix($0 + "_") }) {
        guard let problem = VectorPackingProblem.from(try VBPFormat.read(path: path), goal: .place) else { continue }
        for iterations in [20, 80, 320] {
            var generation = ColumnGeneration(problem: problem, solver: backend)
            generation.maximumIterations = iterations
            generation.knapsackNodeLimit = 20_000
            generation.periodicKnapsackNodeLimit = 20_000
            let run = try generation.run(demand: problem.demand, initialPatterns: [], deadline: .after(120))
            let lp = try backend.solveLPRelaxation(ColumnGeneration.master(patterns: run.patterns, demand: problem.demand, integer: false),
                                                   options: MIPSolveOptions(timeLimit: 60))
            var duals = Array(repeating: 0.0, count: problem.demand.count)
            var row = 0
            for t in problem.demand.indices where problem.demand[t] > 0 { duals[t] = max(0, lp.rowDuals[row]); row += 1 }
            var maxima: [Double] = []
            for (c, configuration) in configurations.enumerated() {
                let start = Date()
                let solution = VectorKnapsack.solve(values: duals, sizes: problem.sizes, bounds: problem.demand, capacity: problem.capacity,
                                                    nodeLimit: 50_000_000, deadline: .after(60),
                                                    goodEnough: configuration.call ? 1 + 1e-6 : nil,
                                                    interestingAbove: configuration.floor ? 1 : -.infinity, using: configuration.bounds)
                let seconds = Date().timeIntervalSince(start)
                totals[c].seconds += seconds
                totals[c].nodes += solution.nodes
                totals[c].calls += 1
                if solution.complete { totals[c].complete += 1 }
                if solution.complete && !configuration.call { maxima.append(solution.value) }
                print("\(name)\t\(run.iterations)\t\(configuration.label)\t\(format(seconds))\t\(solution.nodes)\t\(String(format: "%.6f", solution.value))\t\(solution.complete)")
            }
            if let first = maxima.first, maxima.contains(where: { abs($0 - first) > 1e-9 }) { print("MISMATCH\t\(name)\t\(iterations)\t\(maxima)") }
        }
    }
    for (c, configuration) in configurations.enumerated() where totals[c].calls > 0 {
        let calls = Double(totals[c].calls)
        print("summary \(configuration.label): \(totals[c].calls) calls, \(totals[c].complete) complete, mean \(format(totals[c].seconds / calls)) s a call, mean \(Int(Double(totals[c].nodes) / calls)) nodes")
    }
}

do {
    let (options, argumentList) = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    benchOptions = options
    let arguments = argumentList[...]
    switch arguments.first {
    case "panigrahy":
        let list = Array(arguments.dropFirst())
        try runPanigrahy(maxN: list.count > 0 ? Int(list[0]) ?? 40 : 40, seconds: list.count > 1 ? Double(list[1]) ?? 10 : 10,
                         stride: list.count > 2 ? Int(list[2]) ?? 1 : 1)
    case "textbook":
        let list = Array(arguments.dropFirst())
        try runTextbook(maxN: list.count > 0 ? Int(list[0]) ?? 40 : 40, seconds: list.count > 1 ? Double(list[1]) ?? 10 : 10,
                        stride: list.count > 2 ? Int(list[2]) ?? 1 : 1)
    case "ablation":
        let list = Array(arguments.dropFirst())
        try runAblation(maxN: list.count > 0 ? Int(list[0]) ?? 20 : 20, seconds: list.count > 1 ? Double(list[1]) ?? 5 : 5,
                        stride: list.count > 2 ? Int(list[2]) ?? 10 : 10)
    case "phases":
        // exact-bench phases FILE SECONDS: wall time of the exact method and the end of each phase.
        let list = Array(arguments.dropFirst())
        guard list.count == 2, let seconds = Double(list[1]) else { print("usage: exact-bench phases FILE SECONDS"); exit(2) }
        try runPhases(path: list[0], seconds: seconds)
    case "pricing":
        // exact-bench pricing PREFIX...: exact pricing time per call (e.g. class1_120_10 class1_120_5).
        try runPricing(prefixes: Array(arguments.dropFirst()))
    case "triplets":
        let list = Array(arguments.dropFirst())
        try runTriplets(seconds: list.count > 0 ? Double(list[0]) ?? 10 : 10, maxN: list.count > 1 ? Int(list[1]) ?? 120 : 120)
    default:
        print("usage: exact-bench panigrahy|textbook|ablation [maxN] [seconds] [stride] | triplets [seconds] [maxN] | phases FILE SECONDS | pricing PREFIX...  [--solver NAME] [--data DIR] [--only INSTANCE] [--min-n N] [--debug]")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
