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
    /// - Complexity: O(n + span of the host indices) when that span is at most a few times n
    ///   (marks in a table), else O(n log n) (sort, then drop repeats).
    public var usedHosts: [Int] {
        var lowest = Int.max, highest = Int.min, count = 0
        for case let host? in hostOfVM {
            lowest = Swift.min(lowest, host)
            highest = Swift.max(highest, host)
            count += 1
        }
        guard count > 0 else { return [] }
        let (span, overflow) = highest.subtractingReportingOverflow(lowest)
        if !overflow && span < 4 * count + 64 {
            var used = [Bool](repeating: false, count: span + 1)
            for case let host? in hostOfVM { used[host - lowest] = true }
            var hosts: [Int] = []
            for i in 0...span where used[i] { hosts.append(lowest + i) }
            return hosts
        }
        var hosts = hostOfVM.compactMap { $0 }
        hosts.sort()
        var distinct = 0
        for i in hosts.indices where i == 0 || hosts[i] != hosts[i - 1] {
            hosts[distinct] = hosts[i]
            distinct += 1
        }
        hosts.removeLast(hosts.count - distinct)
        return hosts
    }

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
