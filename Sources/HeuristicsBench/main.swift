// heuristics-bench: speed of FFD under every size measure at scale, and quality of every
// heuristic and the portfolio on the public vector bin packing suites (Panigrahy, triplets)
// against the published results of Mommessin, Erlebach, Shakhlevich (2024).
//
//   swift run -c release heuristics-bench \
//       [--speed] [--quality] [--data DIR] [--output DIR] [--vms N] [--types N] [--limit N]
//       [--match SUBSTRING[,SUBSTRING…]] [--portfolio-only] [--portfolio-speed [--runs N]]
//       [--typed-only | --continuous-only] [--measures sum,max,…] [--runs N] [--repeat N]
//       [--without NAME[,NAME…]] [--improved-candidates N] [--reinsertion-candidates N] [--reinsertion-work N]
//       [--perturbation-candidates N] [--perturbation-iterations N] [--perturbation-work N] [--perturbation-budget N]
//       [--elimination-work N] [--reinsertion-targets N]
//   --match keeps only instance files whose path contains one of the substrings; --portfolio-only
//   runs only the portfolio, prints per-instance lines (with a digest of the placement) and a
//   summary, and writes no file; --without drops members from the default portfolio and the
//   other options change its settings (experiments, see `Portfolio`). --portfolio-speed times
//   the default portfolio on every n = 500 Panigrahy instance (best of --runs, default 3) and
//   writes portfolio-speed.md. --speed --repeat N measures N times in one process: speed.md is
//   the first, speed-repeats.md lists all N side by side (median, slowest, how many met 0.2 s).
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
let runPortfolioSpeed = arguments.contains("--portfolio-speed")
let runSpeed = arguments.contains("--speed") || !arguments.contains("--quality") && !runPortfolioSpeed
let runQuality = arguments.contains("--quality") || !arguments.contains("--speed") && !runPortfolioSpeed
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

/// The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, if readable.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: ", ")
}

/// The machine's CPU time counters (all, steal) from the "cpu" line of /proc/stat, if readable.
/// Steal is time the hypervisor gave to other guests: on a virtual machine it makes every
/// timing an upper bound.
func cpuCounters() -> (total: Double, steal: Double)? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
    let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard values.count >= 8 else { return nil }
    return (values.prefix(8).reduce(0, +), values[7])
}

/// "steal x % of the CPU time" between two readings of ``cpuCounters()``.
func stealNote(_ before: (total: Double, steal: Double)?) -> String {
    guard let before, let after = cpuCounters(), after.total > before.total else { return "CPU steal unknown" }
    return "CPU steal (time the hypervisor gave other guests) \(String(format: "%.0f", 100 * (after.steal - before.steal) / (after.total - before.total))) % during the run"
}


