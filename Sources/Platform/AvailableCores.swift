import Foundation

/// How many cores this process may run on — what deciding to use a second thread needs.
/// Foundation's `activeProcessorCount` counts every core of the machine; on Linux the process's
/// CPU affinity (`taskset`, container CPU sets), read from /proc/self/status
/// ("Cpus_allowed_list:\t0-3,6"), may allow fewer.
public enum AvailableCores {
    /// The cores this process may run on (at least 1).
    public static let count: Int = {
        let all = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
           let list = line.split(separator: ":", maxSplits: 1).last,
           let allowed = cpuListCount(String(list)) {
            return Swift.min(allowed, all)
        }
        #endif
        return all
    }()

    /// The number of CPUs in a kernel CPU list ("0-3,6" → 5), nil when it does not parse.
    static func cpuListCount(_ list: String) -> Int? {
        var count = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1: guard bounds[0] != nil else { return nil }; count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                count += high - low + 1
            default: return nil
            }
        }
        return count > 0 ? count : nil
    }
}
