/// A daily window of the time-of-day trigger, `HH:MM-HH:MM` (it may wrap past midnight:
/// `22:00-06:00`).
public struct DecisionWindow: Sendable, Hashable, CustomStringConvertible {
    /// Seconds after midnight; `end` is excluded.
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM`; `nil` when malformed.
    public init?(parsing text: String) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = Self.seconds(ends[0]), let end = Self.seconds(ends[1]), start != end else { return nil }
        self.start = start
        self.end = end
    }

    /// Seconds after midnight of `HH:MM`; `nil` when malformed.
    public static func seconds(_ text: Substring) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 24, minutes < 60, hours * 60 + minutes <= 1440 else { return nil }
        return Double(hours * 3600 + minutes * 60)
    }

    public func contains(_ secondOfDay: Double) -> Bool {
        start < end ? (secondOfDay >= start && secondOfDay < end) : (secondOfDay >= start || secondOfDay < end)
    }

    public var description: String {
        func clock(_ s: Double) -> String {
            let minutes = Int(s) / 60
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return clock(start) + "-" + clock(end)
    }
}
