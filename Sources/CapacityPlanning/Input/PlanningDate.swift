import Foundation

/// A calendar day (UTC), written YYYY-MM-DD: the key of a night's plan in the history.
public struct PlanningDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Parses YYYY-MM-DD; nil when malformed or not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let days = PlanningDate.days(year: y, month: m, day: d)
        guard PlanningDate(daysSinceEpoch: days).components == (y, m, d) else { return nil }
        daysSinceEpoch = days
    }

    /// The day that contains Unix time `seconds`.
    public init(unixSeconds seconds: Double) {
        daysSinceEpoch = Int((seconds / 86_400).rounded(.down))
    }

    /// Unix time of this day's midnight.
    public var unixSeconds: Double { Double(daysSinceEpoch) * 86_400 }

    public func adding(days: Int) -> PlanningDate { PlanningDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: PlanningDate, b: PlanningDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        let (y, m, d) = components
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// (year, month, day) of the proleptic Gregorian calendar (Howard Hinnant's civil_from_days).
    var components: (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days since the epoch of a civil date (Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
