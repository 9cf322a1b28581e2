import Foundation
import Simulation

/// Reads Bitbrains GWA-T-12 VM traces onto a regular time grid, by timestamp. `Simulation`'s
/// `BitbrainsTraceReader` takes rows as consecutive steps (right for replaying one day); planning
/// needs more: days aligned with the calendar, VMs aligned with each other although the archive's
/// files drift by seconds, miss samples and (2-week Rnd set, VM 54) repeat timestamps, and the
/// provisioned memory, which the replay reader does not keep. Each sample falls into the step
/// ⌊(t − origin) / interval⌋; a step with several samples takes their mean; a run of up to
/// `maxGapSteps` empty steps is filled by linear interpolation (at the ends by the nearest
/// sample); a longer one is rejected naming the file and the line after the gap. CPU is the
/// `CPU usage [MHZ]` field, memory `Memory usage [KB]` / 1024 (MiB); the provisioned CPU and
/// memory are the largest stated in the file.
///
/// Shen, van Beek, Iosup, "Statistical characterization of business-critical workloads hosted in
/// cloud datacenters", CCGrid 2015 (the traces).
///
/// - Complexity: O(lines + steps) per file.
public enum BitbrainsTimeGridReader {
    /// One file's samples before alignment.
    public struct RawTrace: Sendable {
        public var file: String
        public var times: [Double]
        public var lines: [Int]
        public var cpuMHz: [Double]
        public var memoryMiB: [Double]
        public var provisionedCPUMHz: Double
        public var provisionedMemoryMiB: Double
    }

    /// One aligned trace.
    public struct GridTrace: Sendable {
        public var file: String
        public var cpuMHz: [Double]
        public var memoryMiB: [Double]
        public var provisionedCPUMHz: Double
        public var provisionedMemoryMiB: Double
    }

    /// Whether `file` looks like a Bitbrains trace (a header naming the timestamp and ';' fields).
    public static func looksLikeBitbrains(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 512), as: UTF8.self).lowercased()
        return head.hasPrefix("timestamp") && head.contains(";")
    }

    /// Parses one file (no alignment yet), in place (``Simulation/NumericFieldRows``: the 2-week
    /// Rnd set is 48 MB; a String per field costs seconds).
    public static func parse(file path: String) throws -> RawTrace {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw TraceError(file: path, line: nil, message: "cannot read file")
        }
        var raw = RawTrace(file: path, times: [], lines: [], cpuMHz: [], memoryMiB: [], provisionedCPUMHz: 0, provisionedMemoryMiB: 0)
        do {
            try NumericFieldRows.forEach(in: contents, minimumFields: 7, maximumFields: 7) { lineNumber, fields in
                if let last = raw.times.last, fields[0] < last {
                    throw TraceError(file: path, line: lineNumber, message: "field Timestamp: \(fields[0]) is before the previous sample's \(last)")
                }
                raw.times.append(fields[0])
                raw.lines.append(lineNumber)
                raw.provisionedCPUMHz = max(raw.provisionedCPUMHz, fields[2])
                raw.cpuMHz.append(fields[3])
                raw.provisionedMemoryMiB = max(raw.provisionedMemoryMiB, fields[5] / 1024)
                raw.memoryMiB.append(fields[6] / 1024)
            }
        } catch let problem as NumericRowProblem {
            throw TraceError(file: path, line: problem.line, message: message(problem.kind))
        }
        if raw.times.isEmpty { throw TraceError(file: path, line: nil, message: "no samples") }
        return raw
    }

    static func message(_ kind: NumericRowProblem.Kind) -> String {
        switch kind {
        case let .tooFewFields(found): return "expected at least 7 ';'-separated fields, found \(found)"
        case let .empty(field): return "field \(fieldNames[field]): empty"
        case let .notANumber(field, text): return "field \(fieldNames[field]): '\(text)' is not a number"
        case let .negative(field, text): return "field \(fieldNames[field]): negative value \(text)"
        }
    }

    static let fieldNames = ["Timestamp", "CPU cores", "CPU capacity provisioned [MHZ]", "CPU usage [MHZ]", "CPU usage [%]",
                             "Memory capacity provisioned [KB]", "Memory usage [KB]"]

    /// Aligns `raw` onto `steps` steps of `interval` seconds from Unix time `origin`.
    public static func align(_ raw: RawTrace, origin: Double, interval: Double, steps: Int, maxGapSteps: Int) throws -> GridTrace {
        var cpuSum = [Double](repeating: 0, count: steps), memorySum = cpuSum
        var count = [Int](repeating: 0, count: steps)
        var lineOfStep = [Int](repeating: 0, count: steps)
        for i in raw.times.indices {
            let step = Int(((raw.times[i] - origin) / interval).rounded(.down))
            guard step >= 0, step < steps else { continue }
            cpuSum[step] += raw.cpuMHz[i]
            memorySum[step] += raw.memoryMiB[i]
            count[step] += 1
            if lineOfStep[step] == 0 { lineOfStep[step] = raw.lines[i] }
        }
        let filled = (0..<steps).filter { count[$0] > 0 }
        guard let first = filled.first, let last = filled.last else {
            throw TraceError(file: raw.file, line: nil, message: "no samples inside the planning window")
        }
        var cpu = [Double](repeating: 0, count: steps), memory = cpu
        for s in filled {
            cpu[s] = cpuSum[s] / Double(count[s])
            memory[s] = memorySum[s] / Double(count[s])
        }
        if first > maxGapSteps {
            throw TraceError(file: raw.file, line: lineOfStep[first], message: "field Timestamp: the trace starts \(first) steps after the others (at most \(maxGapSteps) are filled)")
        }
        if steps - 1 - last > maxGapSteps {
            throw TraceError(file: raw.file, line: lineOfStep[last], message: "field Timestamp: the trace ends \(steps - 1 - last) steps before the others (at most \(maxGapSteps) are filled)")
        }
        for s in 0..<first { cpu[s] = cpu[first]; memory[s] = memory[first] }
        for s in (last + 1)..<steps { cpu[s] = cpu[last]; memory[s] = memory[last] }
        var previous = first
        for s in filled.dropFirst() {
            let gap = s - previous - 1
            if gap > maxGapSteps {
                throw TraceError(file: raw.file, line: lineOfStep[s], message: "field Timestamp: gap of \(gap) missing steps before this sample (at most \(maxGapSteps) are filled)")
            }
            for g in stride(from: 1, through: gap, by: 1) {
                let f = Double(g) / Double(gap + 1)
                cpu[previous + g] = cpu[previous] + (cpu[s] - cpu[previous]) * f
                memory[previous + g] = memory[previous] + (memory[s] - memory[previous]) * f
            }
            previous = s
        }
        return GridTrace(file: raw.file, cpuMHz: cpu, memoryMiB: memory,
                         provisionedCPUMHz: raw.provisionedCPUMHz, provisionedMemoryMiB: raw.provisionedMemoryMiB)
    }

}
