// capacity-bench: end-to-end speed of nightly planning at scale (a benchmark, not a test).
//
//   capacity-bench --traces DIR --inventory FILE --vms N [--seed S] [--repeat R]
//
// Reads the traces once (e.g. the 100 VMs of bitbrains-rnd-2weeks), generates N VMs from them —
// VM i copies sample VM i mod 100, scaled by a seeded factor in [0.5, 1.5) and shifted by a seeded
// 0–11 steps — and times the whole plan (forecast with auto selection, sizing, time-slot and peak
// packings with their bounds, N+k, right-sizing, runway, the JSON, Markdown and HTML reports) R times.
import CapacityPlanning
import Foundation
import InstanceFormats
import PlacementModel

func argument(_ name: String) -> String? {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[i + 1]
}

guard let traces = argument("--traces"), let inventoryPath = argument("--inventory"), let vmCount = argument("--vms").flatMap(Int.init) else {
    FileHandle.standardError.write(Data("usage: capacity-bench --traces DIR --inventory FILE --vms N [--seed S] [--repeat R] [--hosts H]\n".utf8))
    exit(2)
}
let seed = argument("--seed").flatMap(UInt64.init) ?? 1
let repeats = argument("--repeat").flatMap(Int.init) ?? 1
var inventory: Instance
do { inventory = try InstanceFile.read(path: inventoryPath).instance } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(1)
}
// Enough hosts for the generated demand (copies of the first host).
if let hosts = argument("--hosts").flatMap(Int.init), let template = inventory.hosts.first {
    inventory.hosts = (0..<hosts).map { i in var h = template; h.id = "bench-\(i + 1)"; return h }
}
let config = PlanningConfig()
let readStart = Date()
let sample = try TraceLoader.load(directory: traces, inventory: inventory, config: config)
let readSeconds = Date().timeIntervalSince(readStart)
var generator = SplitMix64(seed: seed)
var vms: [VMHistory] = []
vms.reserveCapacity(vmCount)
for i in 0..<vmCount {
    let source = sample.vms[i % sample.vms.count]
    let factor = 0.5 + Double(generator.next() % 1000) / 1000
    let shift = Int(generator.next() % 12)
    let series = source.series.map { s in (0..<s.count).map { t in s[max(0, t - shift)] * factor } }
    vms.append(VMHistory(id: "g\(i + 1)", series: series, provisioned: source.provisioned.map { $0.map { $0 * factor } }, source: source.source))
}
let history = DemandHistory(dimensions: sample.dimensions, intervalSeconds: sample.intervalSeconds, startDate: sample.startDate, vms: vms)
print("capacity-bench: \(vmCount) VMs × \(history.stepCount / history.stepsPerDay) days from \(sample.vms.count) sample VMs (read in \(String(format: "%.2f", readSeconds)) s), \(inventory.hosts.count) inventory hosts, \(ProcessInfo.processInfo.activeProcessorCount) cores")
for r in 1...repeats {
    let start = Date()
    let (past, date) = CapacityPlanner.cut(history, at: nil)
    let plan = try CapacityPlanner.plan(past, inventory: inventory, config: config, date: date) { line in
        if repeats == 1 { FileHandle.standardError.write(Data("  \(line)\n".utf8)) }
    }
    let json = PlanJSON.plan(plan).rendered()
    let nights = [PlanHistory.record(of: plan)]
    let sizes = [json.utf8.count, CapacityReport.markdown(plan, nights: nights).utf8.count, CapacityReport.html(plan, nights: nights).utf8.count]
    let seconds = Date().timeIntervalSince(start)
    print("run \(r): \(String(format: "%.2f", seconds)) s plan + reports (+ \(String(format: "%.2f", readSeconds)) s reading the sample); hosts needed \(plan.timeSlot.hostsNeeded) (bound \(plan.timeSlot.lowerBound), \(plan.timeSlot.method)), peak sizing \(plan.peak.hostsNeeded), N+1 \(plan.failover.hostsNeeded); output \(sizes.reduce(0, +)) bytes")
}
