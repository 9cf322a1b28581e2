import Foundation
import Platform

/// Small self-contained SVG charts (well-formed XML, no scripts, no external resources) for the
/// capacity report: lines, stepped host counts and a heat map; written with the shared
/// ``Platform/SVGWriter`` (compact: no newlines, for inlining in HTML).
public enum SVGPlot {
    public struct Series {
        public var name: String
        public var values: [Double?]
        public var colour: String
        public var dashed: Bool = false
        public init(name: String, values: [Double?], colour: String, dashed: Bool = false) {
            self.name = name
            self.values = values
            self.colour = colour
            self.dashed = dashed
        }
    }

    static func f(_ x: Double) -> String { SVGWriter.number(x) }

    /// A line chart of `series` over a shared x axis of `count` points; `marker` draws a vertical line at that index.
    public static func lines(title: String, yLabel: String, series: [Series], xLabels: [(Int, String)], marker: Int? = nil,
                             width: Double = 640, height: Double = 220) -> String {
        let left = 56.0, right = 12.0, top = 24.0, bottom = 34.0
        let count = series.map(\.values.count).max() ?? 0
        let axis = NiceAxis(covering: max(1e-9, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1))
        let maxValue = axis.maximum
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { left + (count > 1 ? Double(i) / Double(count - 1) : 0) * plotW }
        func y(_ v: Double) -> Double { top + plotH - v / maxValue * plotH }
        var svg = SVGWriter(width: Int(width), height: Int(height),
                            attributes: ["viewBox": "0 0 \(Int(width)) \(Int(height))", "role": "img"], separator: "")
        svg.element("title", text: title)
        svg.element("text", ["x": f(left), "y": "15", "font-size": "13", "font-weight": "bold"], text: title)
        svg.element("rect", ["x": f(left), "y": f(top), "width": f(plotW), "height": f(plotH), "fill": "#fafafa", "stroke": "#ccc"])
        for v in axis.ticks {
            svg.element("line", ["x1": f(left), "x2": f(left + plotW), "y1": f(y(v)), "y2": f(y(v)), "stroke": "#e4e4e4"])
            svg.element("text", ["x": f(left - 4), "y": f(y(v) + 4), "font-size": "10", "text-anchor": "end"], text: short(v))
        }
        for (i, label) in xLabels where i < max(count, 1) {
            // Labels near the right edge end there instead of running off the chart.
            let anchor = x(i) + Double(label.count) * 3 > width - 2 ? "end" : "middle"
            svg.element("text", ["x": f(x(i)), "y": f(top + plotH + 14), "font-size": "10", "text-anchor": anchor], text: label)
        }
        let middle = f(top + plotH / 2)
        svg.element("text", ["x": "12", "y": middle, "font-size": "10", "transform": "rotate(-90 12 \(middle))", "text-anchor": "middle"],
                    text: yLabel)
        if let marker, count > 1 {
            svg.element("line", ["x1": f(x(marker)), "x2": f(x(marker)), "y1": f(top), "y2": f(top + plotH), "stroke": "#888",
                                 "stroke-dasharray": "3 3"])
        }
        // Solid lines first, each narrower than the one before, dashed ones over them: a series
        // equal to another (the plan at its bound, at peak sizing) stays visible as a stripe.
        let widths = lineWidths(series)
        for i in series.indices.filter({ !series[$0].dashed }) + series.indices.filter({ series[$0].dashed }) {
            let s = series[i]
            var path = ""
            var pen = false
            for (i, v) in s.values.enumerated() {
                guard let v else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(f(x(i))) \(f(y(v)))"
                pen = true
            }
            guard !path.isEmpty else { continue }
            svg.element("path", attributeList: [("d", path), ("fill", "none")] + stroke(s, width: widths[i]))
        }
        // The legend draws each series' own stroke (colour, width, dashes), not a filled box.
        var lx = left + 4
        for (s, width) in zip(series, widths) {
            let ly = top + plotH + 24
            svg.element("line", attributeList: [("x1", f(lx)), ("x2", f(lx + 18)), ("y1", f(ly)), ("y2", f(ly))] + stroke(s, width: width))
            svg.element("text", ["x": f(lx + 22), "y": f(ly + 3.5), "font-size": "10"], text: s.name)
            lx += 30 + Double(s.name.count) * 5.6
        }
        return svg.finish(trailing: "")
    }

