/// Which host each VM runs on: `hostOfVM[v]` is an index into `Instance.hosts`, or `nil`
/// for a VM left unplaced.
public struct Placement: Sendable, Hashable {
    public var hostOfVM: [Int?]

    public init(hostOfVM: [Int?]) { self.hostOfVM = hostOfVM }

    /// A placement of `count` VMs, none placed.
    public static func empty(_ count: Int) -> Placement { Placement(hostOfVM: Array(repeating: nil, count: count)) }

    public subscript(vm: Int) -> Int? {
        get { hostOfVM[vm] }
        set { hostOfVM[vm] = newValue }
    }

    /// Sorted indices of hosts that run at least one VM.
    public var usedHosts: [Int] { Array(Set(hostOfVM.compactMap { $0 })).sorted() }

    /// VMs on each host, indexed by host.
    public func vmsByHost(hostCount: Int) -> [[Int]] {
        var result = Array(repeating: [Int](), count: hostCount)
        for (vm, host) in hostOfVM.enumerated() { if let host { result[host].append(vm) } }
        return result
    }

    /// VMs whose host differs from `current`'s (placed in both and moved).
    public func movedVMs(from current: Placement) -> [Int] {
        hostOfVM.indices.filter { vm in
            if let from = current.hostOfVM[vm], let to = hostOfVM[vm] { return from != to }
            return false
        }
    }
}
