// heuristics-bench: speed of FFD under every size measure at scale, and quality of every
// heuristic and the portfolio on the public vector bin packing suites (Panigrahy, triplets)
// against the published results of Mommessin, Erlebach, Shakhlevich (2024).
//
//   swift run -c release heuristics-bench \
//       [--speed] [--quality] [--data DIR] [--output DIR] [--vms N] [--types N] [--limit N]
//       [--match SUBSTRING[,SUBSTRING…]] [--portfolio-only] [--reinsertion-candidates N --reinsertion-work N]
//       [--typed-only | --continuous-only] [--measures sum,max,…] [--runs N]
//   --match keeps only instance files whose path contains one of the substrings; --portfolio-only
//   runs only the portfolio, prints per-instance lines and a summary, and writes no file.
import Foundation
import Harness
import Heuristics
import InstanceFormats
import PlacementModel

struct BenchError: Error, CustomStringConvertible { var description: String }

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let runSpeed = arguments.contains("--speed") || !arguments.contains("--quality")
let runQuality = arguments.contains("--quality") || !arguments.contains("--speed")
let dataDirectory = option("--data") ?? {
    for candidate in ["../shared/data/vbp", "/work/shared/data/vbp"] where FileManager.default.fileExists(atPath: candidate) { return candidate }
    return "../shared/data/vbp"
}()
let outputDirectory = option("--output") ?? "Results/heuristics"
let vmCount = Int(option("--vms") ?? "") ?? 100_000
let limit = Int(option("--limit") ?? "") ?? Int.max
let command = "swift run -c release heuristics-bench " + arguments.joined(separator: " ")
try? FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// SplitMix64.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ range: ClosedRange<Int>) -> Double {
        Double(range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1)))
    }
}

func check(_ instance: Instance, _ result: SolveResult, allowUnplaced: Bool = false) throws -> Placement {
    guard let placement = result.placement else { throw BenchError(description: "\(result.method) on \(instance.name): no placement (\(result.notes))") }
    let violations = PlacementChecker.check(instance, placement, options: .init(allowUnplaced: allowUnplaced))
    if !violations.isEmpty { throw BenchError(description: "\(result.method) on \(instance.name): \(violations.prefix(3))") }
    return placement
}

// MARK: speed

if runSpeed {
    let d = 5
    let typeCount = Int(option("--types") ?? "") ?? 200
    let runs = Int(option("--runs") ?? "") ?? 3
    var lines = ["# FFD speed: \(vmCount) VMs × \(d) dimensions", "",
                 "Command: `\(command)` (release build).", "",
                 "Time = one `solve` call (input check, sizes, sort, first-fit packing, result assembly with the objective), best of \(runs) runs; every placement verified by `PlacementChecker` outside the timing. \(vmCount) identical hosts of capacity 1000 per dimension.", ""]
    let cases = arguments.contains("--typed-only") ? [true] : arguments.contains("--continuous-only") ? [false] : [true, false]
    let measures = option("--measures").map { $0.split(separator: ",").compactMap { SizeMeasure(rawValue: String($0)) } } ?? SizeMeasure.allCases
    for typed in cases {
        var random = Random(state: 20_260_101)
        let types = (0..<typeCount).map { _ in (0..<d).map { _ in random.uniform(1...400) } }
        let vms = (0..<vmCount).map { v in
            VirtualMachine(id: "v\(v)", demand: ResourceVector(typed ? types[Int(random.next() % UInt64(typeCount))] : (0..<d).map { _ in random.uniform(1...400) }))
        }
        let hosts = (0..<vmCount).map { Host(id: "h\($0)", capacity: ResourceVector(Array(repeating: 1000, count: d))) }
        let instance = Instance(name: "speed-\(vmCount)x\(d)", dimensions: (1...d).map { "d\($0)" }, hosts: hosts, vms: vms)
        lines += [typed
            ? "## Catalogue demands (\(typeCount) VM types)\n\nEach VM is one of \(typeCount) types whose demands are integers uniform in [1, 400] per dimension (SplitMix64 seed 20260101) — VMs come from a catalogue of sizes, and the VBP benchmark format itself lists item types with multiplicities."
            : "## Continuous demands (every VM distinct)\n\nEvery VM's demand is drawn independently, integers uniform in [1, 400] per dimension (seed 20260101). The hard case for an index-ordered segment tree (many partly filled hosts cover a demand dimension by dimension without any covering it whole): here `FirstFitSearch` groups the used hosts by residual in `ResidualBoxTree` blocks (see their doc comments).",
            "", "| method | hosts used | time (s) | goal ≤ 0.2 s |", "|---|---:|---:|:---:|"]
        for measure in measures {
            let method = FitDecreasing(measure: measure, fit: .first)
            var best = Double.infinity
            var used = 0
            for _ in 0..<runs {
                let start = now()
                let result = try method.solve(instance, goal: .place, options: SolveOptions())
                best = min(best, now() - start)
                used = try check(instance, result).usedHosts.count
            }
            lines.append("| \(method.name) | \(used) | \(String(format: "%.3f", best)) | \(best <= 0.2 ? "yes" : "no") |")
            print(lines.last!)
        }
        lines.append("")
    }
    let text = lines.joined(separator: "\n") + "\n"
    let loadAverage = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    let stamped = text + (loadAverage.isEmpty ? "" : "\nLoad average (1, 5, 15 min) when the run ended: \(loadAverage) on \(ProcessInfo.processInfo.activeProcessorCount) cores; times on a loaded machine are upper bounds.\n")
    try stamped.write(toFile: outputDirectory + "/speed.md", atomically: true, encoding: .utf8)
}