    /// Line widths: dashed 1.4; solid ones 1.6 plus 1.4 for each solid series drawn after it.
    static func lineWidths(_ series: [Series]) -> [Double] {
        var after = series.filter { !$0.dashed }.count
        return series.map { s in
            guard !s.dashed else { return 1.4 }
            after -= 1
            return 1.6 + 1.4 * Double(after)
        }
    }

    /// Stroke attributes of a series' line (and of its legend sample).
    static func stroke(_ s: Series, width: Double) -> [(String, String)] {
        [("stroke", s.colour), ("stroke-width", f(width))] + (s.dashed ? [("stroke-dasharray", "5 3")] : [])
    }

    /// A heat map: one row per label, one cell per column, colour by value in [0, 1] (above 1 red).
    public static func heatMap(title: String, rows: [(label: String, values: [Double])], columnLabel: (Int) -> String,
                               cell: Double = 18) -> String {
        let left = 90.0, top = 28.0
        let columns = rows.map(\.values.count).max() ?? 0
        let width = left + Double(columns) * cell + 80, height = max(top + Double(rows.count) * cell + 30, top + 6 * 16 + 10)
        var svg = SVGWriter(width: Int(width), height: Int(height),
                            attributes: ["viewBox": "0 0 \(Int(width)) \(Int(height))", "role": "img"], separator: "")
        svg.element("title", text: title)
        svg.element("text", ["x": "4", "y": "15", "font-size": "13", "font-weight": "bold"], text: title)
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * cell
            svg.element("text", ["x": f(left - 4), "y": f(y + cell * 0.7), "font-size": "10", "text-anchor": "end"], text: row.label)
            for (c, v) in row.values.enumerated() {
                svg.element("rect", ["x": f(left + Double(c) * cell), "y": f(y), "width": f(cell - 1), "height": f(cell - 1), "fill": colour(v)],
                            tooltip: "\(row.label) \(columnLabel(c)): \(Int((v * 100).rounded())) %")
            }
        }
        for c in stride(from: 0, to: columns, by: max(1, columns / 8)) {
            svg.element("text", ["x": f(left + (Double(c) + 0.5) * cell), "y": f(top + Double(rows.count) * cell + 12), "font-size": "10",
                                 "text-anchor": "middle"], text: columnLabel(c))
        }
        // The legend samples the colour scale where it changes: both ends of the blue ramp, both
        // ends of the yellow–orange one, and the red of an overload.
        let lx = left + Double(columns) * cell + 8
        let keys: [(Double, String)] = [(0, "0 %"), (0.4, "40 %"), (0.79, "< 80 %"), (0.8, "80 %"), (1, "100 %"), (1.01, "> 100 %")]
        for (i, key) in keys.enumerated() {
            svg.element("rect", ["x": f(lx), "y": f(top + Double(i) * 16), "width": "12", "height": "12", "fill": colour(key.0), "stroke": "#999",
                                 "stroke-width": "0.5"])
            svg.element("text", ["x": f(lx + 16), "y": f(top + Double(i) * 16 + 10), "font-size": "10"], text: key.1)
        }
        return svg.finish(trailing: "")
    }

    /// White → blue below 80 %, yellow → orange from 80 to 100 %, red above.
    static func colour(_ v: Double) -> String {
        if v > 1 + 1e-9 { return "#d62728" }
        let t = max(0, min(1, v))
        let (r, g, b): (Double, Double, Double) = t < 0.8
            ? (255 - t / 0.8 * 190, 255 - t / 0.8 * 120, 255 - t / 0.8 * 40)
            : (253 - (t - 0.8) / 0.2 * 8, 216 - (t - 0.8) / 0.2 * 92, 53 - (t - 0.8) / 0.2 * 53)
        return String(format: "#%02x%02x%02x", Int(r), Int(g), Int(b))
    }

    /// A tick label (``Platform/NiceAxis/label(_:)``).
    static func short(_ v: Double) -> String { NiceAxis.label(v) }
}
