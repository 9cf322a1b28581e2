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
/// - Complexity: O(total lines).
public enum BitbrainsTraceReader {
    public static func read(directory: String, intervalSeconds: Double = 300, fillableMissingSamples: Int = 1) throws -> [UtilisationTrace] {
        let files = try sortedFiles(in: directory).filter { $0.lowercased().hasSuffix(".csv") }
        if files.isEmpty { throw TraceError(file: directory, line: nil, message: "no .csv trace files") }
        return try files.map {
            try read(file: directory + "/" + $0, intervalSeconds: intervalSeconds, fillableMissingSamples: fillableMissingSamples)
        }
    }

    public static func read(file path: String, intervalSeconds: Double = 300, fillableMissingSamples: Int = 1) throws -> UtilisationTrace {
        let text = try readText(path)
        // `isNewline` splits "\r\n" (one Character) as well as "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var cpu: [Double] = []
        var memory: [Double] = []
        var network: [Double] = []
        var capacity: Double?
        var memoryCapacity: Double?
        var warnings: [String] = []
        var previousTime: Double?
        var sawHeader = false
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if !sawHeader {
                sawHeader = true
                if line.lowercased().contains("timestamp") { continue }
            }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            guard fields.count >= 7 else {
                throw TraceError(file: path, line: lineNumber, message: "expected at least 7 ';'-separated fields, found \(fields.count)")
            }
            let time = try parseUtilisation(fields[0], file: path, line: lineNumber, what: "timestamp")
            if let previousTime {
                if time == previousTime {
                    // The public 2-week set repeats a few timestamps: the first row is kept.
                    warnings.append("\(path):\(lineNumber): timestamp \(formatted(time)) repeated: row skipped")
                    continue
                }
                if time < previousTime {
                    throw TraceError(file: path, line: lineNumber, message: "timestamp \(formatted(time)) before the previous one")
                }
            }
            let provisioned = try parseUtilisation(fields[2], file: path, line: lineNumber, what: "CPU capacity")
            if provisioned == 0, warnings.count < 20 {
                warnings.append("\(path):\(lineNumber): CPU capacity provisioned is 0 MHz (the VM's capacity is taken from a row that states one)")
            }
            let percent = try parseUtilisation(fields[4], file: path, line: lineNumber, what: "CPU usage [%]")
            if percent > 100 { warnings.append("\(path):\(lineNumber): CPU usage \(formatted(percent)) % is above 100 %") }
            let memoryProvisionedKB = try parseUtilisation(fields[5], file: path, line: lineNumber, what: "memory capacity")
            let memoryKB = try parseUtilisation(fields[6], file: path, line: lineNumber, what: "memory usage")
            if memoryProvisionedKB > 0, memoryKB > memoryProvisionedKB * 1.0001 {
                warnings.append("\(path):\(lineNumber): memory in use \(formatted(memoryKB)) KB is above the provisioned \(formatted(memoryProvisionedKB)) KB")
            }
            var traffic = 0.0
            if fields.count >= 11 {
                traffic = try parseUtilisation(fields[9], file: path, line: lineNumber, what: "network received")
                    + parseUtilisation(fields[10], file: path, line: lineNumber, what: "network transmitted")
            }
            if let previousTime, time - previousTime > 1.5 * intervalSeconds {
                let missing = Int(((time - previousTime) / intervalSeconds).rounded()) - 1
                if missing > fillableMissingSamples {
                    throw TraceError(file: path, line: lineNumber,
                                     message: "gap: \(formatted(time - previousTime)) s since the previous sample (step \(formatted(intervalSeconds)) s)")
                }
                if let lastCPU = cpu.last, let lastMemory = memory.last, let lastNetwork = network.last {
                    for i in 1...max(1, missing) {
                        let f = Double(i) / Double(missing + 1)
                        cpu.append(lastCPU + (percent / 100 - lastCPU) * f)
                        memory.append(lastMemory + (memoryKB / 1024 - lastMemory) * f)
                        network.append(lastNetwork + (traffic * 0.008 - lastNetwork) * f)
                    }
                }
            }
            previousTime = time
            if capacity == nil, provisioned > 0 { capacity = provisioned }
            if memoryCapacity == nil, memoryProvisionedKB > 0 { memoryCapacity = memoryProvisionedKB / 1024 }
            cpu.append(percent / 100)
            memory.append(memoryKB / 1024)
            network.append(traffic * 0.008)
        }
        if cpu.isEmpty { throw TraceError(file: path, line: nil, message: "no samples") }
        var trace = UtilisationTrace(name: (path as NSString).lastPathComponent, cpu: cpu, memoryMiB: memory,
                                     cpuCapacityMHz: capacity, memoryCapacityMiB: memoryCapacity, networkMbps: network)
        trace.warnings = warnings
        return trace
    }

    static func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
