import Dispatch
import Foundation
import Heuristics
import PlacementModel

/// The heuristic start of the exact method under its deadline. The portfolio counts work, not
/// time, and cannot be interrupted; on large instances it may need longer than the whole time
/// limit. So it runs on its own thread and the exact method waits for it at most 30 % of the
/// time left: if it has not finished by then its answer is dropped (the thread finishes its
/// bounded work in the background and its result is discarded) and the cheap starts (FFD and the
/// packing variants) are the incumbent.
///
/// - Complexity: the portfolio's, cut at 30 % of the time left.
enum HeuristicStart {
    /// Share of the time left the exact method waits for the portfolio.
    static let portfolioShare = 0.3

    /// The portfolio's placement when it finishes in time, places every VM and succeeds.
    static func portfolio(_ portfolio: Portfolio, _ instance: Instance, goal: Goal, migrationBudget: Int?,
                          deadline: Deadline) -> Placement? {
        let wait = deadline.remaining * portfolioShare
        guard wait > 0 else { return nil }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let options = SolveOptions(migrationBudget: migrationBudget)
        Thread.detachNewThread {
            let result = try? portfolio.solve(instance, goal: goal, options: options)
            box.set(result)
            done.signal()
        }
        let timeout: DispatchTime = wait.isFinite ? .now() + wait : .distantFuture
        guard done.wait(timeout: timeout) == .success, let result = box.value,
              result.unplaced.isEmpty else { return nil }
        return result.placement
    }

    /// The portfolio's result, handed from its thread to the waiting one.
    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: SolveResult?
        var value: SolveResult? { lock.withLock { stored } }
        func set(_ result: SolveResult?) { lock.withLock { stored = result } }
    }
}
