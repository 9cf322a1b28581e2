import Foundation

/// Hand-written SVG charts of a results table (no dependencies; deterministic text except for
/// what the time column brings).
public enum Charts {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// Box plot per method of the gap in percent (gap to opt where the optimum is known, else gap
    /// to the lower bound), with every row as a dot; checked rows only.
    public static func gapDistribution(_ input: [ScoreRow]) -> String {
        let rows = input.sorted(by: ScoreRow.canonicalOrder)
        let methods = Array(Set(rows.map(\.method))).sorted()
        var gaps: [String: [Double]] = [:]
        for row in rows where row.isChecked {
            if let gap = row.gapToOptimum ?? row.gapToBound { gaps[row.method, default: []].append(gap * 100) }
        }
        let maximum = max(1, (gaps.values.flatMap { $0 }.max() ?? 0) * 1.05)
        let left = 140.0, right = 30.0, top = 40.0, rowHeight = 36.0, width = 760.0
        let height = top + rowHeight * Double(max(1, methods.count)) + 50
        let plotWidth = width - left - right
        func x(_ gap: Double) -> Double { left + gap / maximum * plotWidth }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(number(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Gap to optimum (or to lower bound) per method, %</text>\n"
        let axisY = top + rowHeight * Double(max(1, methods.count))
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(axisY))\" x2=\"\(number(width - right))\" y2=\"\(number(axisY))\" stroke=\"black\"/>\n"
        for tick in 0...5 {
            let value = maximum * Double(tick) / 5
            svg += "<line x1=\"\(number(x(value)))\" y1=\"\(number(top - 5))\" x2=\"\(number(x(value)))\" y2=\"\(number(axisY + 4))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(number(x(value)))\" y=\"\(number(axisY + 18))\" text-anchor=\"middle\">\(String(format: "%.1f", value))</text>\n"
        }
        for (i, method) in methods.enumerated() {
            let centre = top + rowHeight * (Double(i) + 0.5)
            let colour = palette[i % palette.count]
            svg += "<text x=\"\(number(left - 8))\" y=\"\(number(centre + 4))\" text-anchor=\"end\">\(escape(method))</text>\n"
            let values = (gaps[method] ?? []).sorted()
            guard !values.isEmpty else {
                svg += "<text x=\"\(number(left + 4))\" y=\"\(number(centre + 4))\" fill=\"#888\">no gap (no reference or no checked row)</text>\n"
                continue
            }
            let q1 = quantile(values, 0.25), q2 = quantile(values, 0.5), q3 = quantile(values, 0.75)
            svg += "<line x1=\"\(number(x(values.first!)))\" y1=\"\(number(centre))\" x2=\"\(number(x(values.last!)))\" y2=\"\(number(centre))\" stroke=\"\(colour)\"/>\n"
            svg += "<rect x=\"\(number(x(q1)))\" y=\"\(number(centre - 10))\" width=\"\(number(max(1, x(q3) - x(q1))))\" height=\"20\" fill=\"\(colour)\" fill-opacity=\"0.25\" stroke=\"\(colour)\"/>\n"
            svg += "<line x1=\"\(number(x(q2)))\" y1=\"\(number(centre - 10))\" x2=\"\(number(x(q2)))\" y2=\"\(number(centre + 10))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for (k, value) in values.enumerated() {
                let jitter = Double((k * 7919) % 13) - 6
                svg += "<circle cx=\"\(number(x(value)))\" cy=\"\(number(centre + jitter))\" r=\"2\" fill=\"\(colour)\" fill-opacity=\"0.6\"/>\n"
            }
        }
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(height - 8))\" text-anchor=\"middle\">gap, % (box: quartiles, bar: median, line: min–max)</text>\n"
        return svg + "</svg>\n"
    }

    /// Scatter of solve time (log scale) against the number of VMs n, one colour per method.
    public static func timeAgainstSize(_ input: [ScoreRow]) -> String {
        let rows = input.sorted(by: ScoreRow.canonicalOrder).filter { $0.vmCount > 0 }
        let methods = Array(Set(rows.map(\.method))).sorted()
        let maxN = Double(max(1, rows.map(\.vmCount).max() ?? 1))
        let floor = 1e-5
        let logs = rows.map { log10(max(floor, $0.seconds)) }
        let low = (logs.min() ?? -5).rounded(.down), high = max(low + 1, (logs.max() ?? 0).rounded(.up))
        let left = 70.0, right = 150.0, top = 40.0, bottom = 50.0, width = 760.0, height = 420.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ n: Double) -> Double { left + n / (maxN * 1.05) * plotWidth }
        func y(_ logSeconds: Double) -> Double { top + plotHeight - (logSeconds - low) / (high - low) * plotHeight }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Solve time against number of VMs</text>\n"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top + plotHeight))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(top + plotHeight))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(top + plotHeight))\" stroke=\"black\"/>\n"
        var exponent = low
        while exponent <= high {
            svg += "<line x1=\"\(number(left))\" y1=\"\(number(y(exponent)))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(y(exponent)))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(exponent) + 4))\" text-anchor=\"end\">1e\(Int(exponent))</text>\n"
            exponent += 1
        }
        for tick in 0...5 {
            let n = maxN * 1.05 * Double(tick) / 5
            svg += "<text x=\"\(number(x(n)))\" y=\"\(number(top + plotHeight + 18))\" text-anchor=\"middle\">\(Int(n.rounded()))</text>\n"
        }
        for (i, method) in methods.enumerated() {
            let colour = palette[i % palette.count]
            for row in rows where row.method == method {
                svg += "<circle cx=\"\(number(x(Double(row.vmCount))))\" cy=\"\(number(y(log10(max(floor, row.seconds)))))\" r=\"3\" fill=\"\(colour)\" fill-opacity=\"0.6\"/>\n"
            }
            let legendY = top + 16 * Double(i)
            svg += "<circle cx=\"\(number(width - right + 15))\" cy=\"\(number(legendY))\" r=\"4\" fill=\"\(colour)\"/>\n"
            svg += "<text x=\"\(number(width - right + 25))\" y=\"\(number(legendY + 4))\">\(escape(method))</text>\n"
        }
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(height - 10))\" text-anchor=\"middle\">n (VMs)</text>\n"
        svg += "<text x=\"16\" y=\"\(number(top + plotHeight / 2))\" transform=\"rotate(-90 16 \(number(top + plotHeight / 2)))\" text-anchor=\"middle\">seconds (log scale)</text>\n"
        return svg + "</svg>\n"
    }
}