// MARK: quality

struct Known { var lb: Int; var opt: Int; var bestOverall: Int }

/// The published LB, OPT and best_overall of every instance that has a best_overall (-1 = unknown).
func readKnown(_ paths: [String]) throws -> [String: Known] {
    try KnownValuesTable.read(paths: paths).entries.compactMapValues { entry in
        guard let best = entry.bestOverall.flatMap({ Int(exactly: $0) }) else { return nil }
        return Known(lb: entry.lowerBound.flatMap { Int(exactly: $0) } ?? -1, opt: entry.optimum.flatMap { Int(exactly: $0) } ?? -1, bestOverall: best)
    }
}

if runQuality {
    let known = try readKnown(["Panigrahy", "Triplet"].map { dataDirectory + "/known/\($0)_summary_known.csv" })
    var files: [(suite: String, path: String)] = []
    for suite in ["panigrahy", "triplets"] {
        let root = dataDirectory + "/" + suite
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { throw BenchError(description: "\(root) not found") }
        for case let relative as String in enumerator where relative.hasSuffix(".vbp") { files.append((suite, root + "/" + relative)) }
    }
    files.sort { $0.path < $1.path }
    if let match = option("--match") {
        let patterns = match.split(separator: ",").map(String.init)
        files = files.filter { file in patterns.contains { file.path.contains($0) } }
    }
    if files.count > limit { files = Array(files.prefix(limit)) }
    let portfolioOnly = arguments.contains("--portfolio-only")
    let methods = HeuristicCatalogue.packingMethods
    var portfolio = HeuristicCatalogue.portfolio
    if let c = Int(option("--reinsertion-candidates") ?? ""), let w = Int(option("--reinsertion-work") ?? "") {
        // Experiment: the catalogue portfolio with other reinsertion settings.
        portfolio = Portfolio(members: HeuristicCatalogue.packingMethods + HeuristicCatalogue.goalMethods,
                              reinsertionCandidates: c, reinsertionWork: w)
    }
    if let c = Int(option("--perturbation-candidates") ?? ""), let i = Int(option("--perturbation-iterations") ?? "") {
        // Experiment: the catalogue portfolio with other ruin-and-recreate settings.
        portfolio = Portfolio(members: HeuristicCatalogue.packingMethods + HeuristicCatalogue.goalMethods,
                              perturbationCandidates: c, perturbationIterations: i)
    }
    struct Row { var group: String; var klass: String; var n: Int; var known: Known?; var hosts: [Int]; var portfolio: Int; var winner: String; var seconds: Double }
    var rows: [Row] = []
    var methodSeconds = Array(repeating: 0.0, count: methods.count)
    var skipped: [String] = []
    for (index, file) in files.enumerated() {
        // vmplace rejects negative demands as invalid input; the published files of some Caprara
        // triplets hold negative weights, read as 0 (this only enlarges items, so every packing of
        // the clamped instance is feasible for the original one).
        let decoding = try VBPFormat.read(path: file.path, options: .clampingNegativeWeights)
        let instance = decoding.instance
        if !decoding.clampedWeights.isEmpty { skipped.append(instance.name) }
        var hosts: [Int] = []
        for (m, method) in methods.enumerated() where !portfolioOnly {
            let start = now()
            let result = try method.solve(instance, goal: .place, options: SolveOptions())
            methodSeconds[m] += now() - start
            let placement = try check(instance, result, allowUnplaced: false)
            hosts.append(placement.usedHosts.count)
        }
        let start = now()
        let result = try portfolio.solve(instance, goal: .place, options: SolveOptions())
        let seconds = now() - start
        let placement = try check(instance, result)
        let used = placement.usedHosts.count
        if portfolioOnly {
            let best = known[instance.name]?.bestOverall ?? -1
            rows.append(Row(group: file.suite, klass: "", n: 0, known: known[instance.name], hosts: [], portfolio: used, winner: "", seconds: seconds))
            print("\(instance.name) portfolio \(used) best_overall \(best)\(used <= best ? "" : " MISS") \(String(format: "%.3f", seconds)) s \(result.notes.count > 1 ? result.notes[1] : "")")
            continue
        }
        guard used <= hosts.min()! else { throw BenchError(description: "\(instance.name): portfolio \(used) hosts, best member \(hosts.min()!)") }
        let winner = result.notes.first.map { String($0.dropFirst("portfolio winner: ".count).prefix { $0 != " " }) } ?? "?"
        let parts = instance.name.split(separator: "_")
        let klass = parts.first.map(String.init) ?? instance.name
        let n = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        rows.append(Row(group: file.suite, klass: klass, n: n, known: known[instance.name], hosts: hosts, portfolio: used, winner: winner, seconds: seconds))
        if index % 100 == 0 { print("\(index)/\(files.count) \(instance.name) portfolio \(used) (\(winner)) best_overall \(known[instance.name]?.bestOverall ?? -1) \(String(format: "%.3f", seconds)) s") }
    }
    if portfolioOnly {
        let compared = rows.filter { $0.known != nil }
        let atMost = compared.filter { $0.portfolio <= $0.known!.bestOverall }.count
        print("portfolio-only: ≤ best_overall \(atMost)/\(compared.count), hosts \(rows.map(\.portfolio).reduce(0, +)), best_overall \(compared.map { $0.known!.bestOverall }.reduce(0, +)), time \(String(format: "%.2f", rows.map(\.seconds).reduce(0, +))) s")
        exit(0)
    }
    func sum(_ values: [Int]) -> String { String(values.reduce(0, +)) }
    var lines = ["# Heuristic quality on the public vector bin packing suites", "",
                 "Command: `\(command)` (release build).", "",
                 "Data: `\(dataDirectory)` — Panigrahy classes 1–9 (1620 instances) and the triplet suites (240), published LB, OPT and best results (`known/*.csv`) of Mommessin, Erlebach, Shakhlevich (Computers & OR 2024). Hosts = bins; every placement of every method verified by `PlacementChecker` (all VMs placed).", ""]
    let compared = rows.filter { $0.known != nil }
    let atMost = compared.filter { $0.portfolio <= $0.known!.bestOverall }.count
    let better = compared.filter { $0.portfolio < $0.known!.bestOverall }.count
    let share = compared.isEmpty ? 0 : 100 * Double(atMost) / Double(compared.count)
    lines += ["## Headline", "",
              "Portfolio ≤ published best_overall on **\(atMost) of \(compared.count) instances (\(String(format: "%.1f", share)) %)**; strictly better on \(better). Total hosts: portfolio \(sum(compared.map(\.portfolio))), best_overall \(sum(compared.map { $0.known!.bestOverall })), LB \(sum(compared.map { $0.known!.lb })).",
              "Portfolio time per instance (\(methods.count) members, parallel on the machine's cores): mean \(String(format: "%.1f", 1000 * rows.map(\.seconds).reduce(0, +) / Double(max(rows.count, 1)))) ms, max \(String(format: "%.1f", 1000 * (rows.map(\.seconds).max() ?? 0))) ms; on n = 500 instances mean \(String(format: "%.1f", 1000 * rows.filter { $0.n == 500 }.map(\.seconds).reduce(0, +) / Double(max(rows.filter { $0.n == 500 }.count, 1)))) ms.", "",
              "## Per class and size", "",
              "OPT is summed only when known for every instance of the row (else –). `≤ best` = share of instances where the portfolio uses at most the published best_overall hosts.", "",
              "| suite | class | n | instances | LB | OPT | best_overall | portfolio | ≤ best | best single method (hosts) |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    var keys: [(String, String, Int)] = []
    for row in rows where !keys.contains(where: { $0 == (row.group, row.klass, row.n) }) { keys.append((row.group, row.klass, row.n)) }
    keys.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    for key in keys {
        let group = rows.filter { ($0.group, $0.klass, $0.n) == key }
        let withKnown = group.filter { $0.known != nil }
        let opt = withKnown.count == group.count && withKnown.allSatisfy { $0.known!.opt >= 0 } ? sum(withKnown.map { $0.known!.opt }) : "–"
        let ok = withKnown.filter { $0.portfolio <= $0.known!.bestOverall }.count
        let totals = methods.indices.map { m in group.map { $0.hosts[m] }.reduce(0, +) }
        let bestMethod = totals.indices.min { totals[$0] != totals[$1] ? totals[$0] < totals[$1] : $0 < $1 }!
        lines.append("| \(key.0) | \(key.1) | \(key.2) | \(group.count) | \(sum(withKnown.map { $0.known!.lb })) | \(opt) | \(sum(withKnown.map { $0.known!.bestOverall })) | \(sum(group.map(\.portfolio))) | \(withKnown.isEmpty ? "–" : String(format: "%.0f %%", 100 * Double(ok) / Double(withKnown.count))) | \(methods[bestMethod].name) (\(totals[bestMethod])) |")
    }
    var classes: [String] = []
    for row in rows where !classes.contains(row.klass) { classes.append(row.klass) }
    if !skipped.isEmpty {
        lines += ["", "## Instances with negative weights", "",
                  "\(skipped.count) instance(s) (Caprara triplets) contain negative item weights in the published files; vmplace rejects negative demands as invalid input (`vms[i].demand: finite values ≥ 0 expected`). They are scored with negative weights clamped to 0 — this only enlarges items, so each packing is also feasible for the original instance and its host count is a valid (pessimistic) result for it: " + skipped.joined(separator: ", ") + "."]
    }
    lines += ["", "## Total hosts per method and class (all sizes)", "",
              "| method | " + classes.joined(separator: " | ") + " | total | wins | time (s) |",
              "|---|" + classes.map { _ in "---:" }.joined(separator: "|") + "|---:|---:|---:|"]
    let winners = rows.map(\.winner)
    for (m, method) in methods.enumerated() {
        let perClass = classes.map { c in rows.filter { $0.klass == c }.map { $0.hosts[m] }.reduce(0, +) }
        lines.append("| \(method.name) | " + perClass.map(String.init).joined(separator: " | ") + " | \(perClass.reduce(0, +)) | \(winners.filter { $0 == method.name }.count) | \(String(format: "%.2f", methodSeconds[m])) |")
    }
    let portfolioPerClass = classes.map { c in rows.filter { $0.klass == c }.map(\.portfolio).reduce(0, +) }
    lines.append("| **portfolio** | " + portfolioPerClass.map(String.init).joined(separator: " | ") + " | \(portfolioPerClass.reduce(0, +)) | – | \(String(format: "%.2f", rows.map(\.seconds).reduce(0, +))) |")
    let bestPerClass = classes.map { c in rows.filter { $0.klass == c }.compactMap { $0.known?.bestOverall }.reduce(0, +) }
    lines.append("| published best_overall | " + bestPerClass.map(String.init).joined(separator: " | ") + " | \(bestPerClass.reduce(0, +)) | – | – |")
    let lbPerClass = classes.map { c in rows.filter { $0.klass == c }.compactMap { $0.known?.lb }.reduce(0, +) }
    lines.append("| LB | " + lbPerClass.map(String.init).joined(separator: " | ") + " | \(lbPerClass.reduce(0, +)) | – | – |")
    lines += ["", "`wins` = instances where the method is the portfolio's winner (ties go to the first name in order). Time = total seconds of the method over all instances, single-threaded.", ""]
    let text = lines.joined(separator: "\n") + "\n"
    try text.write(toFile: outputDirectory + "/quality.md", atomically: true, encoding: .utf8)
    print("portfolio ≤ best_overall: \(atMost)/\(compared.count) = \(String(format: "%.1f", share)) %")
}
