import Foundation

/// Writes an SVG document element by element: the one place for XML escaping, attribute quoting
/// and number formatting, shared by the charts of `vmplace score` (Harness), `vmplace simulate`
/// (Simulation) and `vmplace capacity` (CapacityPlanning).
///
/// Attributes keep the order they are given in, values and text are escaped, and every element
/// is followed by `separator` ("\n" for standalone files, "" for SVG inlined in HTML), so the
/// same chart gives the same bytes.
public struct SVGWriter {
    /// The document so far.
    public private(set) var text: String
    /// What follows every element (and the opening `<svg>` tag).
    public let separator: String

    /// Opens `<svg xmlns=… width=… height=…` with `attributes` after them.
    public init(width: Int, height: Int, attributes: KeyValuePairs<String, String> = [:], separator: String = "\n") {
        self.separator = separator
        text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        for (name, value) in attributes { text += " \(name)=\"\(Self.escape(value))\"" }
        text += ">" + separator
    }

    /// An empty element, `<name a="…" …/>`.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<\(name)" + Self.attributeText(attributes) + "/>" + separator
    }

    /// An element holding text, `<name …>escaped text</name>`.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: String) {
        text += "<\(name)" + Self.attributeText(attributes) + ">" + Self.escape(content) + "</\(name)>" + separator
    }

    /// An element holding a `<title>` (the tooltip of a shape), `<name …><title>…</title></name>`.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, tooltip: String) {
        text += "<\(name)" + Self.attributeText(attributes) + "><title>" + Self.escape(tooltip) + "</title></\(name)>" + separator
    }

    /// An empty element whose attributes are computed (`[(name, value)]`, in order).
    public mutating func element(_ name: String, attributeList: [(String, String)]) {
        var out = "<\(name)"
        for (attribute, value) in attributeList { out += " \(attribute)=\"\(Self.escape(value))\"" }
        text += out + "/>" + separator
    }

    /// Closes the document and returns it.
    public consuming func finish(trailing: String = "\n") -> String {
        text + "</svg>" + trailing
    }

    /// Escapes `&`, `<`, `>` and `"` for XML text and attribute values.
    public static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate or length with one decimal, as every chart writes them.
    public static func number(_ x: Double) -> String { String(format: "%.1f", x) }

    private static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        var out = ""
        for (name, value) in attributes { out += " \(name)=\"\(escape(value))\"" }
        return out
    }
}
