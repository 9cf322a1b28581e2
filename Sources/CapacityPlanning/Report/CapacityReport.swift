import Foundation
import Platform

/// The human-readable reports of a plan: Markdown and a self-contained XHTML page (inline CSS and
/// SVG, no scripts, no network fetches) with the forecast of the VMs that matter most, hosts over
/// the horizon with the bound, a host × slot heat map and the trend across nights.
public enum CapacityReport {
    /// Headline lines shared by both formats.
    static func headline(_ p: CapacityPlan) -> [String] {
        let candidates: [String?] = [
            "Needs \(p.timeSlot.hostsNeeded) hosts (time-slot packing, \(p.slots) slots per day, \(p.sizing.rawValue) of the upper forecast, packed by \(p.timeSlot.method)); at least \(p.timeSlot.lowerBound) are necessary (\(p.timeSlot.boundMethod)).",
            p.timeSlot.methodReason.map { "Packing method: \($0)." },
            "Peak sizing needs \(p.peak.hostsNeeded) hosts (bound \(p.peak.lowerBound)).",
            "With N+\(p.failover.k) failover: \(p.failover.hostsNeeded) hosts (\(p.failover.spares) spare; \(p.failover.failureSetsChecked) failures re-packed\(p.failover.verified ? "" : ", NOT verified")).",
            "Inventory: \(p.inventoryHosts) usable hosts" + (p.timeSlot.shortfall > 0 ? "; SHORT by \(p.timeSlot.shortfall)." : "."),
        ]
        var lines = candidates.compactMap { $0 }
        let r = p.runway
        if r.conservativeDays == 0 && r.aggressiveDays == 0 {
            lines.append("Runway: none — the plan with failover already needs every usable host of the inventory.")
        } else {
            lines.append("Runway at the trend: " + days(r.conservativeDays) + " (conservative) to " + days(r.aggressiveDays) + " (aggressive).")
        }
        return lines
    }

    static func days(_ d: Double?) -> String { d.map { String(format: "%.0f days", $0) } ?? "no exhaustion" }

