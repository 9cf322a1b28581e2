import Foundation
import TestSupport
import XCTest
@testable import Simulation

final class TraceReaderTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "vmplace-traces-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testPlanetLabFolderSortedNamesWithSpaces() throws {
        _ = try write("b vm", "10\n20\n")
        _ = try write("a", "0\n99\n\n")
        let traces = try PlanetLabTraceReader.read(directory: directory)
        XCTAssertEqual(traces.map(\.name), ["a", "b vm"])
        XCTAssertEqual(traces[0].cpu, [0, 0.99])
        XCTAssertEqual(traces[1].cpu, [0.1, 0.2])
    }

    func assertTraceError(_ body: () throws -> Void, file expectedFile: String, line expectedLine: Int?, contains text: String,
                          sourceLine: UInt = #line) {
        do {
            try body()
            XCTFail("expected a TraceError", line: sourceLine)
        } catch let error as TraceError {
            XCTAssertEqual(error.file, expectedFile, line: sourceLine)
            XCTAssertEqual(error.line, expectedLine, line: sourceLine)
            XCTAssertTrue(error.description.contains(text), "\(error)", line: sourceLine)
        } catch {
            XCTFail("unexpected \(error)", line: sourceLine)
        }
    }

    func testPlanetLabRejectsGapNegativeAndNonNumeric() throws {
        let gap = try write("gap", "10\n\n30\n")
        assertTraceError({ _ = try PlanetLabTraceReader.read(file: gap) }, file: gap, line: 2, contains: "gap")
        let negative = try write("negative", "10\n20\n-5\n")
        assertTraceError({ _ = try PlanetLabTraceReader.read(file: negative) }, file: negative, line: 3, contains: "negative")
        let text = try write("text", "10\nabc\n")
        assertTraceError({ _ = try PlanetLabTraceReader.read(file: text) }, file: text, line: 2, contains: "non-numeric")
        // The folder reader reports the first bad file with its line.
        assertTraceError({ _ = try PlanetLabTraceReader.read(directory: directory) }, file: gap, line: 2, contains: "gap")
    }

    /// LF and CRLF line ends ("\r\n" is one Swift Character: a reader splitting Characters at
    /// "\n" would see one line) read alike, with the same line numbers in errors.
    func testPlainCSV() throws {
        for (suffix, newline) in [("", "\n"), ("-crlf", "\r\n")] {
            func file(_ name: String, _ text: String) throws -> String {
                try write(name + suffix + ".csv", text.replacingOccurrences(of: "\n", with: newline))
            }
            let good = try file("plain", "# comment\nweb,db\n10,20\n30,40.5\n")
            let traces = try PlainCSVTraceReader.read(file: good)
            XCTAssertEqual(traces.map(\.name), ["web", "db"])
            XCTAssertEqual(traces[0].cpu, [0.1, 0.3])
            XCTAssertEqual(traces[1].cpu, [0.2, 0.405])
            let gap = try file("gap", "web,db\n10,20\n30,\n")
            assertTraceError({ _ = try PlainCSVTraceReader.read(file: gap) }, file: gap, line: 3, contains: "gap")
            let negative = try file("neg", "web,db\n10,-2\n")
            assertTraceError({ _ = try PlainCSVTraceReader.read(file: negative) }, file: negative, line: 2, contains: "negative")
            let text = try file("text", "web,db\n10,2\nx,3\n")
            assertTraceError({ _ = try PlainCSVTraceReader.read(file: text) }, file: text, line: 3, contains: "non-numeric")
        }
    }

    func testPlainCSVRejectsADuplicateVMNameAtItsLine() throws {
        let duplicate = try write("dup.csv", "# two columns named web\nweb,db,web\n10,20,30\n")
        assertTraceError({ _ = try PlainCSVTraceReader.read(file: duplicate) }, file: duplicate, line: 2,
                         contains: "duplicate VM name \"web\" in header (columns 1 and 3)")
        // Names are compared after trimming: " db" is db.
        let spaced = try write("dup2.csv", "web, db,db\n1,2,3\n")
        assertTraceError({ _ = try PlainCSVTraceReader.read(file: spaced) }, file: spaced, line: 1, contains: "columns 2 and 3")
    }

    func testBitbrains() throws {
        let header = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n"
        let good = try write("1.csv", header
            + "1000;\t2;\t5000;\t100;\t2.0;\t8192;\t2048;\t0;\t0;\t0;\t0\n"
            + "1300;\t2;\t5000;\t250;\t5.0;\t8192;\t1024;\t0;\t0;\t0;\t0\n")
        let trace = try BitbrainsTraceReader.read(file: good)
        XCTAssertEqual(trace.cpu, [0.02, 0.05])
        XCTAssertEqual(trace.memoryMiB ?? [], [2, 1])
        XCTAssertEqual(trace.cpuCapacityMHz, 5000)
        let gap = try write("2.csv", header
            + "1000;\t2;\t5000;\t100;\t2.0;\t8192;\t2048;\t0;\t0;\t0;\t0\n"
            + "1900;\t2;\t5000;\t100;\t2.0;\t8192;\t2048;\t0;\t0;\t0;\t0\n")
        assertTraceError({ _ = try BitbrainsTraceReader.read(file: gap) }, file: gap, line: 3, contains: "gap")
        let oneMissing = try write("4.csv", header
            + "1000;\t2;\t5000;\t100;\t2.0;\t8192;\t2048;\t0;\t0;\t0;\t0\n"
            + "1600;\t2;\t5000;\t100;\t4.0;\t8192;\t1024;\t0;\t0;\t0;\t0\n")
        let filled = try BitbrainsTraceReader.read(file: oneMissing)
        XCTAssertEqual(filled.cpu.count, 3)
        XCTAssertEqual(filled.cpu[1], 0.03, accuracy: 1e-12)
        XCTAssertEqual(filled.memoryMiB?[1] ?? 0, 1.5, accuracy: 1e-12)
        assertTraceError({ _ = try BitbrainsTraceReader.read(file: oneMissing, fillableMissingSamples: 0) },
                         file: oneMissing, line: 3, contains: "gap")
        let text = try write("3.csv", header + "1000;\t2;\t5000;\t100;\tn/a;\t8192;\t2048;\t0;\t0;\t0;\t0\n")
        assertTraceError({ _ = try BitbrainsTraceReader.read(file: text) }, file: text, line: 2, contains: "non-numeric")
    }

    func testBitbrainsSharedDataWhenPresent() throws {
        guard let folder = SharedData.path("traces/bitbrains-rnd-day1/2013-7") else { throw XCTSkip("../shared/data Bitbrains traces absent") }
        let traces = try BitbrainsTraceReader.read(directory: folder)
        XCTAssertEqual(traces.count, 425)
        XCTAssertTrue(traces.allSatisfy { $0.cpu.count >= 280 && $0.cpu.count <= 288 })
    }

    func testScenarioParsing() throws {
        let scenario = try Scenario.parse("# events\n3 arrive a\n5 depart #1\n7 maintenance 0\n9 return 0\n")
        XCTAssertEqual(scenario.events.map(\.step), [3, 5, 7, 9])
        XCTAssertEqual(scenario.events.map(\.action), [.arrive, .depart, .maintenance, .returnToService])
        XCTAssertThrowsError(try Scenario.parse("1 explode a\n")) { error in
            XCTAssertEqual((error as? TraceError)?.line, 1)
        }
        XCTAssertThrowsError(try Scenario.parse("\n2 maintenance x\n")) { error in
            XCTAssertEqual((error as? TraceError)?.line, 2)
        }
    }

    /// "\r\n" is one Swift Character, so splitting at "\n" kept CRLF files in one line: every
    /// text reader now reads CRLF files like LF files, with the same line numbers in errors.
    func testCRLFFilesReadLikeLFFiles() throws {
        func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }
        let planetLab = "10\n20\n\n"
        XCTAssertEqual(try PlanetLabTraceReader.read(file: try write("pl-crlf", crlf(planetLab))).cpu,
                       try PlanetLabTraceReader.read(file: try write("pl-lf", planetLab)).cpu)
        assertTraceError({ _ = try PlanetLabTraceReader.read(file: try self.write("pl-gap", crlf("10\n\n30\n"))) },
                         file: directory + "/pl-gap", line: 2, contains: "gap")
        let bitbrains = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB]\n"
            + "1000;\t2;\t5000;\t100;\t2.0;\t8192;\t2048\n1300;\t2;\t5000;\t250;\t5.0;\t8192;\t1024\n"
        let lf = try BitbrainsTraceReader.read(file: try write("1-lf.csv", bitbrains))
        let crlfTrace = try BitbrainsTraceReader.read(file: try write("1-crlf.csv", crlf(bitbrains)))
        XCTAssertEqual(crlfTrace.cpu, [0.02, 0.05])
        XCTAssertEqual(crlfTrace.cpu, lf.cpu)
        XCTAssertEqual(crlfTrace.memoryMiB ?? [], lf.memoryMiB ?? [])
        let scenario = "# events\n3 arrive a\n5 depart #1\n"
        XCTAssertEqual(try Scenario.parse(crlf(scenario)).events.map(\.step), [3, 5])
        XCTAssertThrowsError(try Scenario.parse(crlf("\n2 maintenance x\n"))) { error in
            XCTAssertEqual((error as? TraceError)?.line, 2)
        }
    }
}

