import Foundation
import GRDB

/// The history of nightly plans: an embedded SQLite database (through GRDB) with one row per
/// planning date; recording a date again replaces its row (idempotent reruns).
public struct PlanHistory {
    let queue: DatabaseQueue

    /// Opens (creating when needed) the database at `path`.
    public init(path: String) throws {
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS nights (
                  date TEXT PRIMARY KEY NOT NULL,
                  vms INTEGER NOT NULL,
                  hostsNeeded INTEGER NOT NULL,
                  lowerBound INTEGER NOT NULL,
                  hostsNeededPeakSizing INTEGER NOT NULL,
                  hostsWithFailover INTEGER NOT NULL,
                  hotSpots INTEGER NOT NULL,
                  forecastMASE REAL,
                  planJSON TEXT NOT NULL)
                """)
        }
    }

    /// Stores `record` (and the plan's JSON), replacing any row of the same date.
    public func record(_ r: NightRecord, planJSON: String) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO nights (date, vms, hostsNeeded, lowerBound, hostsNeededPeakSizing, hostsWithFailover, hotSpots, forecastMASE, planJSON)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(date) DO UPDATE SET vms = excluded.vms, hostsNeeded = excluded.hostsNeeded, lowerBound = excluded.lowerBound,
                  hostsNeededPeakSizing = excluded.hostsNeededPeakSizing, hostsWithFailover = excluded.hostsWithFailover,
                  hotSpots = excluded.hotSpots, forecastMASE = excluded.forecastMASE, planJSON = excluded.planJSON
                """, arguments: [r.date, r.vms, r.hostsNeeded, r.lowerBound, r.hostsNeededPeakSizing, r.hostsWithFailover, r.hotSpots,
                                 r.forecastMASE, planJSON])
        }
    }

    /// Every night, oldest first.
    public func nights() throws -> [NightRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM nights ORDER BY date").map { row in
                NightRecord(date: row["date"], vms: row["vms"], hostsNeeded: row["hostsNeeded"], lowerBound: row["lowerBound"],
                            hostsNeededPeakSizing: row["hostsNeededPeakSizing"], hostsWithFailover: row["hostsWithFailover"],
                            hotSpots: row["hotSpots"], forecastMASE: row["forecastMASE"])
            }
        }
    }

    /// The record of a plan.
    public static func record(of plan: CapacityPlan) -> NightRecord {
        NightRecord(date: plan.date.description, vms: plan.vmCount, hostsNeeded: plan.timeSlot.hostsNeeded, lowerBound: plan.timeSlot.lowerBound,
                    hostsNeededPeakSizing: plan.peak.hostsNeeded, hostsWithFailover: plan.failover.hostsNeeded, hotSpots: plan.hotSpots.count,
                    forecastMASE: plan.dimensions.first.flatMap { plan.backtestMASE[$0] })
    }
}