if runSpeed {
    let d = 5
    let typeCount = Int(option("--types") ?? "") ?? 200
    let runs = Int(option("--runs") ?? "") ?? 3
    let repeats = max(1, Int(option("--repeat") ?? "") ?? 1)
    let cases = arguments.contains("--typed-only") ? [true] : arguments.contains("--continuous-only") ? [false] : [true, false]
    let measures = option("--measures").map { $0.split(separator: ",").compactMap { SizeMeasure(rawValue: String($0)) } } ?? SizeMeasure.allCases
    let instances = cases.map { typed -> Instance in
        var random = Random(state: 20_260_101)
        let types = (0..<typeCount).map { _ in (0..<d).map { _ in random.uniform(1...400) } }
        let vms = (0..<vmCount).map { v in
            VirtualMachine(id: "v\(v)", demand: ResourceVector(typed ? types[Int(random.next() % UInt64(typeCount))] : (0..<d).map { _ in random.uniform(1...400) }))
        }
        let hosts = (0..<vmCount).map { Host(id: "h\($0)", capacity: ResourceVector(Array(repeating: 1000, count: d))) }
        return Instance(name: "speed-\(vmCount)x\(d)", dimensions: (1...d).map { "d\($0)" }, hosts: hosts, vms: vms)
    }
    // One measurement of every case and measure (best of `runs` solves each): the text of
    // speed.md and the times, in table order.
    func measure() throws -> (text: String, times: [(demands: String, method: String, seconds: Double)]) {
        let countersAtStart = cpuCounters()
        var lines = ["# FFD speed: \(vmCount) VMs × \(d) dimensions", "",
                     "Command: `\(command)` (release build).", "",
                     "Time = one `solve` call (input check, sizes, sort, first-fit packing, result assembly with the objective), best of \(runs) runs; every placement verified by `PlacementChecker` outside the timing. \(vmCount) identical hosts of capacity 1000 per dimension. Cores available to the process: \(AvailableCores.count) (with two or more, large subtrees of `DemandBoxTree` are built concurrently; the tree and the placement are the same either way).", ""]
        var times: [(demands: String, method: String, seconds: Double)] = []
        for (typed, instance) in zip(cases, instances) {
            lines += [typed
                ? "## Catalogue demands (\(typeCount) VM types)\n\nEach VM is one of \(typeCount) types whose demands are integers uniform in [1, 400] per dimension (SplitMix64 seed 20260101) — VMs come from a catalogue of sizes, and the VBP benchmark format itself lists item types with multiplicities."
                : "## Continuous demands (every VM distinct)\n\nEvery VM's demand is drawn independently, integers uniform in [1, 400] per dimension (seed 20260101). The hard case for first fit searched VM by VM (many partly filled hosts cover a demand dimension by dimension without any covering it whole). First fit is computed host by host instead — each host takes, in packing order, every VM still unplaced that fits, the same placement — and `DemandBoxTree` (an 8-wide bounding-box tree over the VMs' 16-bit quantised demands, split by demand and packing position, tested lane-parallel) finds the earliest VM that fits: one query per VM plus one per host used.",
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
                times.append((typed ? "catalogue" : "distinct", method.name, best))
                lines.append("| \(method.name) | \(used) | \(String(format: "%.3f", best)) | \(best <= 0.2 ? "yes" : "no") |")
                print(lines.last!)
            }
            lines.append("")
        }
        let text = lines.joined(separator: "\n") + "\n"
        return (text + "\nLoad average (1, 5, 15 min) when the run ended: \(loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores; \(stealNote(countersAtStart)); times on a loaded machine are upper bounds.\n", times)
    }
    var columns: [(stamp: String, times: [(demands: String, method: String, seconds: Double)])] = []
    for repetition in 0..<repeats {
        let stamp = utcTime()
        let (text, times) = try measure()
        // speed.md: the first measurement.
        if repetition == 0 { try text.write(toFile: outputDirectory + "/speed.md", atomically: true, encoding: .utf8) }
        columns.append((stamp, times))
    }
    if repeats > 1 {
        // speed-repeats.md: every measurement side by side, the median, the slowest and how many
        // met the goal, per case and measure.
        var lines = ["# FFD speed, repeated: the same code, \(repeats) measurements", "",
                     "Command: `\(command)` (release build): the measurement of `speed.md` (best of \(runs) solves per case and measure) repeated \(repeats) times in one process, one column each (start time, UTC, \(utcDate())); \(vmCount) VMs × \(d) dimensions; cores available: \(AvailableCores.count). The first column is `speed.md`.", "",
                     "Why: this virtual machine's speed drifts by tens of per cent from one minute — even one measurement — to the next (the same code on the same input), so one measurement is no verdict on the 0.2 s goal.", "",
                     "| demands | method | " + columns.map(\.stamp).joined(separator: " | ") + " | median | slowest | ≤ 0.2 s in |",
                     "|---|---|" + String(repeating: "---:|", count: columns.count + 3)]
        for (row, first) in columns[0].times.enumerated() {
            let values = columns.map { $0.times[row].seconds }
            let sorted = values.sorted()
            lines.append("| \(first.demands) | \(first.method) | " + values.map { String(format: "%.3f", $0) }.joined(separator: " | ")
                         + " | \(String(format: "%.3f", sorted[sorted.count / 2])) | \(String(format: "%.3f", sorted.last!)) | \(values.filter { $0 <= 0.2 }.count) of \(values.count) |")
        }
        let all = columns.flatMap { $0.times.map(\.seconds) }
        lines += ["", "Every measure within 0.2 s in \(columns.filter { $0.times.allSatisfy { $0.seconds <= 0.2 } }.count) of \(columns.count) measurements; slowest figure \(String(format: "%.3f", all.max() ?? 0)) s. Load average (1, 5, 15 min) at the end: \(loadAverage()).", ""]
        try lines.joined(separator: "\n").write(toFile: outputDirectory + "/speed-repeats.md", atomically: true, encoding: .utf8)
    }
}

