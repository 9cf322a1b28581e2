import Foundation

/// A chart axis from 0 at a round step (1, 2, 2.5 or 5 × 10^k) with 3 to 6 intervals, whose top
/// is the least such value at or above the data's maximum: labels read 0, 5k, 10k, … rather than
/// fractions of the maximum (1524.6, 3049.3, …).
///
/// Heckbert, "Nice numbers for graph labels", Graphics Gems (1990).
///
/// - Complexity: O(1).
public struct NiceAxis: Sendable, Hashable {
    /// Distance between ticks.
    public var step: Double
    /// Intervals between 0 and ``maximum``.
    public var intervals: Int
    /// The axis top, `step · intervals`.
    public var maximum: Double { step * Double(intervals) }
    /// The tick values, 0 first.
    public var ticks: [Double] { (0...intervals).map { step * Double($0) } }

    /// The axis of the lowest top at or above `dataMaximum` (of equal tops, the larger step).
    public init(covering dataMaximum: Double) {
        let top = dataMaximum.isFinite && dataMaximum > 0 ? dataMaximum : 1
        let magnitude = pow(10, log10(top / 4).rounded(.down))
        var best: (step: Double, intervals: Int)? = nil
        for scale in [0.1, 1, 10] {
            for unit in [1, 2, 2.5, 5] {
                let step = unit * scale * magnitude
                let intervals = Int((top / step - 1e-9).rounded(.up))
                guard (3...6).contains(intervals) else { continue }
                let candidate = step * Double(intervals)
                if let b = best {
                    let current = b.step * Double(b.intervals)
                    guard candidate < current * (1 - 1e-12) || (abs(candidate - current) <= 1e-12 * current && step > b.step) else { continue }
                }
                best = (step, intervals)
            }
        }
        (step, intervals) = best ?? (top / 4, 4)
    }

    /// A tick label: at most two decimals, trailing zeros dropped; k and M from ten thousand and a
    /// million (`25k`, `12.5k`, `1.5M`).
    public static func label(_ value: Double) -> String {
        func trimmed(_ x: Double) -> String {
            var s = String(format: "%.2f", x)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s == "-0" ? "0" : s
        }
        if abs(value) >= 1_000_000 { return trimmed(value / 1_000_000) + "M" }
        if abs(value) >= 10_000 { return trimmed(value / 1000) + "k" }
        return trimmed(value)
    }
}
