import Foundation

/// Calls a progress report at most once a second (wall clock) during a replay, and once at the
/// end when it reported before — so short replays say nothing and long ones say how far they are.
struct ProgressClock {
    let report: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    let steps: Int
    var last = ContinuousClock.now
    var reported = false

    init(report: (@Sendable (Int, Int) -> Void)?, steps: Int) {
        self.report = report
        self.steps = steps
    }

    mutating func tick(_ done: Int) {
        guard let report else { return }
        // Reading the clock costs ~25 ns: only every 64 steps.
        guard done % 64 == 0 || done == steps else { return }
        let now = ContinuousClock.now
        if now - last >= .seconds(1) || (done == steps && reported) {
            report(done, steps)
            last = now
            reported = true
        }
    }
}