/// The time of day (UTC), HH:MM:SS.
func utcTime() -> String {
    let formatter = DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "HH:mm:ss"
    return formatter.string(from: Date())
}

/// Today (UTC), YYYY-MM-DD.
func utcDate() -> String {
    let formatter = DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
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
    // Experiments: the default portfolio with other settings or without some members.
    let experimentOptions = ["--without", "--improved-candidates", "--reinsertion-candidates", "--reinsertion-work",
                             "--perturbation-candidates", "--perturbation-iterations", "--perturbation-work", "--perturbation-budget", "--elimination-work", "--reinsertion-targets"]
    if experimentOptions.contains(where: { option($0) != nil }) {
        let base = HeuristicCatalogue.portfolio
        let dropped = Set((option("--without") ?? "").split(separator: ",").map(String.init))
        func value(_ name: String, _ fallback: Int) -> Int { Int(option(name) ?? "") ?? fallback }
        portfolio = Portfolio(members: HeuristicCatalogue.portfolioMembers.filter { !dropped.contains($0.name) },
                              improvedCandidates: value("--improved-candidates", base.improvedCandidates),
                              reinsertionCandidates: value("--reinsertion-candidates", base.reinsertionCandidates),
                              reinsertionWork: value("--reinsertion-work", base.reinsertionWork),
                              perturbationCandidates: value("--perturbation-candidates", base.perturbationCandidates),
                              perturbationIterations: option("--perturbation-iterations").flatMap { Int($0) } ?? base.perturbationIterations,
                              perturbationWork: value("--perturbation-work", base.perturbationWork),
                              perturbationBudget: value("--perturbation-budget", base.perturbationBudget),
                              eliminationWork: value("--elimination-work", base.eliminationWork),
                              reinsertionTargets: value("--reinsertion-targets", base.reinsertionTargets))
    }
    let memberNames = Set(portfolio.members(for: .place).map(\.name))
    let isMember = methods.map { memberNames.contains($0.name) }
    var outsideBetter = Array(repeating: 0, count: methods.count)
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
            var digest: UInt64 = 0xcbf2_9ce4_8422_2325
            for host in placement.hostOfVM { digest = (digest ^ UInt64(bitPattern: Int64(host ?? -1))) &* 0x100_0000_01b3 }
            print("\(instance.name) portfolio \(used) best_overall \(best)\(used <= best ? "" : " MISS") \(String(format: "%.3f", seconds)) s placement \(String(digest, radix: 16)) \(result.notes.count > 1 ? result.notes[1] : "")")
            continue
        }
        // The portfolio is never worse than its own members; methods left out of it may be.
        let memberBest = methods.indices.filter { isMember[$0] }.map { hosts[$0] }.min() ?? Int.max
        guard used <= memberBest else { throw BenchError(description: "\(instance.name): portfolio \(used) hosts, best member \(memberBest)") }
        for m in methods.indices where !isMember[m] && hosts[m] < used { outsideBetter[m] += 1 }
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
              "Portfolio time per instance (\(portfolio.members(for: .place).count) packing members, parallel on the machine's cores; measured while every method also runs alone, see portfolio-speed.md for clean timing): mean \(String(format: "%.1f", 1000 * rows.map(\.seconds).reduce(0, +) / Double(max(rows.count, 1)))) ms, max \(String(format: "%.1f", 1000 * (rows.map(\.seconds).max() ?? 0))) ms; on n = 500 instances mean \(String(format: "%.1f", 1000 * rows.filter { $0.n == 500 }.map(\.seconds).reduce(0, +) / Double(max(rows.filter { $0.n == 500 }.count, 1)))) ms.", "",
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
        let wins = isMember[m] ? String(winners.filter { $0 == method.name }.count) : "not a member (fewer hosts than the portfolio on \(outsideBetter[m]))"
        lines.append("| \(method.name) | " + perClass.map(String.init).joined(separator: " | ") + " | \(perClass.reduce(0, +)) | \(wins) | \(String(format: "%.2f", methodSeconds[m])) |")
    }
    let portfolioPerClass = classes.map { c in rows.filter { $0.klass == c }.map(\.portfolio).reduce(0, +) }
    lines.append("| **portfolio** | " + portfolioPerClass.map(String.init).joined(separator: " | ") + " | \(portfolioPerClass.reduce(0, +)) | – | \(String(format: "%.2f", rows.map(\.seconds).reduce(0, +))) |")
    let bestPerClass = classes.map { c in rows.filter { $0.klass == c }.compactMap { $0.known?.bestOverall }.reduce(0, +) }
    lines.append("| published best_overall | " + bestPerClass.map(String.init).joined(separator: " | ") + " | \(bestPerClass.reduce(0, +)) | – | – |")
    let lbPerClass = classes.map { c in rows.filter { $0.klass == c }.compactMap { $0.known?.lb }.reduce(0, +) }
    lines.append("| LB | " + lbPerClass.map(String.init).joined(separator: " | ") + " | \(lbPerClass.reduce(0, +)) | – | – |")
    lines += ["", "`wins` = instances where the method is the portfolio's winner (ties go to the first name in order); methods left out of the default portfolio (`HeuristicCatalogue.portfolioExclusions`) are run alone, with the number of instances where they use fewer hosts than the portfolio. Time = total seconds of the method over all instances, single-threaded.", ""]
    let text = lines.joined(separator: "\n") + "\n"
    try text.write(toFile: outputDirectory + "/quality.md", atomically: true, encoding: .utf8)
    print("portfolio ≤ best_overall: \(atMost)/\(compared.count) = \(String(format: "%.1f", share)) %")
}

