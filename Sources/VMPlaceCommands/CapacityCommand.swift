import ArgumentParser
import CapacityPlanning
import Foundation
import InstanceFormats
import PlacementModel
import Simulation

/// `vmplace capacity`: nightly capacity planning.
struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nightly capacity planning: forecast, hosts needed with a lower bound, N+k, hot spots, what-ifs, reports, history.",
        discussion: """
        Examples:
          vmplace capacity plan --traces Instances/capacity/traces --inventory Instances/capacity/inventory.json --config Instances/capacity/config.json --out /tmp/plan --history /tmp/capacity.sqlite
          vmplace capacity backtest --traces ../shared/data/traces/bitbrains-rnd-2weeks/2013-7 --inventory Instances/capacity/bitbrains-inventory.json --holdout-days 1 --out /tmp/bt
          vmplace capacity history --history /tmp/capacity.sqlite
        """,
        subcommands: [CapacityPlanCommand.self, CapacityBacktestCommand.self, CapacityHistoryCommand.self])
}

/// Options shared by plan and backtest.
struct CapacityInputOptions: ParsableArguments {
    @Option(help: "Trace folder: Bitbrains CSV files, PlanetLab files (one per VM), or one plain CSV file.")
    var traces: String

    @Option(help: "Inventory: instance JSON with hosts (optionally VMs, rules and a current placement).")
    var inventory: String

    @Option(help: "Planning config (JSON, see Instances/capacity/config.json).")
    var config: String?

    @Option(help: "Override the config's forecast method (auto, median-top<k> or a method name).")
    var forecast: String?

    @Option(help: "Override the config's sizing statistic: peak, p95 or p99.")
    var sizing: String?

    @Option(help: "Output folder (created when missing).")
    var out: String

    @Flag(help: "No progress lines on standard error.")
    var quiet = false

    func load() throws -> (DemandHistory, Instance, PlanningConfig) {
        let inventory = try loadInstance(self.inventory, quiet: quiet)
        var config = PlanningConfig()
        if let path = self.config {
            do { config = try PlanningConfigReader.read(path: path) } catch { throw InvalidInputError(message: error.description) }
        }
        if let forecast {
            guard ForecasterCatalogue.isMethod(forecast) else {
                throw ValidationError("--forecast: expected \(ForecasterCatalogue.methodList)")
            }
            config.forecast = forecast
        }
        if let sizing {
            guard let s = SizingStatistic(rawValue: sizing) else { throw ValidationError("--sizing: expected peak, p95 or p99") }
            config.sizing = s
        }
        let history: DemandHistory
        do {
            history = try TraceLoader.load(directory: traces, inventory: inventory, config: config, progress: progress)
        } catch let error as TraceError {
            throw InvalidInputError(message: "\(error.description)")
        }
        return (history, inventory, config)
    }

    func progress(_ line: String) { if !quiet { printError("capacity: \(line)") } }

    func write(_ text: String, _ name: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try AtomicFile.write(text, to: out + "/" + name)
        } catch {
            printError("error: \(out)/\(name): \(error)")
            throw ToolExit(code: 1)
        }
    }
}

/// Maps planning errors onto exit codes: bad input 1, a checker failure 3.
func runCapacity<T>(_ body: () throws -> T) throws -> T {
    do { return try body() }
    catch let error as PlanningInputError { throw InvalidInputError(message: "error: \(error.message)") }
    catch let error as HostsNeededPacking.CheckFailure { printError("error: \(error.description) (a bug: please report it)"); throw ToolExit(code: 3) }
    catch let error as MigrationAdvice.CheckFailure { printError("error: \(error.description) (a bug: please report it)"); throw ToolExit(code: 3) }
}

/// `vmplace capacity plan`
struct CapacityPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan tomorrow's capacity: writes OUT/plan.json, OUT/report.md and OUT/report.html.",
        discussion: """
        Example:
          vmplace capacity plan --traces Instances/capacity/traces --inventory Instances/capacity/inventory.json --config Instances/capacity/config.json --out /tmp/plan --history /tmp/capacity.sqlite
        """)

    @OptionGroup var input: CapacityInputOptions

    @Option(help: "Planning date YYYY-MM-DD (default: the day after the traces end); history after it is ignored.")
    var date: String?

    @Option(help: "History database (SQLite); the night's row is replaced when the date is planned again.")
    var history: String?

    func run() throws {
        let start = Date()
        var planningDate: PlanningDate? = nil
        if let date {
            guard let d = PlanningDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, found \"\(date)\"") }
            planningDate = d
        }
        let (full, inventory, config) = try runCapacity { try input.load() }
        let (past, day) = CapacityPlanner.cut(full, at: planningDate)
        let plan = try runCapacity { try CapacityPlanner.plan(past, inventory: inventory, config: config, date: day, progress: input.progress) }
        let json = PlanJSON.plan(plan).rendered()
        var nights: [NightRecord] = []
        if let history {
            do {
                let folder = (history as NSString).deletingLastPathComponent
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                let store = try PlanHistory(path: history)
                try store.record(PlanHistory.record(of: plan), planJSON: json)
                nights = try store.nights()
            } catch {
                printError("error: \(history): \(error)")
                throw ToolExit(code: 1)
            }
        } else {
            nights = [PlanHistory.record(of: plan)]
        }
        try input.write(json, "plan.json")
        try input.write(CapacityReport.markdown(plan, nights: nights), "report.md")
        try input.write(CapacityReport.html(plan, nights: nights), "report.html")
        printError("capacity \(day): needs \(plan.timeSlot.hostsNeeded) hosts (at least \(plan.timeSlot.lowerBound); \(plan.timeSlot.method)), peak sizing \(plan.peak.hostsNeeded), N+\(plan.failover.k) \(plan.failover.hostsNeeded); \(plan.hotSpots.count) hot spot(s); \(input.out)/plan.json, report.md, report.html (\(String(format: "%.2f", Date().timeIntervalSince(start))) s)")
    }
}