final class TracePlausibilityTests: XCTestCase {
    func temporary() throws -> String {
        let directory = NSTemporaryDirectory() + "vmplace-plausible-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        return directory
    }

    func testPlanetLabValuesOutsideZeroToHundredAreRejectedWithFileAndLine() throws {
        let directory = try temporary()
        for (text, message) in [("10\n150\n", "above 100"), ("10\n1e308\n", "above 100"), ("10\n0x1p3\n", "non-numeric"),
                                ("10\nnan\n", "non-numeric"), ("10\ninf\n", "non-numeric"), ("10\n-1\n", "negative")] {
            let path = directory + "/vm"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try PlanetLabTraceReader.read(file: path), text) { error in
                XCTAssertEqual((error as? TraceError)?.line, 2, "\(error)")
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }

    func testBitbrainsZeroCapacityAndBurstsAreWarnedAbout() throws {
        let directory = try temporary()
        let header = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n"
        let rows = "0;\t0;\t0.0;\t0;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n300;\t2;\t5000;\t100;\t120;\t1024;\t2048;\t0;\t0;\t100;\t25\n"
        try (header + rows).write(toFile: directory + "/1.csv", atomically: true, encoding: .utf8)
        let trace = try BitbrainsTraceReader.read(file: directory + "/1.csv")
        XCTAssertEqual(trace.cpuCapacityMHz, 5000)
        XCTAssertEqual(trace.memoryCapacityMiB, 1)
        XCTAssertEqual(trace.networkMbps?.last ?? 0, 1.0, accuracy: 1e-12)   // 125 KB/s = 1 Mbit/s
        XCTAssertEqual(trace.warnings.count, 3, "\(trace.warnings)")
        XCTAssertTrue(trace.warnings[0].contains("1.csv:2: CPU capacity provisioned is 0"), trace.warnings[0])
        try (header + "0;\t2;\t5000;\t1;\t1e300;\t1;\t1;\t0;\t0;\t0;\t0\n").write(toFile: directory + "/2.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BitbrainsTraceReader.read(file: directory + "/2.csv")) { XCTAssertEqual(($0 as? TraceError)?.line, 2) }
    }

    func testAMissingDayIsAnErrorNotTheParentFolder() throws {
        let directory = try temporary()
        try FileManager.default.createDirectory(atPath: directory + "/20110303", withIntermediateDirectories: true)
        try "10\n".write(toFile: directory + "/20110303/vm", atomically: true, encoding: .utf8)
        XCTAssertEqual(try SimulationConfiguration.dayDirectory(tracesDirectory: directory, day: "20110303"), directory + "/20110303")
        XCTAssertEqual(try SimulationConfiguration.dayDirectory(tracesDirectory: directory + "/20110303", day: "20110303"), directory + "/20110303")
        XCTAssertThrowsError(try SimulationConfiguration.dayDirectory(tracesDirectory: directory, day: "19990101")) { error in
            XCTAssertTrue("\(error)".contains("no folder for day 19990101 (days here: 20110303)"), "\(error)")
        }
    }

    func testCSVColumnsForOtherDimensions() throws {
        let directory = try temporary()
        try "a,a:mem,b\n10,50,20\n30,150,40\n".write(toFile: directory + "/t.csv", atomically: true, encoding: .utf8)
        let traces = try PlainCSVTraceReader.read(file: directory + "/t.csv")
        XCTAssertEqual(traces.map(\.name), ["a", "b"])
        XCTAssertEqual(traces[0].dimensionFractions["mem"], [0.5, 1.5])
        XCTAssertEqual(traces[0].warnings.count, 1)
        try "a:mem\n10\n".write(toFile: directory + "/u.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PlainCSVTraceReader.read(file: directory + "/u.csv"))
    }

    /// The in-place row reader: header and blank lines skipped, CRLF, blanks around fields, later
    /// fields not read; every malformed field named by line and position.
    func testNumericFieldRowsReadRowsAndNameProblems() throws {
        func rows(_ text: String, minimum: Int = 2, maximum: Int = 3) throws -> [[Double]] {
            var out: [[Double]] = []
            try NumericFieldRows.forEach(in: Data(text.utf8), minimumFields: minimum, maximumFields: maximum) { _, values in out.append(values) }
            return out
        }
        XCTAssertEqual(try rows("Timestamp; a; b\r\n1; 2.5;\t3e2 ; junk\r\n\n  \n4;5\n"), [[1, 2.5, 300], [4, 5]])
        XCTAssertEqual(try rows("7;8;9"), [[7, 8, 9]], "no header, no final newline")
        func problem(_ text: String) -> NumericRowProblem? {
            do { _ = try rows(text); return nil } catch { return error as? NumericRowProblem }
        }
        XCTAssertEqual(problem("1;2\n3\n"), NumericRowProblem(line: 2, kind: .tooFewFields(found: 1)))
        XCTAssertEqual(problem("1; ;2\n"), NumericRowProblem(line: 1, kind: .empty(field: 1)))
        XCTAssertEqual(problem("1;-2\n"), NumericRowProblem(line: 1, kind: .negative(field: 1, text: "-2")))
        for bad in ["nan", "inf", "0x1p3", "1.5e", "--1", "1e400", "1,5", "2 3"] {
            XCTAssertEqual(problem("h;h\n1;\(bad)\n"), NumericRowProblem(line: 2, kind: .notANumber(field: 1, text: bad)), bad)
        }
    }
}