// MARK: portfolio speed

if runPortfolioSpeed {
    let known = try readKnown([dataDirectory + "/known/Panigrahy_summary_known.csv"])
    let runs = max(1, Int(option("--runs") ?? "") ?? 3)
    var files: [String] = []
    let root = dataDirectory + "/panigrahy"
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { throw BenchError(description: "\(root) not found") }
    for case let relative as String in enumerator where relative.hasSuffix(".vbp") && relative.contains("_500_") { files.append(root + "/" + relative) }
    files.sort()
    if let match = option("--match") {
        let patterns = match.split(separator: ",").map(String.init)
        files = files.filter { file in patterns.contains { file.contains($0) } }
    }
    if files.count > limit { files = Array(files.prefix(limit)) }
    let portfolio = HeuristicCatalogue.portfolio
    let loadBefore = loadAverage()
    struct Timing { var name: String; var hosts: Int; var best: Int?; var seconds: Double; var worst: Double }
    var timings: [Timing] = []
    // Rounds over all instances (not the runs of one instance back to back), so that a burst of
    // load from other users does not spoil every run of the same instance.
    let instances = try files.map { try VBPFormat.read(path: $0, options: .clampingNegativeWeights).instance }
    var best = Array(repeating: Double.infinity, count: instances.count)
    var worst = Array(repeating: 0.0, count: instances.count)
    var placements = [Placement?](repeating: nil, count: instances.count)
    for round in 0..<runs {
        for (i, instance) in instances.enumerated() {
            let start = now()
            let result = try portfolio.solve(instance, goal: .place, options: SolveOptions())
            let seconds = now() - start
            best[i] = min(best[i], seconds)
            worst[i] = max(worst[i], seconds)
            let placement = try check(instance, result)
            if let first = placements[i], first != placement { throw BenchError(description: "\(instance.name): portfolio not deterministic across runs") }
            placements[i] = placement
            if round == runs - 1 {
                let hosts = placement.usedHosts.count
                timings.append(Timing(name: instance.name, hosts: hosts, best: known[instance.name]?.bestOverall, seconds: best[i], worst: worst[i]))
                print("\(instance.name) \(hosts) hosts (best_overall \(known[instance.name].map { String($0.bestOverall) } ?? "?")) \(String(format: "%.1f", 1000 * best[i])) ms")
            }
        }
    }
    let loadAfter = loadAverage()
    func ms(_ x: Double) -> String { String(format: "%.1f", 1000 * x) }
    let seconds = timings.map(\.seconds)
    let mean = seconds.reduce(0, +) / Double(max(seconds.count, 1))
    let sorted = seconds.sorted()
    let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    let slowest = timings.max { $0.seconds < $1.seconds }
    let within = seconds.filter { $0 <= 0.1 }.count
    let atMost = timings.filter { t in t.best.map { t.hosts <= $0 } ?? false }.count
    var lines = ["# Portfolio speed on the n = 500 Panigrahy instances", "",
                 "Command: `\(command)` (release build).", "",
                 "Time = wall time of one `HeuristicCatalogue.portfolio.solve(instance, goal: .place)` call (members in parallel, then the local searches), best of \(runs) runs per instance (\(runs) rounds over all instances); every placement verified by `PlacementChecker` outside the timing and the \(runs) runs checked to give the same placement. Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, shared with other engineers' builds — load average (1, 5, 15 min) \(loadBefore) before and \(loadAfter) after the run.", "",
                 "## Headline", "",
                 "\(timings.count) instances: mean **\(ms(mean)) ms**, median \(ms(median)) ms, max **\(ms(sorted.last ?? 0)) ms** (\(slowest?.name ?? "–")); \(within) of \(timings.count) within 100 ms. Portfolio ≤ published best_overall on \(atMost) of \(timings.count).", "",
                 "## Per class", "",
                 "| class | instances | mean (ms) | max (ms) | hosts | best_overall |", "|---|---:|---:|---:|---:|---:|"]
    var classes: [String] = []
    for t in timings { let c = String(t.name.prefix { $0 != "_" }); if !classes.contains(c) { classes.append(c) } }
    for c in classes {
        let group = timings.filter { $0.name.hasPrefix(c + "_") }
        let groupMean = group.map(\.seconds).reduce(0, +) / Double(group.count)
        lines.append("| \(c) | \(group.count) | \(ms(groupMean)) | \(ms(group.map(\.seconds).max() ?? 0)) | \(group.map(\.hosts).reduce(0, +)) | \(group.compactMap(\.best).reduce(0, +)) |")
    }
    lines += ["", "## Every instance", "", "| instance | hosts | best_overall | time (ms, best of \(runs)) | slowest run (ms) |", "|---|---:|---:|---:|---:|"]
    for t in timings { lines.append("| \(t.name) | \(t.hosts) | \(t.best.map(String.init) ?? "–") | \(ms(t.seconds)) | \(ms(t.worst)) |") }
    let report = lines.joined(separator: "\n") + "\n"
    if option("--match") == nil && limit == Int.max {
        try report.write(toFile: outputDirectory + "/portfolio-speed.md", atomically: true, encoding: .utf8)
    }
    print("portfolio on n = 500: mean \(ms(mean)) ms, max \(ms(sorted.last ?? 0)) ms, \(within)/\(timings.count) within 100 ms; load \(loadBefore) → \(loadAfter)")
}
