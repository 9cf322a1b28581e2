import Foundation
import Platform

/// Hand-written SVG charts of a results table (no dependencies; deterministic text except for
/// what the time column brings), written with the shared ``Platform/SVGWriter``.
public enum Charts {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

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
        let scale = GapScale(largest: gaps.values.flatMap { $0 }.max() ?? 0)
        let left = 140.0, right = 30.0, top = 40.0, rowHeight = 36.0, width = 760.0
        let height = top + rowHeight * Double(max(1, methods.count)) + 50
        let plotWidth = width - left - right
        func x(_ gap: Double) -> Double { left + scale.position(gap) * plotWidth }
        let n = SVGWriter.number
        var svg = SVGWriter(width: Int(width), height: Int(height), attributes: ["font-family": "sans-serif", "font-size": "12"])
        svg.element("rect", ["width": "100%", "height": "100%", "fill": "white"])
        svg.element("text", ["x": n(width / 2), "y": "20", "text-anchor": "middle", "font-size": "14"],
                    text: "Gap to optimum (or to lower bound) per method, %")
        let axisY = top + rowHeight * Double(max(1, methods.count))
        svg.element("line", ["x1": n(left), "y1": n(axisY), "x2": n(width - right), "y2": n(axisY), "stroke": "black"])
        for value in scale.ticks {
            svg.element("line", ["x1": n(x(value)), "y1": n(top - 5), "x2": n(x(value)), "y2": n(axisY + 4), "stroke": "#ddd"])
            svg.element("text", ["x": n(x(value)), "y": n(axisY + 18), "text-anchor": "middle"], text: NiceAxis.label(value))
        }
        for (i, method) in methods.enumerated() {
            let centre = top + rowHeight * (Double(i) + 0.5)
            let colour = palette[i % palette.count]
            svg.element("text", ["x": n(left - 8), "y": n(centre + 4), "text-anchor": "end"], text: method)
            let values = (gaps[method] ?? []).sorted()
            guard let first = values.first, let last = values.last else {
                svg.element("text", ["x": n(left + 4), "y": n(centre + 4), "fill": "#888"], text: "no gap (no reference or no checked row)")
                continue
            }
            let q1 = quantile(values, 0.25), q2 = quantile(values, 0.5), q3 = quantile(values, 0.75)
            svg.element("line", ["x1": n(x(first)), "y1": n(centre), "x2": n(x(last)), "y2": n(centre), "stroke": colour])
            svg.element("rect", ["x": n(x(q1)), "y": n(centre - 10), "width": n(max(1, x(q3) - x(q1))), "height": "20",
                                 "fill": colour, "fill-opacity": "0.25", "stroke": colour])
            svg.element("line", ["x1": n(x(q2)), "y1": n(centre - 10), "x2": n(x(q2)), "y2": n(centre + 10), "stroke": colour, "stroke-width": "2"])
            for (k, value) in values.enumerated() {
                let jitter = Double((k * 7919) % 13) - 6
                svg.element("circle", ["cx": n(x(value)), "cy": n(centre + jitter), "r": "2", "fill": colour, "fill-opacity": "0.6"])
            }
        }
        svg.element("text", ["x": n(left + plotWidth / 2), "y": n(height - 8), "text-anchor": "middle"],
                    text: "gap, %" + (scale.logarithmic ? " (log scale)" : "") + " (box: quartiles, bar: median, line: min–max)")
        return svg.finish()
    }

    /// The gap axis: linear at round steps up to 100 %; above, logarithmic in 1 + gap (ticks 0, 1,
    /// 10, 100, … %), so one method hundreds of percent off does not flatten the others to a line.
    struct GapScale {
        var logarithmic: Bool
        var top: Double
        var ticks: [Double]
        init(largest: Double) {
            if largest > 100 {
                let decades = Int(log10(largest).rounded(.up))
                logarithmic = true
                top = pow(10, Double(decades))
                ticks = [0] + (0...decades).map { pow(10, Double($0)) }
            } else {
                let axis = NiceAxis(covering: max(1, largest))
                logarithmic = false
                top = axis.maximum
                ticks = axis.ticks
            }
        }
        /// Where `gap` lies on the axis, from 0 (left) to 1 (right).
        func position(_ gap: Double) -> Double {
            logarithmic ? log10(1 + max(0, gap)) / log10(1 + top) : gap / top
        }
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
        let sizeAxis = NiceAxis(covering: maxN)
        func x(_ n: Double) -> Double { left + n / sizeAxis.maximum * plotWidth }
        func y(_ logSeconds: Double) -> Double { top + plotHeight - (logSeconds - low) / (high - low) * plotHeight }
        let n = SVGWriter.number
        var svg = SVGWriter(width: Int(width), height: Int(height), attributes: ["font-family": "sans-serif", "font-size": "12"])
        svg.element("rect", ["width": "100%", "height": "100%", "fill": "white"])
        svg.element("text", ["x": n(left + plotWidth / 2), "y": "20", "text-anchor": "middle", "font-size": "14"],
                    text: "Solve time against number of VMs")
        svg.element("line", ["x1": n(left), "y1": n(top + plotHeight), "x2": n(left + plotWidth), "y2": n(top + plotHeight), "stroke": "black"])
        svg.element("line", ["x1": n(left), "y1": n(top), "x2": n(left), "y2": n(top + plotHeight), "stroke": "black"])
        var exponent = low
        while exponent <= high {
            svg.element("line", ["x1": n(left), "y1": n(y(exponent)), "x2": n(left + plotWidth), "y2": n(y(exponent)), "stroke": "#ddd"])
            svg.element("text", ["x": n(left - 6), "y": n(y(exponent) + 4), "text-anchor": "end"], text: "1e\(Int(exponent))")
            exponent += 1
        }
        for count in sizeAxis.ticks {
            svg.element("text", ["x": n(x(count)), "y": n(top + plotHeight + 18), "text-anchor": "middle"], text: NiceAxis.label(count))
        }
        for (i, method) in methods.enumerated() {
            let colour = palette[i % palette.count]
            for row in rows where row.method == method {
                svg.element("circle", ["cx": n(x(Double(row.vmCount))), "cy": n(y(log10(max(floor, row.seconds)))), "r": "3",
                                       "fill": colour, "fill-opacity": "0.6"])
            }
            let legendY = top + 16 * Double(i)
            svg.element("circle", ["cx": n(width - right + 15), "cy": n(legendY), "r": "4", "fill": colour])
            svg.element("text", ["x": n(width - right + 25), "y": n(legendY + 4)], text: method)
        }
        svg.element("text", ["x": n(left + plotWidth / 2), "y": n(height - 10), "text-anchor": "middle"], text: "n (VMs)")
        let middle = n(top + plotHeight / 2)
        svg.element("text", ["x": "16", "y": middle, "transform": "rotate(-90 16 \(middle))", "text-anchor": "middle"], text: "seconds (log scale)")
        return svg.finish()
    }
}
