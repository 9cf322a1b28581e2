import ArgumentParser
import Foundation
import InstanceFormats
import PlacementModel
import Platform
import ROADEF

/// `vmplace roadef …`: the ROADEF/EURO 2012 machine reassignment problem (Google).
struct Roadef: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadef",
        abstract: "ROADEF/EURO 2012 machine reassignment: score, solve and convert Google's instances.",
        discussion: """
        Files are the challenge's: a model, an initial assignment, a solution (same format as the
        assignment). The objective and the hard constraints are the official checker's.

        Examples:
          vmplace roadef score Instances/roadef/model_tiny.txt Instances/roadef/assignment_tiny.txt
          vmplace roadef solve model_a1_1.txt assignment_a1_1.txt --time-limit 10 --output sol.txt
          vmplace roadef convert model_a1_1.txt assignment_a1_1.txt a1_1.json
        """,
        subcommands: [ScoreCommand.self, SolveCommand.self, ConvertCommand.self, GenerateCommand.self, ReadBenchCommand.self])

    /// Reads a model and an assignment, turning reader errors into exit code 1.
    static func load(model path: String, assignment: String) throws -> (RoadefModel, [Int32]) {
        do {
            let model = try RoadefReader.readModel(path: path)
            return (model, try RoadefReader.readAssignment(path: assignment, model: model))
        } catch {
            throw InvalidInputError(message: error.description)
        }
    }

    static func readSolution(_ path: String, model: RoadefModel) throws -> [Int32] {
        do { return try RoadefReader.readAssignment(path: path, model: model) } catch {
            throw InvalidInputError(message: error.description)
        }
    }

    /// The score as JSON: feasibility, total, each term, every violation.
    static func json(_ cost: RoadefCost, _ violations: [RoadefViolation], extra: [(String, String)] = []) -> String {
        var lines = extra.map { "  \"\($0.0)\": \($0.1)" }
        lines.append("  \"feasible\": \(violations.isEmpty)")
        lines.append("  \"total\": \(cost.total)")
        lines.append("  \"load\": \(cost.load)")
        lines.append("  \"balance\": \(cost.balance)")
        lines.append("  \"processMove\": \(cost.processMove)")
        lines.append("  \"serviceMove\": \(cost.serviceMove)")
        lines.append("  \"machineMove\": \(cost.machineMove)")
        let entries = violations.map { v in
            var fields = ["\"kind\": \(quoted(v.kind.rawValue))"]
            if let m = v.machine { fields.append("\"machine\": \(m)") }
            if let s = v.service { fields.append("\"service\": \(s)") }
            if let p = v.process { fields.append("\"process\": \(p)") }
            if let r = v.resource { fields.append("\"resource\": \(r)") }
            if let n = v.neighborhood { fields.append("\"neighborhood\": \(n)") }
            fields.append("\"message\": \(quoted(v.message))")
            return "    {" + fields.joined(separator: ", ") + "}"
        }
        lines.append("  \"violations\": [" + (entries.isEmpty ? "]" : "\n" + entries.joined(separator: ",\n") + "\n  ]"))
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// A JSON string literal (Foundation's encoder does the escaping).
    static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// A solution file: the machine of each process, 40 per line.
    static func solutionText(_ assignment: [Int32]) -> String {
        var text = ""
        text.reserveCapacity(assignment.count * 6)
        for (p, m) in assignment.enumerated() { text += "\(m)\(p % 40 == 39 || p == assignment.count - 1 ? "\n" : " ")" }
        return text
    }
}

