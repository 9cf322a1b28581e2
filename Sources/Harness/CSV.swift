import Foundation
import InstanceFormats
import PlacementModel

/// Minimal RFC 4180 CSV for one-line records.
public enum CSV {
    /// Quotes a field when it contains a comma, a quote or leading/trailing space; line breaks
    /// become spaces so every record stays on one line.
    public static func quote(_ field: String) -> String {
        let flat = field.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        if flat.contains(",") || flat.contains("\"") || flat.hasPrefix(" ") || flat.hasSuffix(" ") {
            return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return flat
    }

    /// Splits one CSV line into fields; `nil` on an unterminated quote.
    public static func split(_ line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var characters = Array(line)
        if characters.last == "\r" { characters.removeLast() }
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < characters.count, characters[i + 1] == "\"" {
                        current.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        if inQuotes { return nil }
        fields.append(current)
        return fields
    }
}
