import Foundation

/// Reads Bitbrains GWA-T-12 VM traces (Shen, van Beek, Iosup, CCGrid 2015): one CSV per VM,
/// fields separated by ';' (and tabs), header `Timestamp [ms]; CPU cores; CPU capacity
/// provisioned [MHZ]; CPU usage [MHZ]; CPU usage [%]; Memory capacity provisioned [KB];
/// Memory usage [KB]; Disk read …; Disk write …; Network received …; Network transmitted …`
/// (timestamps are Unix seconds). CPU usage [%] becomes the CPU fraction, memory usage the
/// memory in MiB, the provisioned MHz the VM's capacity. Rows are taken as consecutive steps. The
/// monitoring sometimes skips one sample (the shared day-1 subset has 286–288 rows): up to
/// `fillableMissingSamples` missing samples (default 1) are filled by linear interpolation
/// between their neighbours; a longer gap is rejected (file and line), as are negative and
/// non-numeric values and timestamps that go back (a repeated timestamp: the row is skipped with a warning). CPU usage above 100 %, memory in use
/// above the provisioned memory and a provisioned CPU capacity of 0 occur in this data (the
/// public Rnd set has all three) and are accepted with a warning naming the file and line. Network traffic is received +
/// transmitted KB/s (1 KB = 1 000 bytes), kept as Mbit/s.
///
/// - Complexity: O(bytes) (``NumericFieldRows``).
public enum BitbrainsTraceReader {
    public static func read(directory: String, intervalSeconds: Double = 300, fillableMissingSamples: Int = 1) throws -> [UtilisationTrace] {
        let files = try sortedFiles(in: directory).filter { $0.lowercased().hasSuffix(".csv") }
        if files.isEmpty { throw TraceError(file: directory, line: nil, message: "no .csv trace files") }
        return try files.map {
            try read(file: directory + "/" + $0, intervalSeconds: intervalSeconds, fillableMissingSamples: fillableMissingSamples)
        }
    }

    public static func read(file path: String, intervalSeconds: Double = 300, fillableMissingSamples: Int = 1) throws -> UtilisationTrace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TraceError(file: path, line: nil, message: "cannot read file")
        }
        var series = Series()
        do {
            try NumericFieldRows.forEach(in: data, minimumFields: 7, maximumFields: 11) { line, fields in
                try series.add(Row(fields, file: path, line: line), file: path, line: line,
                               intervalSeconds: intervalSeconds, fillableMissingSamples: fillableMissingSamples)
            }
        } catch let problem as NumericRowProblem {
            throw TraceError(file: path, line: problem.line, message: message(problem.kind))
        }
        if series.cpu.isEmpty { throw TraceError(file: path, line: nil, message: "no samples") }
        var trace = UtilisationTrace(name: (path as NSString).lastPathComponent, cpu: series.cpu, memoryMiB: series.memory,
                                     cpuCapacityMHz: series.capacity, memoryCapacityMiB: series.memoryCapacity,
                                     networkMbps: series.network)
        trace.warnings = series.warnings
        return trace
    }

    /// The names of the fields the reader uses, by position.
    static let fieldNames = [0: "timestamp", 2: "CPU capacity", 4: "CPU usage [%]", 5: "memory capacity", 6: "memory usage",
                             9: "network received", 10: "network transmitted"]

    static func message(_ kind: NumericRowProblem.Kind) -> String {
        func name(_ field: Int) -> String { fieldNames[field] ?? "field \(field + 1)" }
        switch kind {
        case let .tooFewFields(found): return "expected at least 7 ';'-separated fields, found \(found)"
        case let .empty(field): return "gap: empty \(name(field))"
        case let .notANumber(field, text): return "non-numeric \(name(field)) '\(text)' (expected a decimal number)"
        case let .negative(field, text): return "negative \(name(field)) \(text)"
        }
    }

    /// One row's values in the trace's units.
    private struct Row {
        var time, provisionedMHz, percent, memoryProvisionedKB, memoryKB, trafficKBps: Double

        init(_ fields: [Double], file: String, line: Int) throws {
            for (index, name) in fieldNames where index < fields.count && fields[index] > absurdMagnitude {
                throw TraceError(file: file, line: line,
                                 message: "\(name) \(formatted(fields[index])) is above \(formatted(absurdMagnitude))")
            }
            time = fields[0]
            provisionedMHz = fields[2]
            percent = fields[4]
            memoryProvisionedKB = fields[5]
            memoryKB = fields[6]
            trafficKBps = fields.count >= 11 ? fields[9] + fields[10] : 0
        }
    }

    /// The series read so far, with the rules for repeated timestamps, gaps and warnings.
    private struct Series {
        var cpu: [Double] = [], memory: [Double] = [], network: [Double] = []
        var capacity: Double?, memoryCapacity: Double?
        var warnings: [String] = []
        var previousTime: Double?

        mutating func add(_ row: Row, file path: String, line lineNumber: Int, intervalSeconds: Double,
                          fillableMissingSamples: Int) throws {
            let time = row.time
            if let previousTime {
                if time == previousTime {
                    // The public 2-week set repeats a few timestamps: the first row is kept.
                    warnings.append("\(path):\(lineNumber): timestamp \(formatted(time)) repeated: row skipped")
                    return
                }
                if time < previousTime {
                    throw TraceError(file: path, line: lineNumber, message: "timestamp \(formatted(time)) before the previous one")
                }
            }
            if row.provisionedMHz == 0, warnings.count < 20 {
                warnings.append("\(path):\(lineNumber): CPU capacity provisioned is 0 MHz (the VM's capacity is taken from a row that states one)")
            }
            if row.percent > 100 { warnings.append("\(path):\(lineNumber): CPU usage \(formatted(row.percent)) % is above 100 %") }
            if row.memoryProvisionedKB > 0, row.memoryKB > row.memoryProvisionedKB * 1.0001 {
                warnings.append("\(path):\(lineNumber): memory in use \(formatted(row.memoryKB)) KB is above the provisioned \(formatted(row.memoryProvisionedKB)) KB")
            }
            let sample = (cpu: row.percent / 100, memory: row.memoryKB / 1024, network: row.trafficKBps * 0.008)
            if let previousTime, time - previousTime > 1.5 * intervalSeconds {
                let missing = Int(((time - previousTime) / intervalSeconds).rounded()) - 1
                if missing > fillableMissingSamples {
                    throw TraceError(file: path, line: lineNumber,
                                     message: "gap: \(formatted(time - previousTime)) s since the previous sample (step \(formatted(intervalSeconds)) s)")
                }
                if let lastCPU = cpu.last, let lastMemory = memory.last, let lastNetwork = network.last {
                    for i in 1...max(1, missing) {
                        let f = Double(i) / Double(missing + 1)
                        cpu.append(lastCPU + (sample.cpu - lastCPU) * f)
                        memory.append(lastMemory + (sample.memory - lastMemory) * f)
                        network.append(lastNetwork + (sample.network - lastNetwork) * f)
                    }
                }
            }
            previousTime = time
            if capacity == nil, row.provisionedMHz > 0 { capacity = row.provisionedMHz }
            if memoryCapacity == nil, row.memoryProvisionedKB > 0 { memoryCapacity = row.memoryProvisionedKB / 1024 }
            cpu.append(sample.cpu)
            memory.append(sample.memory)
            network.append(sample.network)
        }
    }

    static func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
