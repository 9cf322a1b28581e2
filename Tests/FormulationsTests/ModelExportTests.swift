import ExactSolver
import Formulations
import Foundation
import PlacementModel
import XCTest

/// LP/MPS export of every goal is read by glpsol and gives the same optimum.
final class ModelExportTests: XCTestCase {
    func instance() -> Instance {
        var instance = Instance(name: "export", dimensions: ["cpu", "mem"],
                                hosts: (0..<3).map { Tiny.host("h\($0)", [10, 10]) },
                                vms: [Tiny.vm("a", [5, 3], current: 0, cost: 2), Tiny.vm("b", [4, 6], current: 0, cost: 3),
                                      Tiny.vm("c", [3, 2], current: 1, cost: 1), Tiny.vm("d", [2, 2], current: 2, cost: 1)],
                                antiAffinity: [PlacementRule(name: "ab", vms: [0, 3])],
                                traffic: [VirtualMachinePair(1, 2, amount: 2)], sharedMemory: [VirtualMachinePair(1, 3, amount: 1)],
                                overloadThreshold: [0.8, 0.9])
        instance.weights = ObjectiveWeights(hosts: 3, migration: 1, traffic: 0.5)
        return instance
    }

    func glpsolObjective(_ arguments: [String]) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard output.contains("INTEGER OPTIMAL SOLUTION FOUND") else { return nil }
        // "+    12: mip =   4.500000000e+00 >=     tree is empty ..." — take the last "mip =" value.
        let values = output.components(separatedBy: "mip =").dropFirst().compactMap { part in
            Double(part.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return values.last
    }

    func testExportedModelsGiveTheSameOptimum() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") else { throw XCTSkip("glpsol is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmplace-export-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = instance()
        for goal in Goal.allCases {
            let result = try ExactMethod().solve(instance, goal: goal, options: SolveOptions(timeLimit: 20))
            XCTAssertEqual(result.status, .optimal, "\(goal) \(result.notes)")
            let objective = try XCTUnwrap(result.objective)
            for format in ModelExport.Format.allCases {
                let path = directory.appendingPathComponent("\(goal.rawValue).\(format.rawValue)").path
                try ModelExport.export(instance, goal: goal, format: format, to: path)
                let value = try XCTUnwrap(try glpsolObjective([format == .lp ? "--lp" : "--freemps", path]), "\(goal) \(format)")
                XCTAssertEqual(value, objective, accuracy: 1e-6, "\(goal) \(format)")
            }
        }
    }

    func testInfeasibleInstanceIsExplained() throws {
        // Three VMs of 6 on two hosts of 10 in one anti-affinity group... the core names them.
        let instance = Instance(name: "core", dimensions: ["cpu"], hosts: (0..<2).map { Tiny.host("h\($0)", [10]) },
                                vms: [Tiny.vm("a", [6]), Tiny.vm("b", [6]), Tiny.vm("c", [6]), Tiny.vm("d", [1])])
        let result = try ExactMethod().solve(instance, goal: .place, options: SolveOptions(timeLimit: 20))
        XCTAssertEqual(result.status, .infeasible)
        let core = result.notes.first { $0.contains("core") } ?? ""
        XCTAssertTrue(core.contains("VM a") && core.contains("VM b") && core.contains("VM c"), "\(result.notes)")
        XCTAssertFalse(core.contains("VM d"), "\(result.notes)")
    }

    func testRuleConflictIsExplained() throws {
        // Affinity {a,b} and anti-affinity {b,c} and {a,c} on... a, b, c of 4 on two hosts of 10 with
        // anti-affinity {a,b}, {b,c}, {a,c}: needs 3 hosts.
        let instance = Instance(name: "rules", dimensions: ["cpu"], hosts: (0..<2).map { Tiny.host("h\($0)", [10]) },
                                vms: [Tiny.vm("a", [4]), Tiny.vm("b", [4]), Tiny.vm("c", [4]), Tiny.vm("d", [4])],
                                antiAffinity: [PlacementRule(name: "ab", vms: [0, 1]), PlacementRule(name: "bc", vms: [1, 2]),
                                               PlacementRule(name: "ac", vms: [0, 2])])
        let result = try ExactMethod().solve(instance, goal: .place, options: SolveOptions(timeLimit: 20))
        XCTAssertEqual(result.status, .infeasible)
        let core = result.notes.first { $0.contains("core") } ?? ""
        XCTAssertTrue(core.contains("group ab") && core.contains("group bc") && core.contains("group ac"), "\(result.notes)")
        XCTAssertFalse(core.contains("VM d"), "\(result.notes)")
    }
}
