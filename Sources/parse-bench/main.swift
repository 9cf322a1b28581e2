// parse-bench — how long parsing and validating a large instance takes, minified and indented.
//
//   parse-bench [--vms N] [--hosts N] [--repeat R] [--write FILE] [--output FILE] [--one-line-only]
//
// Generates a seeded instance of N VMs (3 dimensions, every VM with a current host), as one line
// (what every JSON library writes) and with one entry per line, then times, for each layout, the
// JSON parser alone and the full `InstanceJSON.decode` (parse, field decoding, validation). Prints
// a Markdown table (wall and CPU seconds, peak resident memory of the process so far);
// `--write FILE` also saves the one-line instance for `vmplace validate FILE`.
import Foundation
import InstanceFormats
import PlacementModel
import Platform

/// The benchmark's options, from the command line.
struct BenchOptions {
    var vms = 1_000_000
    var hosts = 100_000
    var repeats = 1
    var writePath: String?
    var outputPath: String?
    var layouts = [true, false]

    init(arguments: [String]) {
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        func count(_ flag: String) -> Int {
            let text = value(flag)
            guard let number = Int(text), number > 0 else { fail("\(flag): a positive integer expected, got \(text)") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--vms": vms = count(argument)
            case "--hosts": hosts = count(argument)
            case "--repeat": repeats = count(argument)
            case "--write": writePath = value(argument)
            case "--output": outputPath = value(argument)
            case "--one-line-only": layouts = [true]
            case "--help", "-h":
                print("usage: parse-bench [--vms N] [--hosts N] [--repeat R] [--write FILE] [--output FILE] [--one-line-only]\n"
                      + "example: parse-bench --vms 1000000 --output Results/parsing/parse-bench.md")
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("parse-bench: \(message)\n".utf8))
    exit(2)
}

/// A seeded instance with `vms` VMs on `hosts` hosts, one line or one entry per line.
func generateInstance(vms: Int, hosts: Int, oneLine: Bool) -> String {
    var random = SplitMix64(seed: 18)
    let separator = oneLine ? "," : ",\n    "
    let open = oneLine ? "" : "\n    "
    var text = "{\"format\":\"vmplace-instance\",\"version\":1,\"name\":\"parse-bench-\(vms)\","
    text += "\"description\":\"\(vms) VMs for the parser benchmark\",\"dimensions\":[\"cpu\",\"mem\",\"net\"],"
    text += "\"hosts\":[\(open){\"id\":\"h\",\"count\":\(hosts),\"capacity\":[64,256,10]}],\"vms\":[\(open)"
    text.reserveCapacity(vms * 70)
    for v in 0..<vms {
        if v > 0 { text += separator }
        let cpu = Int(random.next() % 16) + 1, mem = Int(random.next() % 64) + 1, net = Double(random.next() % 100) / 100
        text += "{\"id\":\"vm\(v)\",\"demand\":[\(cpu),\(mem),\(net)],\"currentHost\":\"h-\(v % hosts + 1)\"}"
    }
    text += oneLine ? "]}" : "\n  ]\n}\n"
    return text
}

/// Wall and CPU seconds of `body`.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu0 = ProcessResources.cpuSeconds, wall0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9, ProcessResources.cpuSeconds - cpu0)
}

let options = BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
var table = """
| layout | bytes | lines | step | wall s | CPU s | peak RSS MiB |
|---|---:|---:|---|---:|---:|---:|

"""
for oneLine in options.layouts {
    let text = generateInstance(vms: options.vms, hosts: options.hosts, oneLine: oneLine)
    if oneLine, let path = options.writePath {
        do { try AtomicFile.write(text, to: path) } catch { fail(error.description) }
    }
    let lines = text.utf8.reduce(into: 1) { if $1 == 0x0A { $0 += 1 } }
    let layout = oneLine ? "one line" : "one entry per line"
    for _ in 0..<options.repeats {
        let parse = measure { _ = try? JSONParser.parse(text) }
        var vmCount = 0
        let decode = measure {
            do { vmCount = try InstanceJSON.decode(text, file: "generated.json").instance.vms.count } catch let error as InvalidInput { fail(error.description) } catch { fail("\(error)") }
        }
        guard vmCount == options.vms else { fail("decoded \(vmCount) VMs, generated \(options.vms)") }
        for (step, time) in [("parse", parse), ("parse + decode + validate", decode)] {
            table += "| \(layout) | \(text.utf8.count) | \(lines) | \(step) | \(String(format: "%.2f", time.wall)) | \(String(format: "%.2f", time.cpu)) | \(String(format: "%.0f", ProcessResources.peakResidentMiB)) |\n"
        }
    }
}
if let path = options.outputPath {
    do { try AtomicFile.write(table, to: path) } catch { fail(error.description) }
}
print(table, terminator: "")
