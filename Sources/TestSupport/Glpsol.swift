import Foundation

/// `glpsol` (Debian's glpk-utils) as an independent reader of exported LP and MPS files.
public enum Glpsol {
    public static let path = "/usr/bin/glpsol"

    /// Whether glpsol is installed (tests skip otherwise).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs glpsol on `file` read with `formatFlag` (`--lp`, `--freemps`, `--mps`) and returns the
    /// objective of its report (`Objective:  obj = 15.5 (MAXimum)`) and its exit status; the
    /// objective is nil when the report has none.
    public static func objective(_ formatFlag: String, _ file: URL) throws -> (objective: Double?, status: Int32, report: String) {
        let report = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [formatFlag, file.path, "-o", report.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "=") else { return (nil, process.terminationStatus, text) }
        let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return (Double(rest.split(separator: " ")[0]), process.terminationStatus, text)
    }
}
