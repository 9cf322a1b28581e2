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
    /// there are too few samples or a regression is singular.
    public static func coefficients(of vms: [Int], history: [[Double]]) -> [Double]? {
        guard vms.allSatisfy({ $0 < history.count }) else { return nil }
        let m = vms.map { history[$0].count }.min() ?? 0
        let n = vms.count
        guard m > n else { return nil }
        let data = vms.map { Array(history[$0].suffix(m)) }
        var result: [Double] = []
        result.reserveCapacity(n)
        for i in 0..<n {
            let regressors = (0..<n).filter { $0 != i }.map { data[$0] }
            guard let r2 = determination(y: data[i], regressors: regressors) else { return nil }
            result.append(r2)
        }
        return result
    }

    /// Coefficient of determination of an OLS fit y ≈ b0 + Σ b_j x_j; `nil` when singular.
    /// A constant y gives 0.
    static func determination(y: [Double], regressors: [[Double]]) -> Double? {
        let m = y.count
        let p = regressors.count + 1
        // Normal equations (XᵀX) b = Xᵀy with X = [1, x_1, ..., x_k].
        func column(_ j: Int, _ row: Int) -> Double { j == 0 ? 1 : regressors[j - 1][row] }
        var a = Array(repeating: Array(repeating: 0.0, count: p + 1), count: p)
        for r in 0..<p {
            for c in 0..<p {
                var s = 0.0
                for t in 0..<m { s += column(r, t) * column(c, t) }
                a[r][c] = s
            }
            var s = 0.0
            for t in 0..<m { s += column(r, t) * y[t] }
            a[r][p] = s
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..<p {
            var pivot = col
            for r in col..<p where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            let scale = a.map { abs($0[col]) }.max() ?? 0
            if abs(a[pivot][col]) <= 1e-12 * max(1, scale) { return nil }
            a.swapAt(col, pivot)
            for r in 0..<p where r != col {
                let f = a[r][col] / a[col][col]
                if f == 0 { continue }
                for c in col...p { a[r][c] -= f * a[col][c] }
            }
        }
        let b = (0..<p).map { a[$0][p] / a[$0][$0] }
        let mean = y.reduce(0, +) / Double(m)
        var total = 0.0
        var residual = 0.0
        for t in 0..<m {
            var fit = 0.0
            for j in 0..<p { fit += b[j] * column(j, t) }
            residual += (y[t] - fit) * (y[t] - fit)
            total += (y[t] - mean) * (y[t] - mean)
        }
        if total == 0 { return 0 }
        return 1 - residual / total
    }
}
