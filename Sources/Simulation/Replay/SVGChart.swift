import Foundation

/// Minimal dependency-free SVG line charts (x = hours).
public enum SVGChart {
    /// Several named series sampled every `interval` seconds, one polyline each.
    public static func line(title: String, yLabel: String, series: [(name: String, values: [Double])], interval: Double) -> String {
        let width = 720.0, height = 360.0, left = 60.0, right = 20.0, top = 30.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let count = series.map(\.values.count).max() ?? 0
        let maxY = max(1e-9, series.flatMap(\.values).filter(\.isFinite).max() ?? 1)
        let colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(Int(width / 2))\" y=\"18\" text-anchor=\"middle\">\(escape(title))</text>\n"
        svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left, top + plotH, left + plotW, top + plotH)
        svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left, top, left, top + plotH)
        for i in 0...4 {
            let value = maxY * Double(i) / 4
            let y = top + plotH - plotH * Double(i) / 4
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.4g</text>\n", left - 4, y + 4, value)
        }
        let hours = Double(max(1, count - 1)) * interval / 3600
        for i in 0...4 {
            let x = left + plotW * Double(i) / 4
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.3g h</text>\n", x, top + plotH + 16, hours * Double(i) / 4)
        }
        svg += "<text x=\"14\" y=\"\(Int(top + plotH / 2))\" transform=\"rotate(-90 14 \(Int(top + plotH / 2)))\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        for (index, entry) in series.enumerated() {
            let colour = colours[index % colours.count]
            let points = entry.values.enumerated().map { i, v in
                String(format: "%.1f,%.1f", left + plotW * Double(i) / Double(max(1, count - 1)), top + plotH - plotH * (v.isFinite ? v : 0) / maxY)
            }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
            svg += "<text x=\"\(Int(left + 10))\" y=\"\(Int(top + 14 + 14 * Double(index)))\" fill=\"\(colour)\">\(escape(entry.name))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