extension Roadef {
    /// `vmplace roadef score MODEL ASSIGNMENT [SOLUTION]`
    struct ScoreCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "The official objective and every violated hard constraint of a solution, as JSON.",
            discussion: """
            Terms (64-bit integers): load, balance, processMove, serviceMove (max over services),
            machineMove. Hard constraints: capacity, transient-capacity (a moved process uses a
            transient resource on both machines), conflict, spread, dependency. Without SOLUTION the
            initial assignment is scored. Exit 0 feasible, 1 infeasible or invalid input.

            Example:
              vmplace roadef score Instances/roadef/model_tiny.txt Instances/roadef/assignment_tiny.txt
            """)

        @Argument(help: "Model file.") var model: String
        @Argument(help: "Initial assignment file.") var assignment: String
        @Argument(help: "Solution file (default: the initial assignment).") var solution: String?

        func run() throws {
            let (model, initial) = try Roadef.load(model: self.model, assignment: assignment)
            let solution = try self.solution.map { try Roadef.readSolution($0, model: model) } ?? initial
            let (cost, violations) = RoadefScore.evaluate(model, initial: initial, solution: solution)
            printOutput(Roadef.json(cost, violations))
            if !violations.isEmpty {
                printError("infeasible: \(violations.count) violated constraint\(violations.count == 1 ? "" : "s")")
                throw ToolExit(code: 1)
            }
        }
    }

    /// `vmplace roadef convert MODEL ASSIGNMENT OUT.json`
    struct ConvertCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Map a ROADEF model and assignment onto a vmplace instance (JSON).",
            discussion: """
            Machines → hosts (safety capacity → overload thresholds; location → site,
            neighbourhood → rack), processes → VMs (initial machine → current host, process move
            cost → migration cost), services → anti-affinity groups. Transient resources, spread,
            dependencies, load and balance weights, service and machine move costs do not map and
            are listed on standard error.

            Example:
              vmplace roadef convert model_a1_1.txt assignment_a1_1.txt a1_1.json
              vmplace solve a1_1.json --goal hotspot
            """)

        @Argument(help: "Model file.") var model: String
        @Argument(help: "Initial assignment file.") var assignment: String
        @Argument(help: "Output vmplace instance (.json), - for standard output.") var output: String

        func run() throws {
            let (model, initial) = try Roadef.load(model: self.model, assignment: assignment)
            let name = URL(fileURLWithPath: self.model).deletingPathExtension().lastPathComponent
            let instance = RoadefInstanceMapping.instance(model, initial: initial, name: name)
            printError("note: not mapped (kept in the ROADEF layer): \(RoadefInstanceMapping.unmapped(model).joined(separator: "; "))")
            try emit(InstanceJSON.encode(instance), to: output)
        }
    }

    /// `vmplace roadef generate --processes … MODEL ASSIGNMENT`
    struct GenerateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write a seeded synthetic ROADEF model (default: set-B size) to measure reading.",
            discussion: """
            Example:
              vmplace roadef generate /tmp/model_b.txt /tmp/assignment_b.txt
              vmplace roadef read-bench /tmp/model_b.txt /tmp/assignment_b.txt --repeat 5
            """)

        @Argument(help: "Model file to write.") var model: String
        @Argument(help: "Assignment file to write.") var assignment: String
        @Option(help: "Processes.") var processes = RoadefGenerator.Size.setB.processes
        @Option(help: "Machines.") var machines = RoadefGenerator.Size.setB.machines
        @Option(help: "Services.") var services = RoadefGenerator.Size.setB.services
        @Option(help: "Seed.") var seed: UInt64 = 1

        func validate() throws {
            guard processes > 0, machines > 0, services > 0, services <= processes, processes / services <= machines else {
                throw ValidationError("need processes, machines, services > 0, services ≤ processes, processes/services ≤ machines")
            }
        }

        func run() throws {
            var size = RoadefGenerator.Size.setB
            size.processes = processes
            size.machines = machines
            size.services = services
            var text = ""
            RoadefGenerator.writeModel(size, seed: seed) { text += $0 }
            try emit(text, to: model)
            try emit(RoadefGenerator.assignment(size), to: assignment)
        }
    }

    /// `vmplace roadef read-bench MODEL ASSIGNMENT --repeat N`
    struct ReadBenchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read-bench",
            abstract: "Measure reading (and scoring) a model and an assignment: wall and CPU seconds per repeat.",
            discussion: """
            Example:
              vmplace roadef read-bench /tmp/model_b.txt /tmp/assignment_b.txt --repeat 5
            """)

        @Argument(help: "Model file.") var model: String
        @Argument(help: "Assignment file.") var assignment: String
        @Option(help: "Measurements.") var `repeat` = 5

        func run() throws {
            let clock = ContinuousClock()
            var lines = ["repeat,read_model_s,read_model_cpu_s,read_assignment_s,score_s,processes,machines,move_cost_entries,total"]
            for k in 0..<max(1, `repeat`) {
                let t0 = clock.now, cpu0 = ProcessResources.cpuSeconds
                let (model, initial): (RoadefModel, [Int32])
                do { model = try RoadefReader.readModel(path: self.model) } catch { throw InvalidInputError(message: error.description) }
                let t1 = clock.now, cpu1 = ProcessResources.cpuSeconds
                initial = try Roadef.readSolution(assignment, model: model)
                let t2 = clock.now
                let (cost, _) = RoadefScore.evaluate(model, initial: initial, solution: initial)
                let t3 = clock.now
                func s(_ d: Duration) -> String { String(format: "%.3f", Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds)) }
                lines.append("\(k + 1),\(s(t1 - t0)),\(String(format: "%.3f", cpu1 - cpu0)),\(s(t2 - t1)),\(s(t3 - t2)),\(model.processCount),\(model.machineCount),\(model.machineMoveCost.count),\(cost.total)")
            }
            printOutput(lines.joined(separator: "\n") + "\n")
        }
    }
}
