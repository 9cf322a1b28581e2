import PlacementModel

/// Maximum correlation (MC) VM selection: the VM whose CPU utilisation history is best explained
/// by the histories of the other VMs on its host (highest multiple correlation R², from an
/// ordinary least-squares regression with intercept of its history on theirs) leaves first —
/// the more correlated the loads, the likelier they peak together and overload the host.
///
/// As in CloudSim's `PowerVmSelectionPolicyMaximumCorrelation`: the histories are cut to the
/// shortest one (most recent samples); when there are not more samples than VMs (no degrees of
/// freedom) or the regression is singular, the `fallback` order is used (CloudSim: MMT). Each
/// call returns the full leaving order: the highest R² first; the rest as the fallback orders
/// them (callers that remove VMs one at a time call again, as CloudSim does).
///
/// Beloglazov & Buyya, CCPE 24(13), 2012, Section 5.2 (MC policy); multiple correlation after
/// Abdi, "Multiple correlation coefficient", 2007.
///
/// - Complexity: O(n · (n²·m + n³)) for n VMs on the host and m history samples.
public struct MaximumCorrelationSelection: VMSelectionPolicy {
    public let fallback: any VMSelectionPolicy

    public init(fallback: any VMSelectionPolicy) { self.fallback = fallback }

    public var name: String { "mc" }
    public var summary: String { "maximum multiple correlation of CPU utilisation history with the host's other VMs" }
    public var citation: String { "Beloglazov & Buyya, CCPE 24(13):1397-1420, 2012 (MC)" }

    public func order(vmsOn host: Int, state: PackingState, context: PolicyContext) -> [Int] {
        let fallbackOrder = fallback.order(vmsOn: host, state: state, context: context)
        let vms = state.placement.hostOfVM.indices.filter { state.placement[$0] == host }
        guard vms.count >= 2, let coefficients = Self.coefficients(of: vms, history: context.vmHistory) else {
            return fallbackOrder
        }
        var bestIndex = 0
        var bestValue = -Double.infinity
        for (i, r2) in coefficients.enumerated() where r2.isFinite && r2 > bestValue {
            bestValue = r2
            bestIndex = i
        }
        let first = vms[bestIndex]
        return [first] + fallbackOrder.filter { $0 != first }
    }

    /// R² of each VM's history regressed on the others' (same order as `vms`), or `nil` when
    /// there are too few samples or the histories are linearly dependent (singular covariance).
    ///
    /// Uses the identity R²_i = 1 − 1 / (C_ii · (C⁻¹)_ii) for the covariance matrix C of the
    /// centred histories — the coefficient of determination of the least-squares regression with
    /// intercept of VM i on all the others — so one n × n inversion replaces n regressions.
    public static func coefficients(of vms: [Int], history: [[Double]]) -> [Double]? {
        guard var augmented = augmentedCovariance(of: vms, history: history) else { return nil }
        let n = vms.count
        let w = 2 * n
        var diagonal = [Double](repeating: 0, count: n)
        // The inverse by Gauss-Jordan with partial pivoting, on raw buffers (no bounds or
        // uniqueness check per element).
        let invertible = augmented.withUnsafeMutableBufferPointer { a in
            for i in 0..<n { diagonal[i] = a[i * w + i] }
            let scale = diagonal.max() ?? 0
            guard scale > 0 else { return false }
            // Columns left of `col` are never read again once column `col` is eliminated, so each
            // step updates columns col..<w only; and only the columns where the pivot row is not
            // zero (subtracting f·0 from a finite value changes at most the sign of a zero, which
            // no later step or result depends on). The same values everywhere they are read.
            guard let base = a.baseAddress else { return false }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: w) { nonzero in
                for col in 0..<n {
                    var pivot = col
                    for r in (col + 1)..<max(col + 1, n) where abs(a[r * w + col]) > abs(a[pivot * w + col]) { pivot = r }
                    if abs(a[pivot * w + col]) <= 1e-10 * scale { return false }
                    if pivot != col { for c in col..<w { a.swapAt(col * w + c, pivot * w + c) } }
                    let pivotRow = base + col * w
                    let p = pivotRow[col]
                    var count = 0
                    for c in col..<w {
                        pivotRow[c] /= p
                        if pivotRow[c] != 0 {
                            nonzero[count] = c
                            count += 1
                        }
                    }
                    for r in 0..<n where r != col {
                        let row = base + r * w
                        let f = row[col]
                        if f == 0 { continue }
                        for k in 0..<count {
                            let c = nonzero[k]
                            row[c] -= f * pivotRow[c]
                        }
                    }
                }
                return true
            }
        }
        guard invertible else { return nil }
        let a = augmented
        return (0..<n).map { i in
            let product = diagonal[i] * a[i * w + n + i]
            return product > 0 ? max(0, min(1, 1 - 1 / product)) : 0
        }
    }

    /// [C | I], row-major n × 2n, for the (scaled) covariance matrix C of the histories of `vms`
    /// centred on their means, cut to the shortest (most recent samples); `nil` when there are
    /// not more samples than VMs (or fewer than 2 VMs, or an unknown VM).
    static func augmentedCovariance(of vms: [Int], history: [[Double]]) -> [Double]? {
        guard vms.allSatisfy({ $0 >= 0 && $0 < history.count }) else { return nil }
        let m = vms.map { history[$0].count }.min() ?? 0
        let n = vms.count
        guard n >= 2, m > n else { return nil }
        // Centred data, row-major n × m.
        var data = [Double](repeating: 0, count: n * m)
        for (i, vm) in vms.enumerated() {
            let series = history[vm].suffix(m)
            let mean = series.reduce(0, +) / Double(m)
            for (t, value) in series.enumerated() { data[i * m + t] = value - mean }
        }
        let w = 2 * n
        var augmented = [Double](repeating: 0, count: n * w)
        augmented.withUnsafeMutableBufferPointer { a in
            data.withUnsafeBufferPointer { data in
                for i in 0..<n {
                    for j in i..<n {
                        var sum = 0.0
                        for t in 0..<m { sum += data[i * m + t] * data[j * m + t] }
                        a[i * w + j] = sum
                        a[j * w + i] = sum
                    }
                    a[i * w + n + i] = 1
                }
            }
        }
        return augmented
    }
}
