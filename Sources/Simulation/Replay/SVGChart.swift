import Foundation
import Platform

/// Minimal dependency-free SVG line charts (x = hours).
public enum SVGChart {
    /// Several named series sampled every `interval` seconds, one polyline each.
    public static func line(title: String, yLabel: String, series: [(name: String, values: [Double])], interval: Double) -> String {
        let width = 720.0, height = 360.0, left = 60.0, right = 20.0, top = 30.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let count = series.map(\.values.count).max() ?? 0
        let yAxis = NiceAxis(covering: max(1e-9, series.flatMap(\.values).filter(\.isFinite).max() ?? 1))
        let maxY = yAxis.maximum
        let colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
        let n = SVGWriter.number
        var svg = SVGWriter(width: Int(width), height: Int(height), attributes: ["font-family": "sans-serif", "font-size": "12"])
        svg.element("rect", ["width": "100%", "height": "100%", "fill": "white"])
        svg.element("text", ["x": "\(Int(width / 2))", "y": "18", "text-anchor": "middle"], text: title)
        svg.element("line", ["x1": n(left), "y1": n(top + plotH), "x2": n(left + plotW), "y2": n(top + plotH), "stroke": "black"])
        svg.element("line", ["x1": n(left), "y1": n(top), "x2": n(left), "y2": n(top + plotH), "stroke": "black"])
        for value in yAxis.ticks {
            let y = top + plotH - plotH * value / maxY
            svg.element("text", ["x": n(left - 4), "y": n(y + 4), "text-anchor": "end"], text: NiceAxis.label(value))
        }
        // The x axis runs to a round number of hours at or after the last sample.
        let hours = Double(max(1, count - 1)) * interval / 3600
        let hourAxis = NiceAxis(covering: hours)
        let xScale = hours / hourAxis.maximum
        for value in hourAxis.ticks {
            svg.element("text", ["x": n(left + plotW * value / hourAxis.maximum), "y": n(top + plotH + 16), "text-anchor": "middle"],
                        text: NiceAxis.label(value) + " h")
        }
        let middle = Int(top + plotH / 2)
        svg.element("text", ["x": "14", "y": "\(middle)", "transform": "rotate(-90 14 \(middle))", "text-anchor": "middle"], text: yLabel)
        for (index, entry) in series.enumerated() {
            let colour = colours[index % colours.count]
            let points = entry.values.enumerated().map { i, v in
                String(format: "%.1f,%.1f", left + plotW * xScale * Double(i) / Double(max(1, count - 1)), top + plotH - plotH * (v.isFinite ? v : 0) / maxY)
            }.joined(separator: " ")
            svg.element("polyline", ["fill": "none", "stroke": colour, "stroke-width": "1.5", "points": points])
            svg.element("text", ["x": "\(Int(left + 10))", "y": "\(Int(top + 14 + 14 * Double(index)))", "fill": colour], text: entry.name)
        }
        return svg.finish()
    }
}
