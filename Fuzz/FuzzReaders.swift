// Coverage-guided fuzz target (libFuzzer) for the readers of untrusted input: the JSON instance
// reader, the VPSolver .vbp reader and the solution (placement and plan) reader. Built and run by
// Fuzz/run.sh; the seeds are in Fuzz/corpus/readers/.
//
// The first byte of an input picks the reader (modulo 4), the rest is the text. A reader may
// accept or reject the text; it must never trap, hang or accept what it cannot write back: an
// accepted instance is encoded and decoded again and must come back equal.
import InstanceFormats
import PlacementModel

/// The instance solutions are read against (the bundled small-cluster example, embedded so the
/// target needs no file).
let solutionInstance: Instance = {
    let text = """
    {"version": 1, "dimensions": ["cpu", "mem"], "memoryDimension": "mem",
     "hosts": [{"id": "a", "capacity": [16, 64], "site": "east"}, {"id": "b", "count": 2, "capacity": [32, 128], "site": "west"}],
     "vms": [{"id": "web", "count": 2, "demand": [4, 8], "memoryMiB": 8192, "currentHost": "a"},
             {"id": "db", "demand": [6, 24], "currentHost": "b-1"}, {"id": "new", "demand": [1, 2]}],
     "antiAffinity": [{"name": "spread", "vms": ["web-1", "web-2"]}]}
    """
    do { return try InstanceJSON.decode(text).instance } catch { fatalError("the embedded instance is invalid: \(error)") }
}()

/// The fuzzer's limit on hosts, VMs and items. The readers' own limit (1 000 000) is linear to
/// reach but takes a minute under AddressSanitizer at -Onone, which libFuzzer reports as a hang;
/// the limit's code path is the same at 2 000.
let entityLimit = 2_000

/// Fails loudly (libFuzzer saves the input as a crash) when a property does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

func fuzzInstanceJSON(_ text: String) {
    guard let (instance, _) = try? InstanceJSON.decode(text, maximumEntities: entityLimit) else { return }
    require(instance.hosts.count <= entityLimit && instance.vms.count <= entityLimit, "more hosts or VMs than the limit")
    let again = try? InstanceJSON.decode(InstanceJSON.encode(instance), maximumEntities: entityLimit).instance
    require(again == instance, "an accepted instance does not survive encode → decode")
}

func fuzzVBP(_ text: String) {
    let options = VBPFormat.DecodingOptions(maximumItems: entityLimit)
    guard let instance = try? VBPFormat.decode(text, options: options).instance else { return }
    require(instance.vms.count <= entityLimit, "more items than the limit")
    if let (exported, _) = try? VBPFormat.encode(instance) {
        // Export merges equal item types, so the items come back as the same multiset.
        func items(_ instance: Instance?) -> [[Double]]? { instance?.vms.map(\.demand.values).sorted { $0.lexicographicallyPrecedes($1) } }
        require(items(try? VBPFormat.decode(exported, options: options).instance) == items(instance), ".vbp export does not read back")
    }
}

func fuzzSolution(_ text: String) {
    if let placement = try? SolutionJSON.decodePlacement(text, instance: solutionInstance) {
        require(placement.hostOfVM.count == solutionInstance.vms.count, "a placement of the wrong size was accepted")
        require(placement.hostOfVM.allSatisfy { $0.map { solutionInstance.hosts.indices.contains($0) } ?? true }, "a placement names a host that does not exist")
    }
    _ = try? SolutionJSON.decodePlan(text, instance: solutionInstance)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    switch bytes[0] % 4 {
    case 0: fuzzInstanceJSON(text)
    case 1: fuzzVBP(text)
    default: fuzzSolution(text)
    }
    return 0
}
