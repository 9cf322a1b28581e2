import Foundation

/// `done / total, elapsed, ETA` on one self-overwriting stderr line; silent when disabled
/// (by default when stderr is not a terminal).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 0
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard enabled else { return }
        let now = ContinuousClock.now
        if let last = lastDraw, now - last < .milliseconds(200), done < total { return }
        lastDraw = now
        draw()
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if enabled { draw(); FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let eta = done > 0 ? seconds / Double(done) * Double(total - done) : 0
        let line = String(format: "\rscore: %d/%d rows, %.1f s elapsed, ETA %.1f s   ", done, total, seconds, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
