#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this process has used so far, as the kernel accounts it: what a benchmark reports beside
/// wall time, which is inflated when the machine is shared.
public enum ProcessResources {
    /// User + system CPU time of this process (all its threads), seconds.
    public static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(selfWho, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident memory of this process so far, MiB (Linux reports `ru_maxrss` in KiB).
    public static var peakResidentMiB: Double {
        var usage = rusage()
        getrusage(selfWho, &usage)
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024
        #else
        return Double(usage.ru_maxrss) / (1024 * 1024)
        #endif
    }

    #if os(Linux)
    private static var selfWho: __rusage_who_t { __rusage_who_t(RUSAGE_SELF.rawValue) }
    #else
    private static var selfWho: Int32 { RUSAGE_SELF }
    #endif

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}
