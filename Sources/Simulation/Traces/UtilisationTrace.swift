import Foundation

/// The utilisation of one VM over time, sampled every `intervalSeconds`.
public struct UtilisationTrace: Sendable, Hashable {
    /// Name of the VM (file name for PlanetLab and Bitbrains, column header for plain CSV).
    public var name: String
    /// CPU utilisation per step as a fraction of the VM's capacity (0.25 = 25 %).
    public var cpu: [Double]
    /// Memory in use per step, MiB, when the trace has it.
    public var memoryMiB: [Double]?
    /// The VM's own CPU capacity, MHz, when the trace states it (Bitbrains).
    public var cpuCapacityMHz: Double?
    /// The VM's provisioned memory, MiB, when the trace states it (Bitbrains): memory in use over
    /// it is the fraction of the VM's memory demand used in an instance replay.
    public var memoryCapacityMiB: Double?
    /// Network traffic per step (received + transmitted), Mbit/s, when the trace has it (Bitbrains).
    public var networkMbps: [Double]?
    /// Other dimensions per step as a fraction of the VM's static demand, by dimension name
    /// (plain CSV columns `vm:dimension`).
    public var dimensionFractions: [String: [Double]]
    /// Implausible but accepted values the reader found (file and line each).
    public var warnings: [String] = []

    public init(name: String, cpu: [Double], memoryMiB: [Double]? = nil, cpuCapacityMHz: Double? = nil,
                memoryCapacityMiB: Double? = nil, networkMbps: [Double]? = nil, dimensionFractions: [String: [Double]] = [:]) {
        self.name = name
        self.cpu = cpu
        self.memoryMiB = memoryMiB
        self.cpuCapacityMHz = cpuCapacityMHz
        self.memoryCapacityMiB = memoryCapacityMiB
        self.networkMbps = networkMbps
        self.dimensionFractions = dimensionFractions
    }
}

/// Largest value any trace field may hold: beyond it a value is absurd, not a measurement.
let absurdMagnitude = 1e12

/// Parses a trace value: a finite, non-negative decimal number (no hex floats, no `nan`/`inf`),
/// at most `maximum` (default: an absurd magnitude). Throws with file and line.
func parseUtilisation(_ text: Substring, file: String, line: Int, what: String = "value",
                      maximum: Double = absurdMagnitude) throws -> Double {
    var slice = text[...]
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
    let trimmed = String(slice)
    if trimmed.isEmpty { throw TraceError(file: file, line: line, message: "gap: empty \(what)") }
    let decimal = trimmed.unicodeScalars.allSatisfy { "0123456789.eE+-".unicodeScalars.contains($0) }
    guard decimal, let value = Double(trimmed), value.isFinite else {
        throw TraceError(file: file, line: line, message: "non-numeric \(what) '\(trimmed)' (expected a decimal number)")
    }
    if value < 0 { throw TraceError(file: file, line: line, message: "negative \(what) \(trimmed)") }
    if value > maximum {
        throw TraceError(file: file, line: line, message: "\(what) \(trimmed) is above \(BitbrainsTraceReader.formatted(maximum))")
    }
    return value
}

/// Reads a whole text file, as UTF-8.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw TraceError(file: path, line: nil, message: "cannot read file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw TraceError(file: path, line: nil, message: "not UTF-8 text")
    }
    return text
}

/// Regular files of a directory, names sorted (byte order) for determinism; hidden files and
/// README files are skipped.
func sortedFiles(in directory: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw TraceError(file: directory, line: nil, message: "not a directory")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    return names.filter { name in
        if name.hasPrefix(".") || name.uppercased().hasPrefix("README") { return false }
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &dir) && !dir.boolValue
    }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}
