import Foundation

/// Reads PlanetLab CPU traces as shipped with CloudSim: a folder with one file per VM, one
/// integer CPU percent per line, 5-minute steps (Beloglazov & Buyya, CCPE 2012; CoMon data).
/// File names may contain spaces; they are read in sorted order. A blank line inside a file
/// (a gap), a negative, non-numeric (hex, nan, inf) value or one above 100 is an error naming
/// the file and line; trailing
/// blank lines at the end of a file are ignored.
///
/// - Complexity: O(total lines).
public enum PlanetLabTraceReader {
    /// Seconds between samples.
    public static let intervalSeconds = 300.0

    /// The files of `directory`, names sorted (byte order; default) or, `fileSystemOrder`, in
    /// the order the file system lists them — what CloudSim's `File.listFiles()` sees, which
    /// depends on the file system and how the folder was written.
    public static func read(directory: String, fileSystemOrder: Bool = false) throws -> [UtilisationTrace] {
        var files = try sortedFiles(in: directory)
        if fileSystemOrder {
            let listed = try FileManager.default.contentsOfDirectory(atPath: directory)
            let kept = Set(files)
            files = listed.filter { kept.contains($0) }
        }
        if files.isEmpty { throw TraceError(file: directory, line: nil, message: "no trace files") }
        return try files.map { try read(file: directory + "/" + $0, name: $0) }
    }

    public static func read(file path: String, name: String? = nil) throws -> UtilisationTrace {
        let text = try readText(path)
        // `isNewline` splits "\r\n" (one Character) as well as "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        if lines.isEmpty { throw TraceError(file: path, line: nil, message: "empty trace") }
        var cpu: [Double] = []
        cpu.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let percent = try parseUtilisation(line, file: path, line: index + 1, what: "CPU percent", maximum: 100)
            cpu.append(percent / 100)
        }
        return UtilisationTrace(name: name ?? (path as NSString).lastPathComponent, cpu: cpu)
    }
}