/// `vmplace capacity backtest`
struct CapacityBacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Plan from all but the last D days and replay the plan on them: writes OUT/backtest.json and OUT/backtest.md.",
        discussion: """
        With --origins N the split is repeated for each of the last N days as the first held-out day (each plans from \
        the days before it only); backtest.json keeps the latest split's measures at the top level and adds every split \
        (origins) and the mean and worst over them (summary); backtest.md has a row per split.

        Examples:
          vmplace capacity backtest --traces ../shared/data/traces/bitbrains-rnd-2weeks/2013-7 --inventory Instances/capacity/bitbrains-inventory.json --holdout-days 1 --out /tmp/bt
          vmplace capacity backtest --traces ../shared/data/traces/bitbrains-rnd-2weeks/2013-7 --inventory Instances/capacity/bitbrains-inventory.json --holdout-days 1 --origins 4 --out /tmp/bt4
        """)

    @OptionGroup var input: CapacityInputOptions

    @Option(help: "Days held out to check the plan against.")
    var holdoutDays: Int

    @Option(help: "Use only the history before this date YYYY-MM-DD (the held-out days are the last ones before it).")
    var date: String?

    @Option(help: "Splits: each of the last N days is the first held-out day once (default 1).")
    var origins: Int = 1

    func run() throws {
        guard holdoutDays >= 1 else { throw ValidationError("--holdout-days: expected at least 1") }
        guard origins >= 1 else { throw ValidationError("--origins: expected at least 1") }
        var end: PlanningDate? = nil
        if let date {
            guard let d = PlanningDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, found \"\(date)\"") }
            end = d
        }
        let (full, inventory, config) = try runCapacity { try input.load() }
        let history = CapacityPlanner.cut(full, at: end).0
        let multi = try runCapacity {
            try MultiOriginBacktest.run(history, inventory: inventory, config: config, holdoutDays: holdoutDays, origins: origins, progress: input.progress)
        }
        try input.write(PlanJSON.backtest(multi).rendered(), "backtest.json")
        try input.write(BacktestReport.markdown(multi), "backtest.md")
        for result in multi.splits {
            let f = result.forecast.map { "\($0.dimension) MASE \(String(format: "%.3f", $0.meanMASE)), p95 under >10 % \(String(format: "%.1f", $0.shareP95UnderForecastOver10pct * 100)) %" }
            printError("capacity backtest \(result.firstDay): \(f.joined(separator: "; ")); hosts planned \(result.hostsPlanned) vs oracle \(result.hostsOracle), overloaded intervals \(String(format: "%.2f", result.overloadedHostIntervalShare * 100)) %; peak sizing \(result.hostsPlannedPeakSizing) (\(String(format: "%.2f", result.overloadedHostIntervalSharePeakSizing * 100)) %)")
        }
    }
}

/// `vmplace capacity history`
struct CapacityHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the nights stored in a capacity history database.",
        discussion: """
        Example:
          vmplace capacity history --history /tmp/capacity.sqlite
        """)

    @Option(help: "History database (SQLite) written by capacity plan --history.")
    var history: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: history) else {
            throw InvalidInputError(message: "error: \(history): no such history database")
        }
        let nights: [NightRecord]
        do { nights = try PlanHistory(path: history).nights() } catch {
            throw InvalidInputError(message: "error: \(history): \(error)")
        }
        var out = "date\tvms\thostsNeeded\tlowerBound\thostsNeededPeakSizing\thostsWithFailover\thotSpots\tforecastMASE\n"
        for n in nights {
            out += "\(n.date)\t\(n.vms)\t\(n.hostsNeeded)\t\(n.lowerBound)\t\(n.hostsNeededPeakSizing)\t\(n.hostsWithFailover)\t\(n.hotSpots)\t\(n.forecastMASE.map { String(format: "%.3f", $0) } ?? "")\n"
        }
        printOutput(out)
    }
}
