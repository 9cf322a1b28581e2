import Dispatch
import Foundation
import LinearProgramming
import XCTest

@testable import GLPKSolver

/// Debian's GLPK keeps its environment in thread-local storage: solves on different threads at
/// the same time must give exactly the sequential results, and a GLPK error caught on one thread
/// must not disturb the others.
final class ConcurrencyTests: XCTestCase {
    /// A thread-safe slot array for results produced on several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [MIPResult?]
        private(set) var errors: [String] = []
        private var active = 0
        private(set) var maximumActive = 0
        func enter() { lock.withLock { active += 1; maximumActive = max(maximumActive, active) } }
        func leave() { lock.withLock { active -= 1 } }
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ index: Int, _ result: MIPResult) { lock.withLock { slots[index] = result } }
        func fail(_ message: String) { lock.withLock { errors.append(message) } }
        var all: [MIPResult?] { lock.withLock { slots } }
    }

    static let models: [MIP] = (0..<16).map { (index: Int) -> MIP in
        if index % 2 == 0 {
            return TestModels.randomKnapsack(items: 25, seed: UInt64(100 + index))
        }
        return TestModels.randomBinPacking(items: 10, dimensions: 2, hosts: 6, seed: UInt64(200 + index))
    }

    static func sequentialResults() throws -> [MIPResult] {
        try models.map { try GLPKSolver().solve($0, options: MIPSolveOptions()) }
    }

    static func assertSame(_ concurrent: [MIPResult?], _ sequential: [MIPResult],
                           file: StaticString = #filePath, line: UInt = #line) {
        for (index, expected) in sequential.enumerated() {
            guard let got = concurrent[index] else {
                XCTFail("model \(index): no result", file: file, line: line)
                continue
            }
            XCTAssertEqual(got.status, .optimal, "model \(index)", file: file, line: line)
            XCTAssertEqual(got.status, expected.status, "model \(index)", file: file, line: line)
            XCTAssertEqual(got.objective, expected.objective, "model \(index)", file: file, line: line)
            XCTAssertEqual(got.values, expected.values, "model \(index)", file: file, line: line)
            XCTAssertEqual(got.nodes, expected.nodes, "model \(index): same search", file: file, line: line)
        }
    }

    func testDebianBuildUsesThreadLocalStorage() {
        XCTAssertNotNil(GLPKSolver.threadLocalStorageKeyword,
                        "this GLPK build has no thread-local environment: concurrent solves are unsafe")
    }

    func testConcurrentSolvesMatchSequential() throws {
        let sequential = try Self.sequentialResults()
        let models = Self.models
        let results = Results(count: models.count)
        // Each model is solved twice in parallel; every third extra iteration makes GLPK raise an
        // error on its thread meanwhile.
        let total = models.count * 2 + 8
        DispatchQueue.concurrentPerform(iterations: total) { iteration in
            if iteration >= models.count * 2 {
                do {
                    _ = try GLPKRun.solveMIP(models[0], options: MIPSolveOptions(), fault: .negativeRelativeGap)
                    results.fail("fault \(iteration) did not throw")
                } catch GLPKError.raised {
                } catch {
                    results.fail("fault \(iteration): \(error)")
                }
                return
            }
            let index = iteration % models.count
            results.enter()
            defer { results.leave() }
            do {
                let result = try GLPKSolver().solve(models[index], options: MIPSolveOptions())
                if iteration >= models.count { results.store(index, result) } // second round
                else if result.objective != sequential[index].objective {
                    results.fail("model \(index) first round: \(String(describing: result.objective))")
                }
            } catch {
                results.fail("model \(index): \(error)")
            }
        }
        XCTAssertEqual(results.errors, [])
        XCTAssertGreaterThanOrEqual(results.maximumActive, 2, "solves did not overlap: nothing was tested")
        Self.assertSame(results.all, sequential)
    }

    func testTaskGroupSolvesMatchSequential() async throws {
        let sequential = try Self.sequentialResults()
        let models = Self.models
        let concurrent = try await withThrowingTaskGroup(of: (Int, MIPResult).self) { group in
            for (index, mip) in models.enumerated() {
                group.addTask { (index, try GLPKSolver().solve(mip, options: MIPSolveOptions())) }
            }
            var collected = [MIPResult?](repeating: nil, count: models.count)
            for try await (index, result) in group { collected[index] = result }
            return collected
        }
        Self.assertSame(concurrent, sequential)
    }
}