    public static func markdown(_ p: CapacityPlan, nights: [NightRecord]) -> String {
        var md = "# Capacity plan for \(p.date)\n\n"
        md += headline(p).map { "* \($0)" }.joined(separator: "\n") + "\n\n"
        md += "## Forecast\n\n\(p.vmCount) VMs, \(p.historySteps) steps of history, horizon \(p.horizonDays) day(s).\n\n| method | series |\n|---|---|\n"
        for (name, count) in p.methodCounts.sorted(by: { $0.key < $1.key }) { md += "| \(name) | \(count) |\n" }
        md += "\nBacktest mean MASE of the chosen methods: " + p.backtestMASE.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }.joined(separator: ", ") + "\n\n"
        md += "## Hot spots on the current placement\n\n"
        if let note = p.hotSpotNote { md += note + "\n\n" }
        else if p.hotSpots.isEmpty { md += "None forecast.\n\n" }
        else {
            md += "| host | dimension | first | peak | threshold | steps over |\n|---|---|---|---|---|---|\n"
            for s in p.hotSpots { md += "| \(s.host) | \(s.dimension) | \(s.firstTime) | \(percent(s.peakUtilisation)) | \(percent(s.threshold)) | \(s.stepsOver) |\n" }
            if let a = p.advice {
                md += "\nAdvice (\(a.method), status \(a.status)): \(a.migrations) migration(s)"
                if let r = a.report { md += " in \(r.waveCount) wave(s), \(String(format: "%.0f", r.makespanSeconds)) s, cost \(String(format: "%.1f", r.totalCost))" }
                md += ".\n\n"
                for m in a.report?.moves ?? [] { md += "* wave \(m.wave): \(m.vm) \(m.from) → \(m.to)\n" }
                md += "\n"
            }
        }
        md += "## What-ifs\n\n| scenario | hosts needed | bound | Δ hosts | shortfall | base-plan hot spots |\n|---|---|---|---|---|---|\n"
        for w in p.whatIfs { md += "| \(w.name) | \(w.hostsNeeded) | \(w.lowerBound) | \(w.deltaHosts >= 0 ? "+" : "")\(w.deltaHosts) | \(w.shortfall) | \(w.hotSpots) |\n" }
        md += "\n## Idle and oversized VMs\n\n"
        if p.rightSizing.isEmpty { md += "None.\n" }
        else {
            md += "| VM | finding | dimension | provisioned | p95 | suggested |\n|---|---|---|---|---|---|\n"
            for f in p.rightSizing.prefix(50) { md += "| \(f.vm) | \(f.kind.rawValue) | \(f.dimension) | \(number(f.provisioned)) | \(number(f.p95)) | \(number(f.suggested)) |\n" }
            if p.rightSizing.count > 50 { md += "\n(\(p.rightSizing.count - 50) more in plan.json)\n" }
        }
        md += "\n## Across nights\n\n| date | hosts needed | bound | peak sizing | with failover | MASE |\n|---|---|---|---|---|---|\n"
        for r in nights { md += "| \(r.date) | \(r.hostsNeeded) | \(r.lowerBound) | \(r.hostsNeededPeakSizing) | \(r.hostsWithFailover) | \(r.forecastMASE.map { String(format: "%.3f", $0) } ?? "–") |\n" }
        return md
    }

    static func percent(_ v: Double) -> String { String(format: "%.0f %%", v * 100) }
    static func number(_ v: Double) -> String { v >= 100 ? String(format: "%.0f", v) : String(format: "%.2f", v) }

    public static func html(_ p: CapacityPlan, nights: [NightRecord]) -> String {
        let e = SVGWriter.escape
        var h = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n"
        h += "<title>Capacity plan \(e(p.date.description))</title>\n<style>body{font-family:sans-serif;margin:16px;max-width:1360px;color:#222}"
        h += "h1{font-size:20px}h2{font-size:16px;margin-top:18px}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
        h += "th{background:#eee}td:first-child{text-align:left}.grid{display:flex;flex-wrap:wrap;gap:8px}.big{font-size:15px}</style>\n</head>\n<body>\n"
        h += "<h1>Capacity plan for \(e(p.date.description))</h1>\n<ul class=\"big\">\n" + headline(p).map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        h += "<h2>Hosts needed over the horizon</h2>\n<div class=\"grid\">\n" + hostsChart(p) + "\n" + trendChart(nights) + "\n</div>\n"
        h += "<h2>Forecast against history (VMs with the largest \(e(p.dimensions.first ?? "")) peak)</h2>\n<div class=\"grid\">\n"
        for c in p.charts { h += vmChart(c, stepsPerDay: p.slots > 0 ? c.point.count / max(1, p.horizonDays) : 288) + "\n" }
        h += "</div>\n<h2>Planned hosts × hour (highest utilisation of packing capacity over the dimensions)</h2>\n"
        let rows = p.heatMap.prefix(60).map { (label: $0.host, values: $0.utilisation) }
        h += SVGPlot.heatMap(title: "Utilisation per planned host and slot" + (p.heatMap.count > 60 ? " (first 60 of \(p.heatMap.count))" : ""),
                             rows: Array(rows), columnLabel: { slotLabel($0, slots: p.slots) }) + "\n"
        h += "<h2>Hot spots on the current placement</h2>\n"
        if let note = p.hotSpotNote { h += "<p>\(e(note))</p>\n" }
        else if p.hotSpots.isEmpty { h += "<p>None forecast.</p>\n" }
        else {
            h += table(["host", "dimension", "first", "peak", "threshold", "steps over"], p.hotSpots.map {
                [$0.host, $0.dimension, $0.firstTime, percent($0.peakUtilisation), percent($0.threshold), "\($0.stepsOver)"] })
            if let a = p.advice {
                h += "<p>Advice (\(e(a.method)), status \(e(a.status))): \(a.migrations) migration(s)"
                if let r = a.report { h += " in \(r.waveCount) wave(s), \(String(format: "%.0f", r.makespanSeconds)) s, cost \(String(format: "%.1f", r.totalCost))" }
                h += ".</p>\n"
                if let moves = a.report?.moves, !moves.isEmpty { h += table(["wave", "VM", "from", "to", "seconds"], moves.map { ["\($0.wave)", $0.vm, $0.from, $0.to, String(format: "%.1f", $0.seconds)] }) }
            }
        }
        h += "<h2>What-ifs</h2>\n" + table(["scenario", "hosts needed", "bound", "Δ hosts", "shortfall", "base-plan hot spots"], p.whatIfs.map {
            [$0.name, "\($0.hostsNeeded)", "\($0.lowerBound)", ($0.deltaHosts >= 0 ? "+" : "") + "\($0.deltaHosts)", "\($0.shortfall)", "\($0.hotSpots)"] })
        h += "<h2>Idle and oversized VMs (\(p.rightSizing.count))</h2>\n" + table(["VM", "finding", "dimension", "provisioned", "p95", "suggested"],
            p.rightSizing.prefix(30).map { [$0.vm, $0.kind.rawValue, $0.dimension, number($0.provisioned), number($0.p95), number($0.suggested)] })
        h += "<p>Forecast methods: " + e(p.methodCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) + ".</p>\n"
        h += "</body>\n</html>\n"
        return h
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let e = SVGWriter.escape
        guard !rows.isEmpty else { return "<p>None.</p>\n" }
        var t = "<table>\n<tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for r in rows { t += "<tr>" + r.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return t + "</table>\n"
    }

    static func slotLabel(_ s: Int, slots: Int) -> String {
        let minutes = s * 1440 / max(1, slots)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func hostsChart(_ p: CapacityPlan) -> String {
        let n = p.hostsPerSlot.count
        let series = [
            SVGPlot.Series(name: "time-slot plan", values: Array(repeating: Double(p.timeSlot.hostsNeeded), count: n), colour: "#ff7f0e"),
            SVGPlot.Series(name: "peak sizing", values: Array(repeating: Double(p.peak.hostsNeeded), count: n), colour: "#d62728"),
            SVGPlot.Series(name: "this slot alone (FFD)", values: p.hostsPerSlot.map { Double($0) }, colour: "#1f77b4"),
            SVGPlot.Series(name: "bound per slot (L1)", values: p.boundPerSlot.map { Double($0) }, colour: "#2ca02c", dashed: true),
            SVGPlot.Series(name: "its bound", values: Array(repeating: Double(p.timeSlot.lowerBound), count: n), colour: "#9467bd", dashed: true),
        ]
        let labels = stride(from: 0, to: n, by: max(1, n / 6)).map { ($0, slotLabel($0, slots: n)) }
        return SVGPlot.lines(title: "Hosts needed per slot of the day", yLabel: "hosts", series: series, xLabels: labels)
    }

    static func trendChart(_ nights: [NightRecord]) -> String {
        let series = [
            SVGPlot.Series(name: "hosts needed", values: nights.map { Double($0.hostsNeeded) }, colour: "#ff7f0e"),
            SVGPlot.Series(name: "peak sizing", values: nights.map { Double($0.hostsNeededPeakSizing) }, colour: "#d62728"),
            SVGPlot.Series(name: "lower bound", values: nights.map { Double($0.lowerBound) }, colour: "#9467bd", dashed: true),
            SVGPlot.Series(name: "MASE × 10", values: nights.map { $0.forecastMASE.map { $0 * 10 } }, colour: "#7f7f7f", dashed: true),
        ]
        let labels = nights.enumerated().filter { $0.offset % max(1, nights.count / 5) == 0 }.map { ($0.offset, $0.element.date) }
        return SVGPlot.lines(title: "Across nights (\(nights.count) in the history)", yLabel: "hosts", series: series, xLabels: labels)
    }

    static func vmChart(_ c: VMChart, stepsPerDay: Int) -> String {
        let pad = [Double?](repeating: nil, count: c.history.count)
        let series = [
            SVGPlot.Series(name: "history", values: c.history.map { $0 } + [Double?](repeating: nil, count: c.point.count), colour: "#555"),
            SVGPlot.Series(name: "forecast", values: pad + c.point.map { $0 }, colour: "#1f77b4"),
            SVGPlot.Series(name: "upper (sizing)", values: pad + c.upper.map { $0 }, colour: "#d62728", dashed: true),
        ]
        let total = c.history.count + c.point.count
        let labels = stride(from: 0, to: total, by: max(1, stepsPerDay)).map { ($0, "day \($0 / max(1, stepsPerDay) - c.history.count / max(1, stepsPerDay))") }
        return SVGPlot.lines(title: "VM \(c.vm) (\(c.dimension))", yLabel: c.dimension, series: series, xLabels: labels, marker: c.history.count,
                             width: 440, height: 200)
    }
}
